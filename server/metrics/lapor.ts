import { Prisma, type PrismaClient } from "@server/db/client.js";
import { CLOSED_LAPOR_STATUSES, type LaporTimes, laporDeadlines } from "@server/inbox/lapor.js";
import { workingCalendarFor } from "./definitions.js";
import { figureQuery } from "./query.js";
import { inPeriod, itemFilters, num, type MetricsScope } from "./scope.js";

/**
 * SP4N-LAPOR! figures of the items in scope: handed to or received from LAPOR! in the period,
 * and, as of now, those still open there and those past LAPOR!'s deadline (verification or
 * follow-up, on the working calendar of the reporting zone). Open hand-offs are few (officers
 * record each by hand), so their deadlines are computed here rather than stored.
 */
export async function laporFigures(prisma: PrismaClient, scope: MetricsScope) {
  const closed = Prisma.join(CLOSED_LAPOR_STATUSES.map((status) => Prisma.sql`${status}`));
  const [[handed], open] = await Promise.all([
    figureQuery<{ count: bigint }>(
      prisma,
      Prisma.sql`SELECT count(*) AS "count" FROM "LaporHandoff" l JOIN "InboxItem" i ON i."id" = l."itemId"
        WHERE ${inPeriod(Prisma.sql`l."handedAt"`, scope.period)} AND ${itemFilters(scope)}`,
    ),
    figureQuery<LaporTimes>(
      prisma,
      Prisma.sql`SELECT l."direction", l."status", l."followUpClass", l."handedAt", l."verifiedAt", l."closedAt"
        FROM "LaporHandoff" l JOIN "InboxItem" i ON i."id" = l."itemId"
        WHERE l."status" NOT IN (${closed}) AND ${itemFilters(scope)}`,
    ),
  ]);
  const calendar = workingCalendarFor(scope.calendar.timeZone);
  return {
    handed: num(handed?.count),
    open: open.length,
    overdue: open.filter((handoff) => laporDeadlines(handoff, scope.now, calendar).overdue).length,
  };
}
