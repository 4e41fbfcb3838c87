import twitterText from "twitter-text";

// What each channel accepts, as the platforms document it. Pure functions with no server
// imports: the composer in the browser runs the same checks and counters before submit, and
// the server runs them again before anything is stored or sent.

export const PUBLISHING_CHANNELS = ["website", "facebook", "instagram", "x", "wordpress"] as const;
export type PublishingChannel = (typeof PUBLISHING_CHANNELS)[number];

export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export const VIDEO_TYPES = ["video/mp4", "video/quicktime"] as const;
export const MAX_UPLOAD_BYTES = 300 * 1024 * 1024;

type ChannelRule = {
  /** How the text is measured and its limit. */
  text: { measure: "characters" | "x-weighted"; max: number };
  maxHashtags?: number;
  mediaRequired?: boolean;
  maxImages: number;
  maxVideos: number;
  /** Whether images and a video may go in the same post. */
  mixedMedia: boolean;
  imageMaxBytes: number;
  videoMaxBytes: number;
  /** Width / height bounds, per kind of media, and how to say them. */
  aspectRatio?: Partial<Record<DraftMedia["kind"], AspectRatioBounds>>;
};

type AspectRatioBounds = { min: number; max: number; described: { id: string; en: string } };

export const CHANNEL_RULES: Record<PublishingChannel, ChannelRule> = {
  // Siar's own site: generous, only sanity bounds.
  website: {
    text: { measure: "characters", max: 50_000 },
    maxImages: 10,
    maxVideos: 1,
    mixedMedia: true,
    imageMaxBytes: 20 * 1024 * 1024,
    videoMaxBytes: MAX_UPLOAD_BYTES,
  },
  // https://developers.facebook.com/docs/graph-api/reference/page/feed : message up to 63,206 characters.
  // A video goes alone as a Page video (https://developers.facebook.com/docs/graph-api/reference/page/videos);
  // Siar's own upload cap is the limit: Meta takes up to 2 GB (Video API error codes, 1363023).
  facebook: {
    text: { measure: "characters", max: 63_206 },
    maxImages: 10,
    maxVideos: 1,
    mixedMedia: false,
    imageMaxBytes: 10 * 1024 * 1024,
    videoMaxBytes: MAX_UPLOAD_BYTES,
  },
  // https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media :
  // caption 2,200 characters, 30 hashtags, JPEG up to 8 MB; images 4:5 to 1.91:1, Reels videos
  // 0.01:1 to 10:1 (9:16 recommended).
  instagram: {
    text: { measure: "characters", max: 2_200 },
    maxHashtags: 30,
    mediaRequired: true,
    maxImages: 1,
    maxVideos: 1,
    mixedMedia: false,
    imageMaxBytes: 8 * 1024 * 1024,
    videoMaxBytes: 300 * 1024 * 1024,
    aspectRatio: {
      image: {
        min: 4 / 5,
        max: 1.91,
        described: {
          id: "antara 4:5 (tegak) dan 1,91:1 (mendatar)",
          en: "between 4:5 (portrait) and 1.91:1 (landscape)",
        },
      },
      video: {
        min: 0.01,
        max: 10,
        described: {
          id: "antara 0,01:1 dan 10:1 (Reels; 9:16 dianjurkan)",
          en: "between 0.01:1 and 10:1 (Reels; 9:16 recommended)",
        },
      },
    },
  },
  // https://docs.x.com/resources/fundamentals/counting-characters : weighted length 280, URLs 23;
  // up to 4 images or 1 video; images up to 5 MB; https://docs.x.com/x-api/media/quickstart/best-practices :
  // video aspect ratio 1:3 to 3:1.
  x: {
    text: { measure: "x-weighted", max: 280 },
    maxImages: 4,
    maxVideos: 1,
    mixedMedia: false,
    imageMaxBytes: 5 * 1024 * 1024,
    videoMaxBytes: 512 * 1024 * 1024,
    aspectRatio: {
      video: {
        min: 1 / 3,
        max: 3,
        described: { id: "antara 1:3 (tegak) dan 3:1 (mendatar)", en: "between 1:3 (portrait) and 3:1 (landscape)" },
      },
    },
  },
  // An image becomes the featured image; a video is uploaded to the media library and shown in a
  // core video block. The site's own upload limit is its configuration, unknown to Siar.
  wordpress: {
    text: { measure: "characters", max: 100_000 },
    maxImages: 1,
    maxVideos: 1,
    mixedMedia: false,
    imageMaxBytes: 20 * 1024 * 1024,
    videoMaxBytes: MAX_UPLOAD_BYTES,
  },
};

export type DraftMedia = {
  kind: "image" | "video";
  mimeType: string;
  bytes: number;
  width: number | null;
  height: number | null;
};

/** Where a post's link goes on X (see the Post model): X bills a post with a URL many times a plain one. */
export type XLinkPlacement = "in_post" | "reply" | "omit";

export type Draft = {
  title: string;
  body: string;
  link: string | null;
  /** X only; in the post when absent. */
  xLinkPlacement?: XLinkPlacement;
  hashtags: string[];
  media: DraftMedia[];
  /** Per-channel replacement of the body. */
  overrides: Partial<Record<PublishingChannel, string>>;
};

/** Which part of the composer a problem belongs to, so the UI can show it next to that field. */
export type DraftField = "title" | "body" | "link" | "hashtags" | "media" | `override.${PublishingChannel}`;

export type Violation = {
  channel: PublishingChannel;
  field: DraftField;
  code: string;
  message: { id: string; en: string };
};

const CHANNEL_NAMES: Record<PublishingChannel, string> = {
  website: "Website",
  facebook: "Facebook",
  instagram: "Instagram",
  x: "X",
  wordpress: "WordPress",
};

export function normaliseHashtag(tag: string): string {
  return tag.trim().replace(/^#+/, "").replace(/\s+/g, "");
}

/**
 * The text a channel carries: the body (or its override), then the link where the platform
 * does not take it separately, then the hashtags. Facebook and WordPress get the link as a field;
 * on X it goes in the text only when the composer left it there.
 */
export function renderText(
  channel: PublishingChannel,
  draft: Pick<Draft, "body" | "link" | "hashtags" | "overrides" | "xLinkPlacement">,
): string {
  const body = (draft.overrides[channel] ?? draft.body).trim();
  const tags = draft.hashtags
    .map(normaliseHashtag)
    .filter(Boolean)
    .map((tag) => `#${tag}`);
  const parts = [body];
  const linkInText = channel === "instagram" || (channel === "x" && (draft.xLinkPlacement ?? "in_post") === "in_post");
  if (linkInText && draft.link && !body.includes(draft.link)) parts.push(draft.link);
  const tagLine = tags.filter((tag) => !body.includes(tag)).join(" ");
  if (tagLine) parts.push(tagLine);
  return parts.filter(Boolean).join("\n\n");
}

/** Length as the channel counts it: X's weighted count (URLs 23, CJK and emoji 2), else code points. */
export function measureText(channel: PublishingChannel, text: string): number {
  return CHANNEL_RULES[channel].text.measure === "x-weighted"
    ? twitterText.parseTweet(text).weightedLength
    : [...text].length;
}

export function countHashtags(text: string): number {
  return twitterText.extractHashtags(text).length;
}

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Every reason the draft cannot go to this channel, in Bahasa Indonesia and English. */
export function validateForChannel(channel: PublishingChannel, draft: Draft): Violation[] {
  const rule = CHANNEL_RULES[channel];
  const name = CHANNEL_NAMES[channel];
  const textField: DraftField = draft.overrides[channel] !== undefined ? `override.${channel}` : "body";
  const violations: Violation[] = [];
  const add = (field: DraftField, code: string, id: string, en: string) =>
    violations.push({ channel, field, code, message: { id, en } });

  const text = renderText(channel, draft);
  const length = measureText(channel, text);
  if (length > rule.text.max) {
    add(
      textField,
      "text_too_long",
      `Teks untuk ${name} terlalu panjang: ${length} dari batas ${rule.text.max}.`,
      `The text for ${name} is too long: ${length} of ${rule.text.max}.`,
    );
  }
  if (rule.maxHashtags !== undefined && countHashtags(text) > rule.maxHashtags) {
    add(
      "hashtags",
      "too_many_hashtags",
      `${name} menerima paling banyak ${rule.maxHashtags} tagar.`,
      `${name} takes at most ${rule.maxHashtags} hashtags.`,
    );
  }

  const images = draft.media.filter((m) => m.kind === "image");
  const videos = draft.media.filter((m) => m.kind === "video");
  if (rule.mediaRequired && draft.media.length === 0) {
    add("media", "media_required", `${name} memerlukan gambar atau video.`, `${name} needs an image or a video.`);
  }
  if (images.length > rule.maxImages) {
    add(
      "media",
      "too_many_images",
      `${name} menerima paling banyak ${rule.maxImages} gambar.`,
      `${name} takes at most ${rule.maxImages} image(s).`,
    );
  }
  if (videos.length > rule.maxVideos) {
    add(
      "media",
      "too_many_videos",
      rule.maxVideos ? `${name} menerima paling banyak ${rule.maxVideos} video.` : `${name} tidak menerima video.`,
      rule.maxVideos ? `${name} takes at most ${rule.maxVideos} video.` : `${name} does not take videos.`,
    );
  }
  if (!rule.mixedMedia && images.length > 0 && videos.length > 0) {
    add(
      "media",
      "mixed_media",
      `${name} tidak menerima gambar dan video dalam satu unggahan.`,
      `${name} does not take images and a video in one post.`,
    );
  }
  for (const media of draft.media) {
    const limit = media.kind === "image" ? rule.imageMaxBytes : rule.videoMaxBytes;
    if (limit > 0 && media.bytes > limit) {
      add(
        "media",
        "file_too_large",
        `Berkas terlalu besar untuk ${name}: batasnya ${mb(limit)}.`,
        `File too large for ${name}: the limit is ${mb(limit)}.`,
      );
    }
    const bounds = rule.aspectRatio?.[media.kind];
    if (bounds && media.width && media.height) {
      const ratio = media.width / media.height;
      if (ratio < bounds.min - 0.005 || ratio > bounds.max + 0.005) {
        const kind = media.kind === "image" ? { id: "gambar", en: "image" } : { id: "video", en: "video" };
        add(
          "media",
          "aspect_ratio",
          `Rasio ${kind.id} ${media.width}×${media.height} tidak didukung ${name}: harus ${bounds.described.id}.`,
          `${name} does not support the ${kind.en} aspect ratio ${media.width}×${media.height}: it must be ${bounds.described.en}.`,
        );
      }
    }
  }
  return violations;
}

export function validateDraft(channels: PublishingChannel[], draft: Draft): Violation[] {
  return channels.flatMap((channel) => validateForChannel(channel, draft));
}
