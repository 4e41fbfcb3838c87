import { describe, expect, it } from "vitest";
import { DomainEvents } from "@server/events.js";
import { startJobs, type Job } from "@server/jobs/job.js";
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
});
