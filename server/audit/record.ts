import type { Actor } from "@server/auth/actor.js";
import type { Prisma, SqlTransaction } from "@server/db/client.js";

/** Where a state change comes from: who, from which address, in which request. */
export type Origin = { actor: Actor | null; ip?: string; requestId?: string; label?: string };
/** A signed-in person acting, with the request's address and id for the audit log. */
export type ActingOrigin = Origin & { actor: Actor };

export type AuditEntry = {
  action: string;
  targetType: string;
  targetId?: string;
  unitId?: string | null;
  changes?: Record<string, unknown>;
};

type Tx = Pick<Prisma.TransactionClient, "auditEvent">;

/** Writes one audit event; call it inside the transaction that makes the change. */
export async function recordAudit(tx: Tx, origin: Origin, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(origin, entry) });
}

/** Writes one audit event inside a transaction of plain SQL (Database.transaction). */
export async function recordAuditSql(sql: SqlTransaction, origin: Origin, entry: AuditEntry): Promise<void> {
  await sql.query(
    `INSERT INTO "AuditEvent" ("at", "actorId", "actorLabel", "action", "targetType", "targetId", "unitId", "changes", "ip", "requestId")
    SELECT "at", "actorId", "actorLabel", "action", "targetType", "targetId", "unitId", "changes", "ip", "requestId"
    FROM jsonb_to_record($1::jsonb) AS a("at" timestamp(3), "actorId" uuid, "actorLabel" text, "action" text, "targetType" text, "targetId" text, "unitId" uuid, "changes" jsonb, "ip" text, "requestId" text)`,
    // The time in UTC, as Prisma writes it, whatever the session's time zone.
    [JSON.stringify({ at: new Date(), ...auditRow(origin, entry) })],
  );
}

/** The row of one audit event, for writers that insert many in one statement. */
export function auditRow(origin: Origin, entry: AuditEntry): Prisma.AuditEventCreateManyInput {
  return {
    actorId: origin.actor?.id ?? null,
    actorLabel: origin.actor ? `${origin.actor.name} <${origin.actor.email}>` : (origin.label ?? "system"),
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    unitId: entry.unitId ?? null,
    changes: (entry.changes ?? undefined) as Prisma.InputJsonValue | undefined,
    ip: origin.ip ?? null,
    requestId: origin.requestId ?? null,
  };
}

/** The fields whose value differs, as { field: { from, to } }. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}
