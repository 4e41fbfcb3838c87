import { createHash } from "node:crypto";
import type { PrismaClient } from "@server/db/client.js";

type Db = Pick<PrismaClient, "$queryRaw" | "usedFormToken">;

// The token is already signed; a plain digest keeps the stored value from being replayed.
const digest = (token: string) => createHash("sha256").update(token).digest("base64url");

/**
 * Marks a form token used; false when it already was. One INSERT that ignores a conflict on the
 * primary key, so of two processes receiving the same token at once exactly one gets true.
 */
export async function spendFormToken(db: Db, token: string, expiresAt: Date): Promise<boolean> {
  const rows = await db.$queryRaw<{ tokenHash: string }[]>`
    INSERT INTO "UsedFormToken" ("tokenHash", "expiresAt") VALUES (${digest(token)}, ${expiresAt})
    ON CONFLICT ("tokenHash") DO NOTHING
    RETURNING "tokenHash"`;
  return rows.length === 1;
}

/** Gives a token back when what it was spent on did not happen (filing failed), so the citizen may retry. */
export async function releaseFormToken(db: Db, token: string): Promise<void> {
  await db.usedFormToken.deleteMany({ where: { tokenHash: digest(token) } });
}

/** A token past its expiry is refused as expired anyway, so its record is no longer needed. */
export async function pruneUsedFormTokens(db: Pick<Db, "usedFormToken">, now = new Date()): Promise<void> {
  await db.usedFormToken.deleteMany({ where: { expiresAt: { lt: now } } });
}
