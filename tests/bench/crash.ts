import { runCrashRounds } from "../crash/crashRounds.js";
import { printTable } from "./table.js";

// The crash test at scale: 50 kill -9 rounds while 200 posts go to five channels.

const ROUNDS = 50;
const POSTS = 200;

export async function crashBenchmark(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.log(
      "skipped: needs DATABASE_URL (several server processes share one PostgreSQL; PGlite is one process by design)",
    );
    return;
  }
  const run = await runCrashRounds(adminUrl, {
    rounds: ROUNDS,
    posts: POSTS,
    killAfterMs: { min: 200, max: 1_500 },
    finishWithinMs: 120_000,
  });
  const { report } = run;
  printTable("Exactly-once under kill -9 (facebook, instagram, x, wordpress, website)", [
    { figure: "kill -9 rounds", value: run.kills },
    { figure: "posts", value: POSTS },
    { figure: "deliveries", value: run.deliveries },
    { figure: "left in flight by the kills", value: run.orphaned },
    { figure: "found on the platform after a kill", value: run.reconciled },
    { figure: "duplicates (must be 0)", value: report.duplicates.length },
    { figure: "lost (must be 0)", value: report.lost.length },
    { figure: "wrong remoteId (must be 0)", value: report.wrongRemoteId.length },
    { figure: "posts left not 'published'", value: report.postsNotMarkedPublished.length },
    { figure: "seconds", value: Math.round(run.seconds) },
  ]);
  if (run.kills < ROUNDS) console.log(`note: the work was done after ${run.kills} of ${ROUNDS} rounds`);
  if (report.duplicates.length || report.lost.length || report.wrongRemoteId.length)
    throw new Error("publishing was not exactly-once");
}
