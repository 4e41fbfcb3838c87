import { z } from "zod";
import { AppError } from "@server/errors.js";
import { isStorableText } from "@server/text/storable.js";

export const paginationQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Cursors are opaque to clients: the base64url of the last item's sort key. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

/** The sort keys lists page by; a cursor that comes back is checked against its list's key. */
export const cursorKeys = {
  /** "ISO time|uuid", for lists newest first. */
  timeAndId: z
    .string()
    .transform((key) => key.split("|"))
    .pipe(z.tuple([z.iso.datetime(), z.uuid()]))
    .transform(([at, id]) => ({ at: new Date(at), id })),
  /** A bigint id, for the audit log. */
  sequence: z
    .string()
    .regex(/^\d{1,18}$/)
    .transform(BigInt),
  /** A text key (a unit's path, a user's e-mail). */
  text: z.string().min(1).max(400).refine(isStorableText),
} satisfies Record<string, z.ZodType<unknown, string>>;

/** The key a cursor carries, checked with its list's key format; anything else is a 400. */
export function decodeCursor<K extends z.ZodType<unknown, string>>(
  cursor: string | undefined,
  format: K,
): z.output<K> | undefined {
  if (cursor === undefined) return undefined;
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  if (!key || encodeCursor(key) !== cursor) throw new AppError("invalid_cursor");
  const parsed = format.safeParse(key);
  if (!parsed.success) throw new AppError("invalid_cursor");
  return parsed.data;
}

/** Given limit+1 rows, returns the page and the cursor of the next one. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => string): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
