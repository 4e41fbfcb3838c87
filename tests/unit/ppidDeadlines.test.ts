import { describe, expect, it } from "vitest";
import { dateColumn, ppidCalendarFor } from "@server/ppid/calendar.js";
import { deadlineState, objectionWindows, type RequestTimes } from "@server/ppid/deadlines.js";
import { maskIdentityNumber } from "@server/ppid/identity.js";
import { normalizeAccessCode, newAccessCode, normalizeRegistrationNumber } from "@server/ppid/numbers.js";

// When each reason of Pasal 35(1) exists and how long it stays open; deadline states; the masks
// and codes applicants see. Dates counted by hand on the 2026 calendar (see ppidCalendar.test.ts).
const wib = ppidCalendarFor("Asia/Jakarta");
const request = (overrides: Partial<RequestTimes> = {}): RequestTimes => ({
  receivedAt: new Date("2026-08-03T09:00+07:00"),
  noticeDueOn: dateColumn("2026-08-18"),
  extendedDueOn: null,
  decision: null,
  decidedAt: null,
  feeRupiah: 0,
  exemptions: [],
  ...overrides,
});
const reasons = (times: RequestTimes, now: string) => objectionWindows(times, new Date(now), wib).map((w) => w.reason);

describe("objection windows (Pasal 35–36)", () => {
  it("before the deadline, only the standing failure to publish periodic information can be objected to", () => {
    expect(reasons(request(), "2026-08-10T10:00+07:00")).toEqual(["b"]);
  });

  it("'not answered' exists from the day after the deadline and runs 30 working days from it", () => {
    const windows = objectionWindows(request(), new Date("2026-08-19T10:00+07:00"), wib);
    expect(windows.find((w) => w.reason === "c")).toEqual({
      reason: "c",
      aroseOn: "2026-08-18",
      filingEndsOn: wib.objectionFilingEnds("2026-08-18"),
      open: true,
    });
  });

  it("a refusal can be objected to at once; a fee and a late notice add their own reasons", () => {
    const refusedLate = request({
      decision: "refused",
      decidedAt: new Date("2026-08-20T10:00+07:00"),
      exemptions: ["a"],
    });
    expect(reasons(refusedLate, "2026-08-20T11:00+07:00")).toEqual(["a", "b", "d", "e", "g"]);
    const grantedWithFee = request({
      decision: "granted",
      decidedAt: new Date("2026-08-10T10:00+07:00"),
      feeRupiah: 5000,
    });
    expect(reasons(grantedWithFee, "2026-08-11T10:00+07:00")).toEqual(["b", "d", "e", "f"]);
  });

  it("closes a reason's window after its 30th working day", () => {
    const refused = request({ decision: "refused", decidedAt: new Date("2026-08-10T10:00+07:00"), exemptions: ["h"] });
    const end = wib.objectionFilingEnds("2026-08-10");
    const on = (date: string) =>
      objectionWindows(refused, new Date(`${date}T10:00+07:00`), wib).find((w) => w.reason === "a")!.open;
    expect(on(end)).toBe(true);
    const dayAfter = new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(on(dayAfter)).toBe(false);
  });
});

describe("deadline states", () => {
  it("warns two working days ahead, is overdue after the day, and met or late once done", () => {
    expect(deadlineState("2026-08-24", null, "2026-08-18", wib).state).toBe("ok");
    expect(deadlineState("2026-08-24", null, "2026-08-20", wib)).toEqual({
      dueOn: "2026-08-24",
      state: "warning",
      workingDaysLeft: 2,
    });
    expect(deadlineState("2026-08-24", null, "2026-08-24", wib).state).toBe("warning");
    expect(deadlineState("2026-08-24", null, "2026-08-25", wib).state).toBe("overdue");
    expect(deadlineState("2026-08-24", "2026-08-24", "2026-09-01", wib).state).toBe("met");
    expect(deadlineState("2026-08-24", "2026-08-26", "2026-09-01", wib).state).toBe("late");
  });
});

describe("what applicants see", () => {
  it("masks identity numbers to their last four characters", () => {
    expect(maskIdentityNumber("6103014101900007")).toBe("••••••••••••0007");
    expect(maskIdentityNumber("AHU-0012.AH.01.04")).toBe("•••••••••••••1.04");
    expect(maskIdentityNumber("A12345")).toBe("••••45");
  });

  it("reads registration numbers and access codes however they are typed", () => {
    expect(normalizeRegistrationNumber(" ppid-2026-00042 ")).toBe("PPID-2026-00042");
    expect(normalizeRegistrationNumber("PPID-26-42")).toBeNull();
    const code = newAccessCode();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(normalizeAccessCode(code.toLowerCase().replaceAll("-", " "))).toBe(code.replaceAll("-", ""));
    expect(normalizeAccessCode("0000-1111-OOOO")).toBeNull();
  });
});
