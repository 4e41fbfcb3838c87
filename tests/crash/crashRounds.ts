import type pg from "pg";
import { checkExactlyOnce, type ExactlyOnceReport } from "./exactlyOnce.js";
import {
  CREATE_LATENCY_FAULTS,
  freePort,
  makeDue,
  preparePublishing,
  unfinishedDeliveries,
  type PublishingKind,
} from "./fixture.js";
import { killAllSiarProcesses, spawnSiar } from "./processes.js";

// kill -9 a real Siar process at random moments while it publishes, restart it, and repeat;
// then let one process finish the work and compare Siar's records with the platforms'.

export type CrashRunOptions = {
  /** Processes killed; fewer when the work is done before. */
  rounds: number;
  posts: number;
  /** Each process lives this long after it is ready, at random, before kill -9. */
  killAfterMs: { min: number; max: number };
  /** How long the last process may take to finish what is left. */
  finishWithinMs: number;
};

export type CrashRunResult = {
  kills: number;
  /** Deliveries a killed process left in flight, summed over the kills. */
  orphaned: number;
  /** Orphans the restarted process found already on the platform (audit "delivery.reconciled"). */
  reconciled: number;
  deliveries: number;
  report: ExactlyOnceReport;
  seconds: number;
};

export const ALL_PUBLISHING_KINDS: PublishingKind[] = ["facebook", "instagram", "x", "wordpress", "website"];
/** Longer than the slowest create call in CREATE_LATENCY_FAULTS: what a dead process sent has landed. */
const SETTLE_AFTER_KILL_MS = 400;
const POLL_MS = 200;

export async function runCrashRounds(adminUrl: string, options: CrashRunOptions): Promise<CrashRunResult> {
  const started = performance.now();
  const fixture = await preparePublishing(adminUrl, {
    posts: options.posts,
    kinds: ALL_PUBLISHING_KINDS,
    faults: CREATE_LATENCY_FAULTS,
  });
  try {
    const env = fixture.serverEnv(await freePort());
    await makeDue(fixture.db, new Date());
    let kills = 0;
    let orphaned = 0;
    while (kills < options.rounds && (await unfinishedDeliveries(fixture.db)) > 0) {
      const siar = await spawnSiar(env);
      await sleep(options.killAfterMs.min + Math.random() * (options.killAfterMs.max - options.killAfterMs.min));
      await siar.kill();
      kills++;
      await sleep(SETTLE_AFTER_KILL_MS);
      orphaned += await expireLeasesOf(fixture.db, siar.workerId);
    }
    const last = await spawnSiar(env);
    try {
      await waitUntilFinished(fixture.db, options.finishWithinMs);
    } finally {
      await last.kill();
    }
    const report = await checkExactlyOnce(fixture.db, fixture.sandbox, fixture.posts);
    const audit = await fixture.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "action" = 'delivery.reconciled'`,
    );
    return {
      kills,
      orphaned,
      reconciled: audit.rows[0]!.n,
      deliveries: report.outcomes.length,
      report,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await killAllSiarProcesses();
    await fixture.close();
  }
}

/**
 * A killed worker's claims would stay its own until its leases run out (15 minutes in flight,
 * half a minute while preparing); ending them now is what that does, only sooner. Returns how
 * many it had in flight: only those can have reached a platform and need reconciling.
 */
async function expireLeasesOf(db: pg.Pool, workerId: string): Promise<number> {
  const { rows } = await db.query<{ status: string }>(
    `UPDATE "Delivery" SET "leaseExpiresAt" = to_timestamp(0) AT TIME ZONE 'UTC'
     WHERE "status" IN ('pending', 'in_flight') AND "leaseOwner" = $1 RETURNING "status"`,
    [workerId],
  );
  return rows.filter((row) => row.status === "in_flight").length;
}

/** Gives up quietly at the deadline: whatever is unfinished then is counted as lost. */
async function waitUntilFinished(db: pg.Pool, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while ((await unfinishedDeliveries(db)) > 0 && Date.now() < deadline) await sleep(POLL_MS);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
