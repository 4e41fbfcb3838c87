import type { Prisma } from "@server/db/client.js";
import { itemData, itemDataSelect, queueWebhookEvent, type WebhookEventType } from "./events.js";

type Tx = Prisma.TransactionClient;
type ItemState = Prisma.InboxItemGetPayload<{ select: typeof itemDataSelect }>;

/**
 * Inside the transaction of a change to an item: queues inbox.item.assigned (a new assignee),
 * inbox.item.status_changed and inbox.item.triaged (kind, category or urgency changed), each with
 * what changed. Returns how many deliveries were queued.
 */
export async function queueItemChanges(tx: Tx, before: ItemState, publicBaseUrl: string): Promise<number> {
  const after = await tx.inboxItem.findUnique({ where: { id: before.id }, select: itemDataSelect });
  if (!after) return 0;
  const changed = (fields: (keyof ItemState)[]) =>
    Object.fromEntries(
      fields.filter((field) => before[field] !== after[field]).map((f) => [f, { from: before[f], to: after[f] }]),
    );
  const events: [WebhookEventType, Record<string, unknown>][] = [];
  if (after.assigneeId && after.assigneeId !== before.assigneeId)
    events.push(["inbox.item.assigned", changed(["assigneeId", "unitId"])]);
  if (after.status !== before.status) events.push(["inbox.item.status_changed", changed(["status"])]);
  const triage = changed(["kind", "category", "urgency", "placeUnitId"]);
  if (Object.keys(triage).length > 0) events.push(["inbox.item.triaged", triage]);
  let queued = 0;
  for (const [type, changes] of events)
    queued += await queueWebhookEvent(tx, type, { ...itemData(after, publicBaseUrl), changes });
  return queued;
}
