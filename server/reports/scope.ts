import type { PrismaClient } from "@server/db/client.js";
import { AppError } from "@server/errors.js";
import type { MetricsScope, Period } from "@server/metrics/scope.js";

/**
 * The whole organisation, for reports nobody asked for in a request (the schedule, the public
 * page): every unit and the unrouted items, anchored at the root of the unit tree.
 */
export async function organisationScope(prisma: PrismaClient, period: Period, now = new Date()): Promise<MetricsScope> {
  const root = await prisma.unit.findFirst({
    where: { parentId: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, path: true },
  });
  if (!root) throw new AppError("not_found");
  return { period, unitIds: null, anchor: root, placeUnitIds: null, now };
}
