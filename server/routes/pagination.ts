import { z } from "zod";
import { AppError } from "../errors.js";

export const paginationQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Cursors are opaque to clients: the base64url of the last item's sort key. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  if (!key || encodeCursor(key) !== cursor) throw new AppError("invalid_cursor");
  return key;
}

/** Given limit+1 rows, returns the page and the cursor of the next one. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => string): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
