import { recordAudit, type ActingOrigin } from "@server/audit/record.js";
import { ChannelError } from "@server/channels/adapter.js";
import { adapterFor } from "@server/channels/index.js";
import { AppError } from "@server/errors.js";
import { deliveryInclude, outgoingPost, type DeliveryWithPost } from "@server/publishing/outgoing.js";
import type { Services } from "@server/services.js";
import { assertChannelRules, postInclude, type PostCommand, type PostWithRelations } from "./posts.js";
import { withFreshXToken } from "@server/channels/oauth/xTokens.js";
import { markChannelNeedsReconnect } from "@server/channels/connectionStatus.js";
import { isPublishedStatus } from "@server/publishing/postStatus.js";
import type { ChannelKind } from "@server/db/generated/enums.js";

/** What happened on each channel: done, not possible on that platform, or failed for now. */
export type ChannelOutcome = {
  deliveryId: string;
  channel: string;
  kind: ChannelKind;
  outcome: "done" | "unsupported" | "failed";
  /** Why it was not done, from the platform, or null. */
  reason: string | null;
};

async function publishedDeliveries(services: Services, postId: string): Promise<DeliveryWithPost[]> {
  return services.prisma.delivery.findMany({
    where: { postId, status: "published" },
    include: deliveryInclude,
    orderBy: { createdAt: "asc" },
  });
}

/** Runs a platform call per delivery; one channel's failure does not stop the others. */
async function onEachChannel(
  services: Services,
  deliveries: DeliveryWithPost[],
  call: (delivery: DeliveryWithPost) => Promise<"done" | "unsupported">,
): Promise<ChannelOutcome[]> {
  const outcomes: ChannelOutcome[] = [];
  for (const delivery of deliveries) {
    const base = { deliveryId: delivery.id, channel: delivery.channel.name, kind: delivery.channel.kind };
    try {
      outcomes.push({ ...base, outcome: await call(delivery), reason: null });
    } catch (error) {
      if (error instanceof ChannelError && error.failure === "reconnect")
        await markChannelNeedsReconnect(services, delivery.channelId, error.message);
      const unsupported = error instanceof ChannelError && error.code.endsWith("_unsupported");
      outcomes.push({
        ...base,
        outcome: unsupported ? "unsupported" : "failed",
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcomes;
}

export type PublishedChanges = { title?: string; body?: string; link?: string | null; hashtags?: string[] };

/**
 * Corrects a published announcement: the website shows the new text at once, Facebook and
 * WordPress posts are edited in place; X and Instagram do not allow edits and keep the old text.
 */
export async function editPublishedPost(
  services: Services,
  { origin, postId: id, changes }: PostCommand & { changes: PublishedChanges },
): Promise<{ post: PostWithRelations; channels: ChannelOutcome[] }> {
  const before = await services.prisma.post.findUnique({ where: { id }, include: postInclude });
  if (!before) throw new AppError("not_found");
  if (!isPublishedStatus(before.status)) throw new AppError("invalid_post_transition");
  const edited = {
    ...before,
    ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
  } as PostWithRelations;
  const editable = {
    ...edited,
    deliveries: edited.deliveries.filter((d) => d.status === "published" && adapterFor(d.channel.kind).update),
  };
  assertChannelRules(editable, origin.actor.locale);

  await services.prisma.$transaction(async (tx) => {
    await tx.post.update({ where: { id }, data: changes });
    await recordAudit(tx, origin, {
      action: "post.edit_published",
      targetType: "Post",
      targetId: id,
      unitId: before.unitId,
      changes: { ...changes },
    });
  });
  const channels = await onEachChannel(services, await publishedDeliveries(services, id), async (delivery) => {
    const adapter = adapterFor(delivery.channel.kind);
    if (!adapter.update) return "unsupported";
    await withFreshXToken(services, delivery.channel, (target) =>
      adapter.update!(target, delivery.remoteId!, outgoingPost(services, delivery)),
    );
    return "done";
  });
  await recordChannelOutcomes(services, origin, before, "post.edit_published_channels", channels);
  return { post: await services.prisma.post.findUniqueOrThrow({ where: { id }, include: postInclude }), channels };
}

/** Takes a published announcement down from every channel that allows it (not Instagram). */
export async function withdrawPost(
  services: Services,
  { origin, postId: id }: PostCommand,
): Promise<{ post: PostWithRelations; channels: ChannelOutcome[] }> {
  const post = await services.prisma.post.findUnique({ where: { id }, include: postInclude });
  if (!post) throw new AppError("not_found");
  if (!isPublishedStatus(post.status) && post.status !== "withdrawn") throw new AppError("invalid_post_transition");
  const channels = await onEachChannel(services, await publishedDeliveries(services, id), async (delivery) => {
    await withFreshXToken(services, delivery.channel, (target) =>
      adapterFor(delivery.channel.kind).remove(target, delivery.remoteId!),
    );
    await services.prisma.delivery.update({ where: { id: delivery.id }, data: { status: "removed" } });
    return "done";
  });
  await services.prisma.$transaction(async (tx) => {
    await tx.post.update({ where: { id }, data: { status: "withdrawn" } });
    await recordAudit(tx, origin, {
      action: "post.withdraw",
      targetType: "Post",
      targetId: id,
      unitId: post.unitId,
      changes: { status: { from: post.status, to: "withdrawn" } },
    });
  });
  await recordChannelOutcomes(services, origin, post, "post.withdraw_channels", channels);
  return { post: await services.prisma.post.findUniqueOrThrow({ where: { id }, include: postInclude }), channels };
}

async function recordChannelOutcomes(
  services: Services,
  origin: ActingOrigin,
  post: { id: string; unitId: string },
  action: string,
  channels: ChannelOutcome[],
) {
  await recordAudit(services.prisma, origin, {
    action,
    targetType: "Post",
    targetId: post.id,
    unitId: post.unitId,
    changes: { channels },
  });
  services.events.emit("post.changed", { postId: post.id });
}
