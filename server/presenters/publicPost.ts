import { announcementPath } from "@server/channels/website.js";
import type { MediaAsset, Post } from "@server/db/generated/client.js";
import type { MediaKind } from "@server/db/generated/enums.js";
import { mediaPath, mediaUrl } from "@server/media/storage.js";

type PublicPostRecord = Pick<Post, "slug" | "title" | "body" | "link" | "hashtags"> & {
  unit: { name: string; timezone: string };
  media: { media: Pick<MediaAsset, "kind" | "storageKey" | "mimeType" | "bytes" | "width" | "height"> }[];
  /** The post's published website deliveries, earliest first. */
  deliveries: { publishedAt: Date | null; textOverride: string | null }[];
};

export type PublicMedia = {
  kind: MediaKind;
  /** Absolute, for feeds and link previews. */
  url: string;
  /** Relative, for the site's own pages (and the resized variants named after it). */
  path: string;
  mimeType: string;
  bytes: number;
  width: number | null;
  height: number | null;
};

/** An announcement as citizens see it on the website: no ids, authors, review notes or other channels. */
export type PublicPost = {
  slug: string;
  /** Relative, for links inside the site. */
  path: string;
  /** Absolute, for feeds, sitemaps and link previews. */
  url: string;
  title: string;
  body: string;
  link: string | null;
  hashtags: string[];
  unitName: string;
  timezone: string;
  /** When it appeared on the website; a published announcement is not edited afterwards. */
  publishedAt: Date;
  media: PublicMedia[];
  /** The first image: the thumbnail, the link-preview image and the feeds' enclosure. */
  coverImage: PublicMedia | null;
};

export function presentPublicPost(post: PublicPostRecord, publicBaseUrl: string): PublicPost {
  const website = post.deliveries[0];
  if (!website?.publishedAt) throw new Error(`post ${post.slug} has no published website delivery`);
  const path = announcementPath(post.slug);
  const media = post.media.map(({ media }) => ({
    kind: media.kind,
    url: mediaUrl(publicBaseUrl, media.storageKey),
    path: mediaPath(media.storageKey),
    mimeType: media.mimeType,
    bytes: media.bytes,
    width: media.width,
    height: media.height,
  }));
  return {
    slug: post.slug,
    path,
    url: publicBaseUrl + path,
    title: post.title,
    // The website delivery may carry its own wording of the announcement.
    body: website.textOverride ?? post.body,
    link: webLink(post.link),
    hashtags: post.hashtags.map((tag) => tag.replace(/^#/, "")).filter(Boolean),
    unitName: post.unit.name,
    timezone: post.unit.timezone,
    publishedAt: website.publishedAt,
    media,
    coverImage: media.find((item) => item.kind === "image") ?? null,
  };
}

/** Only http(s) links reach a page: a `javascript:` link would run in the reader's browser. */
function webLink(link: string | null): string | null {
  if (!link || !URL.canParse(link)) return null;
  return ["http:", "https:"].includes(new URL(link).protocol) ? link : null;
}
