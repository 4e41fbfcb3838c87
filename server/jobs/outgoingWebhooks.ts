import type { Services } from "@server/services.js";
import { announceItems, announcePost } from "@server/webhooks/announced.js";
import { catchUpWebhookEvents } from "@server/webhooks/catchUp.js";
import { WebhookSender } from "@server/webhooks/sender.js";
import { drainWhileDue, type EventJob, type Job } from "./job.js";

const HOUR_MS = 3600_000;

/**
 * Outgoing webhooks (server/webhooks/): events announced in this process are queued, and the
 * queue is sent at once when something was queued and every 5 seconds for retries and for what
 * other processes queued. The database decides which process sends which delivery. Every minute
 * (and over the last day at start, after a crash) events that no listener queued are caught up.
 */
export function outgoingWebhooks(services: Services): Job[] {
  const sender = new WebhookSender(services);
  const send = drainWhileDue(() => sender.sendDue());
  const created: EventJob<"inbox.itemReceived"> = {
    name: "webhook event: item created",
    trigger: { event: "inbox.itemReceived" },
    run: ({ itemId }) => announceItems(services, "inbox.item.created", [{ id: itemId }]),
  };
  const batch: EventJob<"inbox.batchFiled"> = {
    name: "webhook event: items filed in a batch",
    trigger: { event: "inbox.batchFiled" },
    run: ({ itemIds }) =>
      announceItems(
        services,
        "inbox.item.created",
        itemIds.map((id) => ({ id })),
      ),
  };
  const emergency: EventJob<"inbox.emergency"> = {
    name: "webhook event: emergency",
    trigger: { event: "inbox.emergency" },
    run: ({ itemId }) => announceItems(services, "inbox.item.emergency", [{ id: itemId }]),
  };
  const post: EventJob<"post.changed"> = {
    name: "webhook event: post",
    trigger: { event: "post.changed" },
    run: ({ postId }) => announcePost(services, postId),
  };
  return [
    created,
    batch,
    emergency,
    post,
    { name: "webhook deliveries", trigger: { event: "webhooks.queued" }, run: send },
    { name: "webhook delivery sweep", trigger: { schedule: "*/5 * * * * *" }, run: send },
    // Another process catches up within the hour what a dying one left; a lone process, when it starts again.
    {
      name: "webhook event catch-up",
      trigger: { schedule: "40 * * * * *" },
      run: () => catchUpWebhookEvents(services, HOUR_MS),
    },
    {
      name: "webhook event catch-up at start",
      trigger: { atStart: true },
      run: () => catchUpWebhookEvents(services, 24 * HOUR_MS),
    },
  ];
}
