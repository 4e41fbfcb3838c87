import type { AuditEvent } from "@server/db/generated/client.js";

export function presentAuditEvent(
  event: AuditEvent & {
    unit?: { name: string } | null;
    /** What the target is called now (a post's title, a user's name), where it still exists. */
    targetName?: string | null;
  },
) {
  return {
    id: event.id.toString(),
    at: event.at.toISOString(),
    actor: { id: event.actorId, label: event.actorLabel },
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    targetName: event.targetName ?? null,
    unit: event.unitId ? { id: event.unitId, name: event.unit?.name ?? null } : null,
    /** What the action recorded (the fields changed, their old and new values…): any JSON. */
    changes: event.changes as unknown,
    ip: event.ip,
    requestId: event.requestId,
  };
}
