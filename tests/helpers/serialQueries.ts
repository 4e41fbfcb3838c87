import pg from "pg";
import { afterAll, afterEach } from "vitest";

/**
 * A pg client runs one query at a time; pg 8 queues a query sent while another runs (and warns
 * only from the third on), pg 9 will refuse it. Only a connection held for a while (a
 * transaction's, or one from `db.connect()`) can be sent two at once: an overlap means parallel
 * queries inside one transaction (an `include`'s relations, `Promise.all` over `tx.…`). Every
 * test file (setupFiles) records each overlap with the stack that sent it and fails the test it
 * happened in.
 */
type ClientState = { _activeQuery?: unknown; _queryQueue?: unknown[]; pipeline?: boolean };

const overlaps: string[] = [];
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;

pg.Client.prototype.query = function (this: pg.Client & ClientState, ...args: unknown[]) {
  // pg's own fields; should they change, tests/api/serial-transactions.test.ts says so.
  if (!this.pipeline && (this._activeQuery || (this._queryQueue?.length ?? 0) > 0)) {
    const sql = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    overlaps.push(`${String(sql).slice(0, 120)}\n${new Error("sent while another query ran").stack}`);
  }
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

/** The overlaps recorded since the last call, which forgets them. */
export function takeQueryOverlaps(): string[] {
  return overlaps.splice(0);
}

function failOnOverlaps() {
  const found = takeQueryOverlaps();
  if (found.length > 0) {
    throw new Error(`${found.length} query(s) sent on a connection already running one:\n\n${found.join("\n\n")}`);
  }
}

afterEach(failOnOverlaps);
afterAll(failOnOverlaps);
