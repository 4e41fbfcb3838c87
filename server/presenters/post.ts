import { publicPostUrl } from "@server/channels/website.js";
import type { Actor } from "@server/auth/actor.js";
import type { PostWithRelations } from "@server/commands/posts.js";
import type { UnitTimeZone } from "@server/deadlines/timeZones.js";
import { can, postNeedsApproval } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import { presentMedia } from "./media.js";
import { isPublishedStatus } from "@server/publishing/postStatus.js";

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function presentPost(services: Pick<Services, "config">, post: PostWithRelations, actor: Actor) {
  const subject = { unitPath: post.unit.path, authorId: post.authorId };
  const untouched = post.deliveries.every((d) => d.status === "pending");
  const isPublished = isPublishedStatus(post.status);
  const beforePublishing = ["draft", "in_review", "approved", "scheduled"].includes(post.status) && untouched;
  return {
    id: post.id,
    // The unit form accepts only the zones of UNIT_TIME_ZONES.
    unit: { id: post.unit.id, name: post.unit.name, timezone: post.unit.timezone as UnitTimeZone },
    author: { id: post.author.id, name: post.author.name, role: post.author.role },
    title: post.title,
    body: post.body,
    link: post.link,
    xLinkPlacement: post.xLinkPlacement,
    hashtags: post.hashtags,
    slug: post.slug,
    /** The unit site the website channel publishes to; null: the main site. */
    siteUnitId: post.siteUnitId,
    status: post.status,
    scheduledAt: iso(post.scheduledAt),
    publishedAt: iso(post.publishedAt),
    sertaMerta: post.sertaMerta,
    /** Whether submitting it sends it to a leader (an officer's post, a unit that asks for it) or schedules it. */
    needsApproval: postNeedsApproval(post),
    reviewNote: post.reviewNote,
    reviewedBy: post.reviewedBy,
    reviewedAt: iso(post.reviewedAt),
    media: post.media.map(({ media }) => presentMedia(services, media)),
    deliveries: post.deliveries.map((delivery) => ({
      id: delivery.id,
      channel: delivery.channel,
      textOverride: delivery.textOverride,
      status: delivery.status,
      attempts: delivery.attempts,
      nextAttemptAt: iso(delivery.nextAttemptAt),
      // In flight with nobody sending it: the platform failed without saying whether it made the post.
      checkAt: delivery.status === "in_flight" && delivery.leaseOwner === null ? iso(delivery.leaseExpiresAt) : null,
      remoteId: delivery.remoteId,
      remoteUrl: delivery.remoteUrl,
      lastErrorCode: delivery.lastErrorCode,
      lastErrorMessage: delivery.lastErrorMessage,
      publishedAt: iso(delivery.publishedAt),
    })),
    websiteUrl: publicPostUrl(services, post.slug),
    permissions: {
      edit: post.status === "draft" && can(actor, "update", "Post", subject),
      submit: post.status === "draft" && can(actor, "update", "Post", subject),
      approve: post.status === "in_review" && can(actor, "approve", "Post", subject),
      reschedule: beforePublishing && can(actor, "schedule", "Post", subject),
      cancel: beforePublishing && can(actor, "schedule", "Post", subject),
      editPublished: isPublished && can(actor, "update", "Post", subject),
      // A withdrawal that failed on some channel can be tried again.
      withdraw:
        (isPublished || (post.status === "withdrawn" && post.deliveries.some((d) => d.status === "published"))) &&
        can(actor, "update", "Post", subject),
    },
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}
