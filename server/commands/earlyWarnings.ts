import { recordAudit, type ActingOrigin } from "@server/audit/record.js";
import type { Prisma } from "@server/db/client.js";
import type { EarlyWarning } from "@server/db/generated/client.js";
import { AppError } from "@server/errors.js";
import { loadWarning, type EarlyWarningView } from "@server/inbox/earlyWarning.js";
import type { Services } from "@server/services.js";

/**
 * Staff say they have seen the warning. Only the first acknowledgement counts: raisedAt →
 * acknowledgedAt is the reaction time the dashboard shows, so it is never overwritten.
 */
export async function acknowledgeWarning(
  services: Services,
  { origin, warningId: id }: { origin: ActingOrigin; warningId: string },
): Promise<EarlyWarningView> {
  return changeWarning(services, origin, id, "acknowledged", (warning, now) =>
    warning.status === "open"
      ? { status: "acknowledged", acknowledgedAt: now, acknowledgedById: origin.actor.id }
      : null,
  );
}

/** The surge is dealt with. Resolving an unacknowledged warning acknowledges it too (someone acted on it). */
export async function resolveWarning(
  services: Services,
  { origin, warningId: id }: { origin: ActingOrigin; warningId: string },
): Promise<EarlyWarningView> {
  return changeWarning(services, origin, id, "resolved", (warning, now) =>
    warning.status === "resolved"
      ? null
      : {
          status: "resolved",
          resolvedAt: now,
          ...(warning.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedById: origin.actor.id }),
        },
  );
}

/** One audited status change under a row lock; repeating a change already made is a no-op, not an error. */
async function changeWarning(
  services: Services,
  origin: ActingOrigin,
  id: string,
  change: "acknowledged" | "resolved",
  next: (warning: EarlyWarning, now: Date) => Prisma.EarlyWarningUncheckedUpdateInput | null,
): Promise<EarlyWarningView> {
  const changed = await services.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "EarlyWarning" WHERE "id" = ${id}::uuid FOR UPDATE`;
    const warning = await tx.earlyWarning.findUnique({ where: { id } });
    if (!warning) throw new AppError("not_found");
    const data = next(warning, new Date());
    if (!data) return false;
    await tx.earlyWarning.update({ where: { id }, data });
    await recordAudit(tx, origin, {
      action: `earlyWarning.${change}`,
      targetType: "EarlyWarning",
      targetId: id,
      unitId: warning.unitId,
      changes: { status: { from: warning.status, to: data.status } },
    });
    return true;
  });
  if (changed) services.events.emit("inbox.earlyWarning", { warningId: id, change });
  return loadWarning(services.prisma, id);
}
