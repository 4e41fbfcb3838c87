/**
 * Instagram professional accounts through the Graph API (Instagram API with Facebook Login).
 * https://developers.facebook.com/docs/instagram-platform/content-publishing
 */
import { type ChannelAdapter, ChannelError, type ChannelTarget, type OutgoingMedia } from "./adapter.js";
import { GraphClient, type GraphSettings } from "./graph.js";
import { minutesFromNow, normaliseWhitespace, type Platform } from "./http.js";

/** Credentials of an Instagram channel: the Page access token of the Facebook Page linked to it. */
export type InstagramCredentials = { accessToken: string };
/** Settings of an Instagram channel; externalId is the IG user id. */
export type InstagramSettings = GraphSettings;

export type InstagramAdapterOptions = {
  timeoutMs?: number;
  /**
   * Pauses between asks whether a media container is ready. Images are usually ready within
   * seconds, videos take minutes; Meta asks for no more than once a minute over 5 minutes, so
   * the waits grow to a minute and stop short of that.
   */
  containerPollWaitsMs?: number[];
};

const INSTAGRAM: Platform = { label: "Instagram", codePrefix: "graph" };
/** The limit is a rolling 24 hours; an hour later at least one earlier post has usually aged out. */
const PUBLISHING_LIMIT_WAIT_MINUTES = 60;
const CONTAINER_NOT_READY_WAIT_MINUTES = 5;

type ContainerStatus = { status_code: "IN_PROGRESS" | "FINISHED" | "ERROR" | "EXPIRED" | "PUBLISHED"; status?: string };
type PublishingLimit = { data: { quota_usage: number; config?: { quota_total: number } }[] };
type MediaItem = { id: string; caption?: string; timestamp: string; permalink?: string };

export function createInstagramAdapter(options: InstagramAdapterOptions = {}): ChannelAdapter {
  const waits = options.containerPollWaitsMs ?? [1_000, 3_000, 10_000, 30_000, 60_000, 60_000, 60_000];
  const graphFor = (target: ChannelTarget) => GraphClient.forTarget(INSTAGRAM, target, "accessToken", options.timeoutMs);

  /** Polls status_code until the container is FINISHED; a container that never finishes is never published. */
  async function waitUntilReady(graph: GraphClient, containerId: string): Promise<void> {
    for (let poll = 0; poll <= waits.length; poll++) {
      const container = await graph.get<ContainerStatus>(containerId, { fields: "status_code,status" });
      if (container.status_code === "FINISHED") return;
      if (container.status_code === "ERROR" || container.status_code === "EXPIRED") {
        throw new ChannelError("permanent", `instagram:container_${container.status_code.toLowerCase()}`, `Instagram: ${container.status ?? container.status_code}`);
      }
      if (poll < waits.length) await new Promise((resolve) => setTimeout(resolve, waits[poll]));
    }
    throw new ChannelError("transient", "instagram:container_not_ready", "Instagram: the media is still being processed", minutesFromNow(CONTAINER_NOT_READY_WAIT_MINUTES));
  }

  return {
    kind: "instagram",

    async verify(target) {
      const graph = graphFor(target);
      const account = await graph.get<{ id: string; username: string }>(target.externalId || (await linkedAccountId(graph)), { fields: "id,username" });
      return { name: account.username, externalId: account.id };
    },

    async publish(target, post) {
      const graph = graphFor(target);
      const igUserId = target.externalId;
      const media = post.media[0];
      if (!media) throw new ChannelError("permanent", "instagram:media_required", "Instagram: a post needs an image or a video");

      // Read, never hard-code: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit
      const limit = (await graph.get<PublishingLimit>(`${igUserId}/content_publishing_limit`, { fields: "quota_usage,config" })).data[0];
      if (limit?.config && limit.quota_usage >= limit.config.quota_total) {
        throw new ChannelError(
          "transient",
          "instagram:publishing_limit",
          `Instagram: the account has published ${limit.quota_usage} of ${limit.config.quota_total} posts allowed in 24 hours`,
          minutesFromNow(PUBLISHING_LIMIT_WAIT_MINUTES),
        );
      }
      const container = await graph.post<{ id: string }>(`${igUserId}/media`, { ...containerMedia(media), caption: post.text });
      await waitUntilReady(graph, container.id);
      const published = await graph.post<{ id: string }>(`${igUserId}/media_publish`, { creation_id: container.id });
      return { remoteId: published.id, remoteUrl: await permalinkOf(graph, published.id) };
    },

    async findPublished(target, post, since) {
      const wanted = normaliseWhitespace(post.text);
      const media = graphFor(target).items<MediaItem>(
        `${target.externalId}/media`,
        { fields: "id,caption,timestamp,permalink", since: String(Math.floor(since.getTime() / 1000)), limit: "100" },
        (item) => Date.parse(item.timestamp.replace(/\+0000$/, "Z")) >= since.getTime() - 1000,
      );
      for await (const item of media) {
        if (normaliseWhitespace(item.caption ?? "") === wanted) return { remoteId: item.id, remoteUrl: item.permalink ?? null };
      }
      return null;
    },

    async remove() {
      throw new ChannelError("permanent", "instagram:delete_unsupported", "Instagram: the API does not allow deleting published posts; delete it in the Instagram app");
    },
  };
}

/** Connecting with only the Page token: the Page names its linked Instagram account. */
async function linkedAccountId(graph: GraphClient): Promise<string> {
  const page = await graph.get<{ instagram_business_account?: { id: string } }>("me", { fields: "instagram_business_account" });
  if (!page.instagram_business_account) {
    throw new ChannelError("permanent", "instagram:no_linked_account", "Instagram: this Page has no Instagram professional account linked to it");
  }
  return page.instagram_business_account.id;
}

/** Images as feed posts; videos as Reels, the only video type the API still publishes to the feed. */
function containerMedia(media: OutgoingMedia): Record<string, string> {
  return media.kind === "video" ? { video_url: media.publicUrl, media_type: "REELS" } : { image_url: media.publicUrl };
}

/** The post exists once media_publish answers, so a failure to read its link must not fail the delivery. */
async function permalinkOf(graph: GraphClient, mediaId: string): Promise<string | null> {
  try {
    return (await graph.get<{ permalink?: string }>(mediaId, { fields: "permalink" })).permalink ?? null;
  } catch {
    return null;
  }
}

export const instagramAdapter = createInstagramAdapter();
