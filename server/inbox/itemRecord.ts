import type { Prisma } from "@server/db/client.js";

/**
 * What every read of an inbox item loads beside it: its unit (with the path policies scope by), the
 * unit kept informed, assignee and channel.
 */
export const inboxItemInclude = {
  unit: { select: { id: true, name: true, path: true, active: true } },
  informedUnit: { select: { id: true, name: true, path: true } },
  assignee: { select: { id: true, name: true } },
  channel: { select: { id: true, kind: true, name: true } },
} as const satisfies Prisma.InboxItemInclude;
export type InboxItemWithRelations = Prisma.InboxItemGetPayload<{ include: typeof inboxItemInclude }>;

/** What the inbox policies ask about a loaded item: its handling unit and the unit kept informed. */
export const itemSubject = (item: { unit: { path: string } | null; informedUnit: { path: string } | null }) => ({
  unitPath: item.unit?.path ?? null,
  informedUnitPath: item.informedUnit?.path ?? null,
});
