import type { PrismaClient } from "@server/db/generated/client.js";

type Named = { id: string; name: string | null };

/**
 * How the audit log names what an event was about: a post's title, a user's or unit's name, a
 * report's tracking number. One query per kind of target on the page, not one per event.
 */
const READERS: Record<string, (prisma: PrismaClient, ids: string[]) => Promise<Named[]>> = {
  Post: async (prisma, ids) =>
    (await prisma.post.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } })).map(
      ({ id, title }) => ({ id, name: title }),
    ),
  Channel: (prisma, ids) => prisma.channel.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  Unit: (prisma, ids) => prisma.unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  User: (prisma, ids) => prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  InboxItem: async (prisma, ids) =>
    (await prisma.inboxItem.findMany({ where: { id: { in: ids } }, select: { id: true, trackingNumber: true } })).map(
      ({ id, trackingNumber }) => ({ id, name: trackingNumber }),
    ),
  PpidRequest: async (prisma, ids) =>
    (
      await prisma.ppidRequest.findMany({
        where: { id: { in: ids } },
        select: { id: true, registrationNumber: true },
      })
    ).map(({ id, registrationNumber }) => ({ id, name: registrationNumber })),
  DipItem: async (prisma, ids) =>
    (await prisma.dipItem.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } })).map(
      ({ id, title }) => ({ id, name: title }),
    ),
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The names of the events' targets, keyed `${targetType}:${targetId}`; targets since deleted are missing. */
export async function auditTargetNames(
  prisma: PrismaClient,
  events: { targetType: string; targetId: string | null }[],
): Promise<Map<string, string>> {
  const idsByType = new Map<string, Set<string>>();
  for (const { targetType, targetId } of events) {
    if (!targetId || !UUID.test(targetId) || !READERS[targetType]) continue;
    idsByType.set(targetType, (idsByType.get(targetType) ?? new Set()).add(targetId));
  }
  const names = new Map<string, string>();
  for (const [type, ids] of idsByType) {
    for (const { id, name } of await READERS[type]!(prisma, [...ids])) if (name) names.set(`${type}:${id}`, name);
  }
  return names;
}
