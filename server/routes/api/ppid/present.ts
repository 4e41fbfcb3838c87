import type { Request } from "express";
import { officeCalendar } from "@server/ppid/calendar.js";
import { type PpidCase, userNames } from "@server/ppid/cases.js";
import { idsNamedBy, presentPpidRequest } from "@server/presenters/ppidRequest.js";
import type { Services } from "@server/services.js";

/** Names of the staff and units a case mentions, looked up by id. */
export async function namesOf(services: Pick<Services, "prisma">, ids: string[]): Promise<Map<string, string>> {
  const [users, units] = await Promise.all([
    userNames(services.prisma, ids),
    services.prisma.unit.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } }),
  ]);
  return new Map([...users, ...units.map((unit) => [unit.id, unit.name] as const)]);
}

/** A case as the caller sees it. */
export async function presentCase(services: Pick<Services, "prisma">, req: Request, request: PpidCase) {
  const [calendar, names] = await Promise.all([
    officeCalendar(services.prisma),
    namesOf(services, idsNamedBy(request)),
  ]);
  return presentPpidRequest(request, req.actor!, { calendar, now: new Date(), names });
}
