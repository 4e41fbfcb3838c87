import os from "node:os";
import type { Logger } from "pino";
import type { PrismaClient } from "@server/db/client.js";

/** A job's runs are written to the database at most this often, unless it starts or stops failing. */
const WRITE_EVERY_MS = 60_000;
const ERROR_LENGTH = 200;

export type JobRunState = {
  name: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Whether a run is going on in this process now. */
  running: boolean;
  /** The last failed run's error, while no run has succeeded since. */
  lastError: string | null;
  lastFailedAt: Date | null;
  /** host:pid of the process whose run this is. */
  process: string | null;
};

type Written = { at: number; failed: boolean };

/**
 * The last run of each background job: exact in memory for this process, and kept in the JobRun
 * table (at most a write a minute per job) so the system health page shows every process's runs.
 */
export class JobRunLog {
  private readonly process = `${os.hostname()}:${process.pid}`;
  private readonly states = new Map<string, JobRunState>();
  private readonly written = new Map<string, Written>();

  constructor(
    private readonly store: { prisma: PrismaClient; logger: Logger } | null,
    private readonly onFinished: (name: string, failed: boolean) => void = () => {},
  ) {}

  /** The jobs this process runs, listed before their first run. */
  register(names: string[]): void {
    for (const name of names) if (!this.states.has(name)) this.states.set(name, this.blank(name));
  }

  /** Marks a run started; the function returned ends it (with its error, if it failed). */
  started(name: string): (error?: unknown) => Promise<void> {
    const state = this.states.get(name) ?? this.blank(name);
    state.startedAt = new Date();
    state.running = true;
    this.states.set(name, state);
    const startedAt = state.startedAt;
    return async (error?: unknown) => {
      state.running = false;
      state.finishedAt = new Date();
      state.startedAt = startedAt;
      if (error !== undefined) {
        state.lastError = describe(error);
        state.lastFailedAt = state.finishedAt;
      } else state.lastError = null;
      this.onFinished(name, error !== undefined);
      await this.write(state);
    };
  }

  /** Every job known here or in the database, each with its latest run in any process. */
  async list(): Promise<JobRunState[]> {
    const merged = new Map(this.states);
    const rows = this.store ? await this.store.prisma.jobRun.findMany() : [];
    for (const row of rows) {
      const mine = merged.get(row.name);
      if (mine?.finishedAt && mine.finishedAt >= row.finishedAt) continue;
      merged.set(row.name, {
        ...row,
        running: mine?.running ?? false,
        lastFailedAt: latest(row.lastFailedAt, mine?.lastFailedAt ?? null),
      });
    }
    return [...merged.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private blank(name: string): JobRunState {
    const base = { startedAt: null, finishedAt: null, lastError: null, lastFailedAt: null };
    return { name, ...base, running: false, process: this.process };
  }

  private async write(state: JobRunState): Promise<void> {
    if (!this.store || !state.startedAt || !state.finishedAt) return;
    const failed = state.lastError !== null;
    const last = this.written.get(state.name);
    if (last && last.failed === failed && Date.now() - last.at < WRITE_EVERY_MS) return;
    this.written.set(state.name, { at: Date.now(), failed });
    try {
      // Several processes write the same job's row: a later run replaces an earlier one, never the reverse.
      await this.store.prisma.$executeRaw`
        INSERT INTO "JobRun" ("name", "startedAt", "finishedAt", "lastError", "lastFailedAt", "process")
        VALUES (${state.name}, ${state.startedAt}, ${state.finishedAt}, ${state.lastError}, ${state.lastFailedAt}, ${this.process})
        ON CONFLICT ("name") DO UPDATE SET "startedAt" = EXCLUDED."startedAt", "finishedAt" = EXCLUDED."finishedAt",
          "lastError" = EXCLUDED."lastError", "process" = EXCLUDED."process",
          "lastFailedAt" = coalesce(EXCLUDED."lastFailedAt", "JobRun"."lastFailedAt")
        WHERE "JobRun"."finishedAt" <= EXCLUDED."finishedAt"`;
    } catch (error) {
      // The record is for the health page only; a job's work never waits on it.
      this.written.delete(state.name);
      this.store.logger.debug({ err: error, job: state.name }, "job run not recorded");
    }
  }
}

/** The error's class and first line, short: enough to recognise it, without the data it carried. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return "error";
  const code = (error as { code?: unknown }).code;
  const label = typeof code === "string" ? `${error.name} ${code}` : error.name;
  return `${label}: ${error.message.split("\n")[0]}`.slice(0, ERROR_LENGTH);
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}
