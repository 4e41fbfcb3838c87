import pLimit from "p-limit";
import type { ArrivalDesk } from "@server/inbox/arrival.js";
import type { Services } from "@server/services.js";
import type { EventJob, ScheduledJob } from "./job.js";

/**
 * Triage of citizens' messages as they are filed, and a sweep for anything filed but not triaged
 * (a process died in between). A burst is triaged a few at a time, leaving database connections
 * for everything else.
 */
export function arrivalTriage(
  services: Services,
  arrivals: ArrivalDesk,
): [EventJob<"inbox.itemReceived">, ScheduledJob] {
  const limitTriage = pLimit(4);
  const triage = (itemId: string) => limitTriage(() => arrivals.receive(itemId));
  return [
    { name: "triage on arrival", trigger: { event: "inbox.itemReceived" }, run: ({ itemId }) => triage(itemId) },
    {
      name: "triage sweep",
      trigger: { schedule: "*/10 * * * * *" },
      run: async () => {
        const waiting = await services.prisma.inboxItem.findMany({
          where: { status: "new", kind: null, receivedAt: { lt: new Date(Date.now() - 5000) } },
          select: { id: true },
          take: 200,
        });
        for (const { id } of waiting)
          await triage(id).catch((error: unknown) =>
            services.logger.error({ err: error, itemId: id }, "triage on arrival failed"),
          );
      },
    },
  ];
}
