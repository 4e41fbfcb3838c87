import { EventEmitter } from "node:events";

/** What domain operations announce after they commit; realtime and workers listen. */
export type DomainEventMap = {
  // Role, units, activity or password changed: open sockets must re-authenticate.
  "user.accessChanged": { userId: string };
  // A post or one of its deliveries changed: show it to everyone who may see it.
  "post.changed": { postId: string };
  // A post went for approval, or its reviewer approved or returned it: those concerned are notified.
  "post.reviewStep": { postId: string; step: "submitted" | "approved" | "returned"; actorId: string };
  // A channel's token was refused by its platform: admins must reconnect it.
  "channel.needsReconnect": { channelId: string; reason: string };
  // A platform callback was kept: the webhook processor should look at the queue now.
  "inbox.webhookKept": Record<string, never>;
  // Raw e-mails were kept from a unit's mailbox: the e-mail filer should look at the queue now.
  "inbox.emailKept": Record<string, never>;
  // A citizen's message was filed in the inbox.
  "inbox.itemReceived": { itemId: string };
  // An item was triaged, routed, assigned, answered or otherwise changed.
  "inbox.itemChanged": { itemId: string };
  // Someone assigned an item to a person (not the one acting): that person is notified.
  "inbox.assigned": { itemId: string; assigneeId: string; actorId: string };
  // An item's deadline is near (its warning window opened, deadlines/policies.ts): its handlers are notified.
  "inbox.deadlineNear": { itemId: string; clock: "first_response" | "resolution"; dueAt: string };
  // Notifications were created or read: these users' counts change.
  "notifications.changed": { userIds: string[] };
  // An admin changed the routing rules.
  "routingRules.changed": Record<string, never>;
  // A unit's public information list (DIP) or PPID profile changed: the /ppid pages show it.
  "ppid.changed": { unitId: string };
  // A unit site's published content or settings changed: public pages show it.
  "site.changed": { unitId: string };
  // Units created, renamed, moved, imported or merged: places and routing read them again.
  "units.changed": Record<string, never>;
  // A deadline passed and the item went up a step: to the unit's head, then to Kominfo.
  "inbox.escalated": { itemId: string; to: "unit_head" | "kominfo"; unitId: string | null };
  // An item was read darurat (on arrival or by staff): its unit, the informed kecamatan and humas are alerted.
  "inbox.emergency": { itemId: string };
  // A batch of platform callbacks was filed (already triaged, so not inbox.itemReceived): outgoing webhooks announce its items.
  "inbox.batchFiled": { itemIds: string[] };
  // Citizens' WhatsApp messages were filed: the guided exchange answers those it is due for.
  "inbox.whatsappFiled": { itemIds: string[] };
  // An early warning was raised, took in more items, or was acknowledged or resolved by staff.
  "inbox.earlyWarning": { warningId: string; change: "raised" | "updated" | "acknowledged" | "resolved" };
  // Outgoing webhook deliveries were queued (or replayed): the sender should look at the queue now.
  "webhooks.queued": Record<string, never>;
};

export class DomainEvents {
  private readonly emitter = new EventEmitter();

  emit<K extends keyof DomainEventMap>(name: K, payload: DomainEventMap[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends keyof DomainEventMap>(name: K, listener: (payload: DomainEventMap[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
