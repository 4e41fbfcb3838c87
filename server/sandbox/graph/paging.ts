/**
 * Cursor-based pagination as Graph documents it:
 * https://developers.facebook.com/docs/graph-api/results
 * Cursors are opaque strings; here they encode the id of the edge item they point at.
 */
import { graphErrors } from "./errors";

export interface GraphPage<T> {
  data: T[];
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

const encodeCursor = (id: string) => Buffer.from(id, "utf8").toString("base64url");
const decodeCursor = (cursor: string) => Buffer.from(cursor, "base64url").toString("utf8");

export function cursorPage<T extends { id: string }, R>(
  items: readonly T[],
  params: Record<string, unknown>,
  url: URL,
  present: (item: T) => R,
): GraphPage<R> {
  const limit = parseLimit(params.limit);
  let start = 0;
  let end = items.length;
  if (typeof params.after === "string") {
    const index = items.findIndex((item) => item.id === decodeCursor(params.after as string));
    start = index + 1;
    end = Math.min(items.length, start + limit);
  } else if (typeof params.before === "string") {
    const index = items.findIndex((item) => item.id === decodeCursor(params.before as string));
    end = Math.max(index, 0);
    start = Math.max(0, end - limit);
  } else {
    end = Math.min(items.length, limit);
  }
  const slice = items.slice(start, end);
  const first = slice[0];
  const last = slice[slice.length - 1];
  if (!first || !last) return { data: [] };

  const cursors = { before: encodeCursor(first.id), after: encodeCursor(last.id) };
  const linkWith = (name: "after" | "before", cursor: string) => {
    const link = new URL(url);
    link.searchParams.delete("after");
    link.searchParams.delete("before");
    link.searchParams.set("limit", String(limit));
    link.searchParams.set(name, cursor);
    return link.toString();
  };
  return {
    data: slice.map(present),
    paging: {
      cursors,
      ...(end < items.length ? { next: linkWith("after", cursors.after) } : {}),
      ...(start > 0 ? { previous: linkWith("before", cursors.before) } : {}),
    },
  };
}

function parseLimit(value: unknown): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1)
    throw graphErrors.invalidParameter("Param limit must be a positive integer");
  return Math.min(limit, MAX_LIMIT);
}

/**
 * Time-based narrowing with `since` / `until`, which Graph accepts as a Unix timestamp or a
 * strtotime()-style date: https://developers.facebook.com/docs/graph-api/results#time
 */
export function createdWithin(params: Record<string, unknown>): (createdMs: number) => boolean {
  const since = timeParam(params, "since");
  const until = timeParam(params, "until");
  return (createdMs) => (since === undefined || createdMs >= since) && (until === undefined || createdMs <= until);
}

function timeParam(params: Record<string, unknown>, name: "since" | "until"): number | undefined {
  const value = params[name];
  if (value === undefined || value === "") return undefined;
  const text = String(value);
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text);
  if (Number.isNaN(ms)) throw graphErrors.invalidParameter(`Param ${name} must be a Unix timestamp or a date`);
  return ms;
}
