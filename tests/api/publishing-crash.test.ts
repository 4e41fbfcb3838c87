import { describe, expect, it } from "vitest";
import { runCrashRounds } from "../crash/crashRounds.js";

// Exactly-once publishing when the server process dies at any moment: real Siar processes on
// PostgreSQL are killed with SIGKILL mid-publish and restarted. PGlite is one process by
// design, so this runs only with DATABASE_URL (CI's PostgreSQL run).
describe.skipIf(!process.env.DATABASE_URL)("publishing survives kill -9", () => {
  it("publishes every delivery exactly once although the worker is killed mid-publish five times", {
    timeout: 90_000,
  }, async () => {
    const run = await runCrashRounds(process.env.DATABASE_URL!, {
      rounds: 5,
      posts: 10,
      killAfterMs: { min: 300, max: 2_000 },
      finishWithinMs: 30_000,
    });
    const { report } = run;
    expect(run.kills).toBeGreaterThanOrEqual(1);
    expect(report.outcomes).toHaveLength(10 * 5);
    expect(report.lost.map((o) => `${o.kind} ${o.status} ${o.remoteCopies.length}`)).toEqual([]);
    expect(report.duplicates.map((o) => `${o.kind}: ${o.remoteCopies.length} copies`)).toEqual([]);
    expect(report.wrongRemoteId.map((o) => `${o.kind}: ${o.remoteId} is not ${o.remoteCopies[0]}`)).toEqual([]);
    // The post's status is refreshed in the delivery's own transaction, so no kill leaves it behind.
    expect(report.postsNotMarkedPublished).toEqual([]);
  });
});
