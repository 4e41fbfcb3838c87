import type { Prisma } from "../db/client.js";

/** What every read of an inbox item loads beside it: its unit (with the path policies scope by), assignee and channel. */
export const inboxItemInclude = {
  unit: { select: { id: true, name: true, path: true, active: true } },
  assignee: { select: { id: true, name: true } },
  channel: { select: { id: true, kind: true, name: true } },
} as const satisfies Prisma.InboxItemInclude;
export type InboxItemWithRelations = Prisma.InboxItemGetPayload<{ include: typeof inboxItemInclude }>;
