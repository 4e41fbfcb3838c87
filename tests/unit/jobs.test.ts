import { describe, expect, it, vi } from "vitest";
import { DomainEvents } from "@server/events.js";
import { inBatches, startJobs, type Job } from "@server/jobs/job.js";
import { JobRunLog } from "@server/observability/jobRuns.js";
import type { Services } from "@server/services.js";

function fakeServices() {
  const logged: Record<string, unknown>[] = [];
  const logger = { error: (fields: Record<string, unknown>) => logged.push(fields) };
  return {
    services: { events: new DomainEvents(), logger, jobRuns: new JobRunLog(null) } as unknown as Services,
    logged,
  };
}

describe("background jobs", () => {
  it("runs an event job on its event and a start job once, and stops no trigger twice", async () => {
    const { services } = fakeServices();
    const seen: string[] = [];
    const stop = startJobs(services, [
      {
        name: "on item",
        trigger: { event: "inbox.itemChanged" },
        run: async ({ itemId }: { itemId: string }) => void seen.push(itemId),
      },
      { name: "at start", trigger: { atStart: true }, run: async () => void seen.push("start") },
    ]);
    services.events.emit("inbox.itemChanged", { itemId: "a" });
    await stop();
    services.events.emit("inbox.itemChanged", { itemId: "b" });
    expect(seen.sort()).toEqual(["a", "start"]);
  });

  it("logs a failed run with the job's name and the event's ids only", async () => {
    const { services, logged } = fakeServices();
    const stop = startJobs(services, [
      {
        name: "reconnect notice",
        trigger: { event: "channel.needsReconnect" },
        run: async () => Promise.reject(new Error("boom")),
      },
    ]);
    services.events.emit("channel.needsReconnect", { channelId: "c1", reason: "token of Budi expired" });
    await stop();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ job: "reconnect notice", channelId: "c1" });
    expect(JSON.stringify(logged[0])).not.toContain("Budi");
  });

  it("at shutdown waits for runs in progress before stopping each job", async () => {
    const { services } = fakeServices();
    const order: string[] = [];
    let finish = () => {};
    const job: Job = {
      name: "slow",
      trigger: { atStart: true },
      run: () => new Promise<void>((resolve) => (finish = () => (order.push("run ended"), resolve()))),
      stop: async () => void order.push("stopped"),
    };
    const stopping = startJobs(services, [job])();
    setTimeout(() => finish(), 20);
    await stopping;
    expect(order).toEqual(["run ended", "stopped"]);
  });

  it("handles a burst of events in one run, and those that come while it runs in the next", async () => {
    const runs: string[][] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handle = inBatches(async (ids: string[]) => {
      runs.push(ids);
      if (runs.length === 1) await gate;
    });
    const first = [handle("a"), handle("b"), handle("c")];
    await vi.waitFor(() => expect(runs).toHaveLength(1));
    const second = [handle("d"), handle("e")];
    release();
    await Promise.all([...first, ...second]);
    expect(runs).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
  });

  it("fails the callers of a failed batch only, and runs the next batch", async () => {
    const handle = inBatches(async (ids: string[]) => {
      if (ids.includes("bad")) throw new Error("boom");
    });
    const failed = [handle("bad"), handle("x")];
    await Promise.allSettled(failed);
    await expect(failed[1]).rejects.toThrow("boom");
    await expect(handle("y")).resolves.toBeUndefined();
  });
});
