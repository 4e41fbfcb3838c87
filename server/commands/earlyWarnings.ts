import { recordAudit, type ActingOrigin } from "../audit/record.js";
import type { Prisma, PrismaClient } from "../db/client.js";
import { AppError } from "../errors.js";
import type { Services } from "../services.js";

export const EARLY_WARNING_STATUSES = ["open", "acknowledged", "resolved"] as const;
export type EarlyWarningStatus = (typeof EARLY_WARNING_STATUSES)[number];
/** Statuses of a warning still in play: a new surge for its key updates it instead of raising another. */
export const LIVE_WARNING_STATUSES: EarlyWarningStatus[] = ["open", "acknowledged"];

type EarlyWarningRow = Prisma.EarlyWarningGetPayload<object>;
type Named = { id: string; name: string };
/**
 * A warning with the names staff read: its unit (with its path, for scoping), place and acknowledger,
 * and the unit path of each of its items (a surge in one place may hold items routed to several units).
 */
export type EarlyWarningView = EarlyWarningRow & {
  unit: (Named & { path: string }) | null;
  place: Named | null;
  acknowledgedBy: Named | null;
  items: { id: string; unitPath: string | null }[];
};

/** Loads warnings with the names of their units, places and acknowledgers and their items' units, in three queries whatever their number. */
export async function loadWarnings(
  prisma: PrismaClient,
  args: Prisma.EarlyWarningFindManyArgs,
): Promise<EarlyWarningView[]> {
  const warnings = await prisma.earlyWarning.findMany(args);
  const ids = (pick: (w: EarlyWarningRow) => string | null) => [
    ...new Set(warnings.map(pick).filter((id): id is string => !!id)),
  ];
  const [units, users, items] = await Promise.all([
    prisma.unit.findMany({
      where: { id: { in: [...ids((w) => w.unitId), ...ids((w) => w.placeUnitId)] } },
      select: { id: true, name: true, path: true },
    }),
    prisma.user.findMany({ where: { id: { in: ids((w) => w.acknowledgedById) } }, select: { id: true, name: true } }),
    prisma.inboxItem.findMany({
      where: { id: { in: [...new Set(warnings.flatMap((w) => w.itemIds))] } },
      select: { id: true, unit: { select: { path: true } } },
    }),
  ]);
  const itemUnitPath = new Map(items.map((item) => [item.id, item.unit?.path ?? null]));
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const userById = new Map(users.map((user) => [user.id, user]));
  const named = (unit: Named | undefined) => (unit ? { id: unit.id, name: unit.name } : null);
  return warnings.map((warning) => ({
    ...warning,
    unit: (warning.unitId && unitById.get(warning.unitId)) || null,
    place: named(warning.placeUnitId ? unitById.get(warning.placeUnitId) : undefined),
    acknowledgedBy: (warning.acknowledgedById && userById.get(warning.acknowledgedById)) || null,
    items: warning.itemIds.filter((id) => itemUnitPath.has(id)).map((id) => ({ id, unitPath: itemUnitPath.get(id)! })),
  }));
}

export async function loadWarning(prisma: PrismaClient, id: string): Promise<EarlyWarningView> {
  const [warning] = await loadWarnings(prisma, { where: { id } });
  if (!warning) throw new AppError("not_found");
  return warning;
}

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
  next: (warning: EarlyWarningRow, now: Date) => Prisma.EarlyWarningUncheckedUpdateInput | null,
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
