import type { Logger } from "pino";
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@server/db/client.js";
import { JobRunLog } from "@server/observability/jobRuns.js";

/** A database that keeps the rows written, as the JobRun table would. */
function fakeStore() {
  const writes: unknown[][] = [];
  const prisma = {
    $executeRaw: async (_sql: TemplateStringsArray, ...values: unknown[]) => void writes.push(values),
    jobRun: { findMany: async () => [] },
  } as unknown as PrismaClient;
  return { store: { prisma, logger: { debug: () => {} } as unknown as Logger }, writes };
}

describe("job run records", () => {
  it("keeps every run in memory but writes a job's row at most once a minute unless it starts or stops failing", async () => {
    const { store, writes } = fakeStore();
    const finished: [string, boolean][] = [];
    const log = new JobRunLog(store, (name, failed) => finished.push([name, failed]));
    log.register(["inbox polling", "never run"]);

    await log.started("inbox polling")();
    await log.started("inbox polling")();
    expect(writes).toHaveLength(1);
    await log.started("inbox polling")(new Error("connect ECONNREFUSED\nsecond line"));
    expect(writes).toHaveLength(2);
    await log.started("inbox polling")();
    expect(writes).toHaveLength(3);
    expect(finished.map(([, failed]) => failed)).toEqual([false, false, true, false]);

    const [polling, never] = await log.list();
    expect(polling).toMatchObject({ name: "inbox polling", running: false, lastError: null });
    expect(polling!.lastFailedAt).toBeInstanceOf(Date);
    expect(never).toMatchObject({ name: "never run", startedAt: null, finishedAt: null });
  });

  it("shows a run in progress and keeps the error's first line only", async () => {
    const log = new JobRunLog(null);
    const finish = log.started("publishing");
    expect((await log.list())[0]).toMatchObject({ running: true, finishedAt: null });
    await finish(Object.assign(new Error("timeout\nwith details"), { code: "ETIMEDOUT" }));
    expect((await log.list())[0]).toMatchObject({ running: false, lastError: "Error ETIMEDOUT: timeout" });
  });
});
