import { describe, expect, it, vi } from "vitest";
import { baselinePerWindow, EARLY_WARNING_DEFAULTS, isRising, risingTopicWatch } from "@server/inbox/earlyWarning.js";
import type { Services } from "@server/services.js";

// 14 days of one-hour windows: 336 windows in the baseline period.
const WINDOWS_IN_BASELINE = 14 * 24;

describe("the usual rate", () => {
  it("spreads the baseline period's items evenly over its windows", () => {
    expect(baselinePerWindow(0)).toBe(0);
    expect(baselinePerWindow(WINDOWS_IN_BASELINE)).toBe(1);
    expect(baselinePerWindow(2 * WINDOWS_IN_BASELINE)).toBe(2);
  });

  it("follows the window length and baseline days given as options", () => {
    expect(baselinePerWindow(14 * 48, { ...EARLY_WARNING_DEFAULTS, windowMinutes: 30 })).toBe(1);
    expect(baselinePerWindow(7 * 24, { ...EARLY_WARNING_DEFAULTS, baselineDays: 7 })).toBe(1);
  });
});

describe("the rising rule", () => {
  it("raises five reports in an hour against a near-zero baseline", () => {
    expect(isRising({ count: 5, baseline: 0 })).toBe(true);
    expect(isRising({ count: 5, baseline: baselinePerWindow(3) })).toBe(true);
  });

  it("never raises fewer than the minimum, however quiet the place usually is", () => {
    expect(isRising({ count: 4, baseline: 0 })).toBe(false);
    expect(isRising({ count: 2, baseline: 0 }, { ...EARLY_WARNING_DEFAULTS, minCount: 2 })).toBe(true);
  });

  it("needs at least three times the usual count plus one", () => {
    // Baseline 2 per hour: 3 × 2 + 1 = 7 is the first count that rises.
    expect(isRising({ count: 6, baseline: 2 })).toBe(false);
    expect(isRising({ count: 7, baseline: 2 })).toBe(true);
    // A fractional baseline: 3 × 1.5 + 1 = 5.5, so 5 stays quiet and 6 rises.
    expect(isRising({ count: 5, baseline: 1.5 })).toBe(false);
    expect(isRising({ count: 6, baseline: 1.5 })).toBe(true);
  });

  it("takes the factor as an option", () => {
    expect(isRising({ count: 5, baseline: 2 }, { ...EARLY_WARNING_DEFAULTS, factor: 2 })).toBe(true);
    expect(isRising({ count: 5, baseline: 2 }, { ...EARLY_WARNING_DEFAULTS, factor: 2.5 })).toBe(false);
  });
});

describe("the watch over changed items", () => {
  /** Services whose database records which item ids each check read, and finds none of them checkable. */
  function recordingServices() {
    const checks: { at: number; itemIds: string[] }[] = [];
    const db = {
      transaction: async (work: (sql: { query: (text: string, values: unknown[]) => Promise<unknown[]> }) => unknown) =>
        work({
          query: async (_text, values) => {
            checks.push({ at: Date.now(), itemIds: JSON.parse(values[0] as string) as string[] });
            return [];
          },
        }),
    };
    return { services: { db, logger: { error: () => {} } } as unknown as Services, checks };
  }

  it("checks a lone item at once, and gathers a burst into checks at least half a second apart", async () => {
    const { services, checks } = recordingServices();
    const watch = risingTopicWatch(services);
    const noted = Date.now();
    watch.note("a");
    await vi.waitFor(() => expect(checks).toHaveLength(1));
    expect(checks[0]!.at - noted).toBeLessThan(200);
    for (const id of ["b", "c", "d"]) watch.note(id);
    await vi.waitFor(() => expect(checks).toHaveLength(2), { timeout: 2000 });
    expect(checks.map((check) => check.itemIds)).toEqual([["a"], ["b", "c", "d"]]);
    expect(checks[1]!.at - checks[0]!.at).toBeGreaterThanOrEqual(450);
    await watch.stop();
  });
});
