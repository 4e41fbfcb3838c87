import { randomBytes } from "node:crypto";
import { changedFields, recordAudit, type Origin, type ActingOrigin } from "@server/audit/record.js";
import type { Actor } from "@server/auth/actor.js";
import {
  PUBLISHING_CHANNELS,
  validateForChannel,
  type Draft,
  type PublishingChannel,
  type XLinkPlacement,
} from "@server/channels/rules.js";
import type { Prisma } from "@server/db/client.js";
import type { PostStatus } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import { postNeedsApproval } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import type { DomainEventMap } from "@server/events.js";

export type PostInput = {
  unitId: string;
  title: string;
  body: string;
  link?: string | null;
  /** Where the link goes on X; in the post when absent. */
  xLinkPlacement?: XLinkPlacement;
  hashtags?: string[];
  mediaIds?: string[];
  channelIds: string[];
  /** Per-channel text replacing the body, keyed by channel id. */
  overrides?: Record<string, string>;
  scheduledAt?: Date | null;
  /** The unit site the website channel publishes to (checked by the route); null: the main site. */
  siteUnitId?: string | null;
  /** Serta-merta information: once public on the website, it joins its unit's DIP. */
  sertaMerta?: boolean;
};
export type PostChanges = Partial<Omit<PostInput, "unitId">>;

type Tx = Prisma.TransactionClient;

export const postInclude = {
  unit: { select: { id: true, name: true, timezone: true, path: true, postsRequireApproval: true } },
  author: { select: { id: true, name: true, role: true } },
  reviewedBy: { select: { id: true, name: true } },
  media: { include: { media: true }, orderBy: { position: "asc" } },
  deliveries: { include: { channel: { select: { id: true, kind: true, name: true } } }, orderBy: { createdAt: "asc" } },
} as const satisfies Prisma.PostInclude;

export type PostWithRelations = Prisma.PostGetPayload<{ include: typeof postInclude }>;

// Which statuses each action may start from.
const EDITABLE: PostStatus[] = ["draft"];
const RESCHEDULABLE: PostStatus[] = ["draft", "in_review", "approved", "scheduled"];

function slugFor(title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80)
    .replace(/-$/, "");
  return `${words || "pengumuman"}-${randomBytes(3).toString("hex")}`;
}

/**
 * Channels a unit may publish to: connected channels of the unit itself or of a unit above it
 * that carry posts (a mailbox or a WhatsApp number is an inbox only).
 */
async function availableChannels(tx: Tx, unitPath: string, channelIds: string[]) {
  const ancestorIds = unitPath.split("/").filter(Boolean);
  const channels = await tx.channel.findMany({
    where: {
      id: { in: channelIds },
      unitId: { in: ancestorIds },
      status: "connected",
      kind: { in: [...PUBLISHING_CHANNELS] },
    },
  });
  if (channels.length !== new Set(channelIds).size)
    throw new AppError("channel_not_available", { field: "channelIds" });
  return channels;
}

async function usableMedia(tx: Tx, actor: Actor, unitId: string, mediaIds: string[]) {
  // Citizens' photos (no uploader) are personal data and never go into a post.
  const media = await tx.mediaAsset.findMany({
    where: { id: { in: mediaIds }, uploadedById: { not: null }, OR: [{ unitId }, { uploadedById: actor.id }] },
  });
  if (media.length !== new Set(mediaIds).size) throw new AppError("not_found", { field: "mediaIds" });
  return mediaIds.map((id) => media.find((m) => m.id === id)!);
}

/** The channel rules, checked for every target with its own override; violations name the field. */
export function assertChannelRules(post: PostWithRelations, locale: "id" | "en" = "id"): void {
  const base: Omit<Draft, "overrides"> = {
    title: post.title,
    body: post.body,
    link: post.link,
    xLinkPlacement: post.xLinkPlacement,
    hashtags: post.hashtags,
    media: post.media.map(({ media }) => ({
      kind: media.kind,
      mimeType: media.mimeType,
      bytes: media.bytes,
      width: media.width,
      height: media.height,
    })),
  };
  const violations = post.deliveries.flatMap((delivery) => {
    const kind = delivery.channel.kind as PublishingChannel;
    const overrides = delivery.textOverride !== null ? { [kind]: delivery.textOverride } : {};
    return validateForChannel(kind, { ...base, overrides }).map((violation) => ({
      channel: violation.channel,
      channelId: delivery.channel.id,
      field: violation.field,
      code: violation.code,
      message: violation.message[locale],
    }));
  });
  if (violations.length) throw new AppError("channel_rules_violated", violations);
}

function assertFuture(scheduledAt: Date | null | undefined): void {
  if (scheduledAt && scheduledAt.getTime() < Date.now() - 60_000)
    throw new AppError("schedule_in_past", { field: "scheduledAt" });
}

async function writeMediaAndDeliveries(
  tx: Tx,
  postId: string,
  unitPath: string,
  actor: Actor,
  unitId: string,
  input: PostChanges,
) {
  if (input.mediaIds) {
    const media = await usableMedia(tx, actor, unitId, input.mediaIds);
    await tx.postMedia.deleteMany({ where: { postId } });
    await tx.postMedia.createMany({ data: media.map((m, position) => ({ postId, mediaId: m.id, position })) });
  }
  if (input.channelIds) {
    const channels = await availableChannels(tx, unitPath, input.channelIds);
    await tx.delivery.deleteMany({ where: { postId, channelId: { notIn: channels.map((c) => c.id) } } });
    for (const channel of channels) {
      const textOverride = input.overrides?.[channel.id]?.trim() || null;
      await tx.delivery.upsert({
        where: { postId_channelId: { postId, channelId: channel.id } },
        create: { postId, channelId: channel.id, textOverride },
        update: { textOverride },
      });
    }
  } else if (input.overrides) {
    for (const [channelId, text] of Object.entries(input.overrides)) {
      await tx.delivery.updateMany({ where: { postId, channelId }, data: { textOverride: text.trim() || null } });
    }
  }
}

async function loadPost(tx: Tx, id: string): Promise<PostWithRelations> {
  const post = await tx.post.findUnique({ where: { id }, include: postInclude });
  if (!post) throw new AppError("not_found");
  return post;
}

function auditPost(
  tx: Tx,
  origin: Origin,
  post: { id: string; unitId: string },
  action: string,
  changes?: Record<string, unknown>,
) {
  return recordAudit(tx, origin, {
    action: `post.${action}`,
    targetType: "Post",
    targetId: post.id,
    unitId: post.unitId,
    changes,
  });
}

/** Runs one post operation in a transaction and announces the change once it is committed. */
async function postOperation(services: Services, work: (tx: Tx) => Promise<string>): Promise<PostWithRelations> {
  const id = await services.prisma.$transaction(work);
  services.events.emit("post.changed", { postId: id });
  return services.prisma.post.findUniqueOrThrow({ where: { id }, include: postInclude });
}

/** What every command on an existing post is told: who acts, and on which post. */
export type PostCommand = {
  /** The person acting, with the request's address and id for the audit log. */
  origin: ActingOrigin;
  postId: string;
};

export async function createPost(
  services: Services,
  { origin, post: input }: { origin: ActingOrigin; post: PostInput },
): Promise<PostWithRelations> {
  assertFuture(input.scheduledAt);
  return postOperation(services, async (tx) => {
    const unit = await tx.unit.findUnique({ where: { id: input.unitId } });
    if (!unit?.active) throw new AppError("unit_inactive", { field: "unitId" });
    const post = await tx.post.create({
      data: {
        unitId: unit.id,
        authorId: origin.actor.id,
        title: input.title,
        body: input.body,
        link: input.link ?? null,
        xLinkPlacement: input.xLinkPlacement,
        hashtags: input.hashtags ?? [],
        slug: slugFor(input.title),
        scheduledAt: input.scheduledAt ?? null,
        siteUnitId: input.siteUnitId ?? null,
        sertaMerta: input.sertaMerta ?? false,
      },
    });
    await writeMediaAndDeliveries(tx, post.id, unit.path, origin.actor, unit.id, {
      ...input,
      mediaIds: input.mediaIds ?? [],
    });
    assertChannelRules(await loadPost(tx, post.id), origin.actor.locale);
    await auditPost(tx, origin, post, "create", {
      title: post.title,
      xLinkPlacement: post.xLinkPlacement,
      channelIds: input.channelIds,
      scheduledAt: post.scheduledAt,
      siteUnitId: post.siteUnitId,
      sertaMerta: post.sertaMerta,
    });
    return post.id;
  });
}

export async function updatePost(
  services: Services,
  { origin, postId: id, changes: input }: PostCommand & { changes: PostChanges },
): Promise<PostWithRelations> {
  assertFuture(input.scheduledAt);
  return postOperation(services, async (tx) => {
    const before = await loadPost(tx, id);
    if (!EDITABLE.includes(before.status)) throw new AppError("post_not_editable");
    await tx.post.update({
      where: { id },
      data: {
        title: input.title,
        body: input.body,
        link: input.link,
        xLinkPlacement: input.xLinkPlacement,
        hashtags: input.hashtags,
        scheduledAt: input.scheduledAt,
        siteUnitId: input.siteUnitId,
        sertaMerta: input.sertaMerta,
      },
    });
    await writeMediaAndDeliveries(tx, id, before.unit.path, origin.actor, before.unitId, input);
    assertChannelRules(await loadPost(tx, id), origin.actor.locale);
    const { title, body, link, xLinkPlacement, hashtags, scheduledAt, siteUnitId, sertaMerta } = before;
    await auditPost(tx, origin, before, "update", {
      ...changedFields(
        { title, body, link, xLinkPlacement, hashtags, scheduledAt, siteUnitId, sertaMerta },
        {
          title: input.title,
          body: input.body,
          link: input.link,
          xLinkPlacement: input.xLinkPlacement,
          hashtags: input.hashtags,
          scheduledAt: input.scheduledAt,
          siteUnitId: input.siteUnitId,
          sertaMerta: input.sertaMerta,
        },
      ),
      ...(input.channelIds ? { channelIds: input.channelIds } : {}),
      ...(input.mediaIds ? { mediaIds: input.mediaIds } : {}),
    });
    return id;
  });
}

/** Queues every delivery for its time: the schedule, or now. */
async function schedule(tx: Tx, post: PostWithRelations): Promise<void> {
  await tx.post.update({ where: { id: post.id }, data: { status: "scheduled" } });
  await tx.delivery.updateMany({
    where: { postId: post.id, status: "pending" },
    data: { nextAttemptAt: post.scheduledAt ?? new Date() },
  });
}

export async function submitPost(services: Services, { origin, postId: id }: PostCommand): Promise<PostWithRelations> {
  const post = await postOperation(services, async (tx) => {
    const post = await loadPost(tx, id);
    if (post.status !== "draft") throw new AppError("invalid_post_transition");
    if (post.deliveries.length === 0) throw new AppError("channel_not_available", { field: "channelIds" });
    assertChannelRules(post, origin.actor.locale);
    assertFuture(post.scheduledAt);
    if (postNeedsApproval(post)) {
      await tx.post.update({ where: { id }, data: { status: "in_review", reviewNote: null } });
      await auditPost(tx, origin, post, "submit", { status: { from: "draft", to: "in_review" } });
    } else {
      await schedule(tx, post);
      await auditPost(tx, origin, post, "submit", { status: { from: "draft", to: "scheduled" } });
    }
    return id;
  });
  if (post.status === "in_review") announceReviewStep(services, origin, id, "submitted");
  return post;
}

/** Tells the notifications (server/jobs/notifications.ts) that a post moved in its review. */
function announceReviewStep(
  services: Services,
  origin: ActingOrigin,
  postId: string,
  step: DomainEventMap["post.reviewStep"]["step"],
) {
  services.events.emit("post.reviewStep", { postId, step, actorId: origin.actor.id });
}

export async function approvePost(
  services: Services,
  { origin, postId: id, note }: PostCommand & { /** Shown to the author with the approval. */ note: string | null },
): Promise<PostWithRelations> {
  const approved = await postOperation(services, async (tx) => {
    const post = await loadPost(tx, id);
    if (post.status !== "in_review") throw new AppError("invalid_post_transition");
    assertChannelRules(post, origin.actor.locale);
    await tx.post.update({
      where: { id },
      data: { reviewedById: origin.actor.id, reviewedAt: new Date(), reviewNote: note },
    });
    await schedule(tx, post);
    await auditPost(tx, origin, post, "approve", { status: { from: "in_review", to: "scheduled" }, note });
    return id;
  });
  announceReviewStep(services, origin, id, "approved");
  return approved;
}

export async function returnPost(
  services: Services,
  { origin, postId: id, note }: PostCommand & { /** What the author should change. */ note: string },
): Promise<PostWithRelations> {
  const returned = await postOperation(services, async (tx) => {
    const post = await loadPost(tx, id);
    if (post.status !== "in_review") throw new AppError("invalid_post_transition");
    await tx.post.update({
      where: { id },
      data: { status: "draft", reviewedById: origin.actor.id, reviewedAt: new Date(), reviewNote: note },
    });
    await auditPost(tx, origin, post, "return", { status: { from: "in_review", to: "draft" }, note });
    return id;
  });
  announceReviewStep(services, origin, id, "returned");
  return returned;
}

/** Moves the publishing time, also of queued deliveries, as long as nothing has gone out. */
export async function reschedulePost(
  services: Services,
  { origin, postId: id, scheduledAt }: PostCommand & { scheduledAt: Date },
): Promise<PostWithRelations> {
  assertFuture(scheduledAt);
  return postOperation(services, async (tx) => {
    const post = await loadPost(tx, id);
    if (!RESCHEDULABLE.includes(post.status) || post.deliveries.some((d) => d.status !== "pending"))
      throw new AppError("invalid_post_transition");
    await tx.post.update({ where: { id }, data: { scheduledAt } });
    // A worker holding a delivery prepared for the old time lets it go and prepares it again.
    if (post.status === "scheduled")
      await tx.delivery.updateMany({
        where: { postId: id, status: "pending" },
        data: { nextAttemptAt: scheduledAt, leaseOwner: null, leaseExpiresAt: null },
      });
    await auditPost(tx, origin, post, "reschedule", { scheduledAt: { from: post.scheduledAt, to: scheduledAt } });
    return id;
  });
}

export async function cancelPost(services: Services, { origin, postId: id }: PostCommand): Promise<PostWithRelations> {
  return postOperation(services, async (tx) => {
    const post = await loadPost(tx, id);
    if (!RESCHEDULABLE.includes(post.status) || post.deliveries.some((d) => d.status !== "pending"))
      throw new AppError("invalid_post_transition");
    await tx.post.update({ where: { id }, data: { status: "cancelled" } });
    await tx.delivery.updateMany({
      where: { postId: id, status: "pending" },
      data: { status: "cancelled", nextAttemptAt: null },
    });
    await auditPost(tx, origin, post, "cancel", { status: { from: post.status, to: "cancelled" } });
    return id;
  });
}
