/**
 * Facebook Page posts through the Graph API.
 * https://developers.facebook.com/docs/pages-api/posts
 */
import { type ChannelAdapter, ChannelError, type ChannelTarget, type OutgoingPost } from "./adapter.js";
import { GraphClient, type GraphSettings } from "./graph.js";
import { normaliseWhitespace, type Platform } from "./http.js";

/** Credentials of a Facebook channel: a Page access token (never expires once long-lived). */
export type FacebookCredentials = { pageAccessToken: string };
/** Settings of a Facebook channel; externalId is the Page id. */
export type FacebookSettings = GraphSettings;

export type FacebookAdapterOptions = { timeoutMs?: number };

const FACEBOOK: Platform = { label: "Facebook", codePrefix: "graph" };

type FeedItem = { id: string; message?: string; created_time: string; permalink_url?: string };

export function createFacebookAdapter(options: FacebookAdapterOptions = {}): ChannelAdapter {
  const graphFor = (target: ChannelTarget) => GraphClient.forTarget(FACEBOOK, target, "pageAccessToken", options.timeoutMs);

  return {
    kind: "facebook",

    async verify(target) {
      // A Page token answers /me as its Page, so connecting needs no Page id up front.
      const page = await graphFor(target).get<{ id: string; name: string }>(target.externalId || "me", { fields: "id,name" });
      return { name: page.name, externalId: page.id };
    },

    async publish(target, post) {
      const graph = graphFor(target);
      const pageId = target.externalId;
      const images = photosOf(post);
      let postId: string;
      if (images.length === 0) {
        postId = (await graph.post<{ id: string }>(`${pageId}/feed`, { message: post.text, ...(post.link ? { link: post.link } : {}) })).id;
      } else if (images.length === 1) {
        postId = (await graph.post<{ post_id: string }>(`${pageId}/photos`, { url: images[0]!.publicUrl, caption: messageOf(post) })).post_id;
      } else {
        // Each photo is uploaded unpublished first; only the final /feed call creates the post.
        const attached = [];
        for (const image of images) {
          const photo = await graph.post<{ id: string }>(`${pageId}/photos`, { url: image.publicUrl, published: false });
          attached.push({ media_fbid: photo.id });
        }
        postId = (await graph.post<{ id: string }>(`${pageId}/feed`, { message: messageOf(post), attached_media: attached })).id;
      }
      return { remoteId: postId, remoteUrl: postUrl(postId) };
    },

    async findPublished(target, post, since) {
      const wanted = normaliseWhitespace(messageOf(post));
      const feed = graphFor(target).items<FeedItem>(`${target.externalId}/feed`, {
        fields: "id,message,created_time,permalink_url",
        since: String(Math.floor(since.getTime() / 1000)),
        limit: "100",
      });
      for await (const item of feed) {
        if (normaliseWhitespace(item.message ?? "") === wanted) return { remoteId: item.id, remoteUrl: item.permalink_url ?? postUrl(item.id) };
      }
      return null;
    },

    async remove(target, remoteId) {
      await graphFor(target).delete(remoteId);
    },

    async update(target, remoteId, post) {
      await graphFor(target).post(remoteId, { message: messageOf(post) });
    },
  };
}

/** The photos to post; Page videos (POST /{page-id}/videos) are not published yet. */
function photosOf(post: OutgoingPost) {
  if (post.media.some((item) => item.kind === "video")) {
    throw new ChannelError("permanent", "facebook:video_unsupported", "Facebook: Siar does not publish videos to Pages yet");
  }
  return post.media;
}

/** The post's message: photo posts have no link field, so the link goes at the end of the text. */
function messageOf(post: OutgoingPost): string {
  const linkInText = post.media.length > 0 && post.link && !post.text.includes(post.link);
  return linkInText ? `${post.text}\n\n${post.link}` : post.text;
}

function postUrl(postId: string): string {
  return `https://www.facebook.com/${postId}`;
}

export const facebookAdapter = createFacebookAdapter();
