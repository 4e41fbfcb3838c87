// The server's own per-channel rules, so the composer counts and checks exactly what the server will.
import {
  CHANNEL_RULES,
  PUBLISHING_CHANNELS,
  measureText,
  renderText,
  validateForChannel,
  type Draft,
  type DraftField,
  type PublishingChannel,
  type XLinkPlacement,
} from "@server/channels/rules";
import { ApiError } from "@web/api/client";
import type { ChannelKind, Locale, Media, Post } from "@web/api/types";

export { IMAGE_TYPES, normaliseHashtag, VIDEO_TYPES } from "@server/channels/rules";

/** What the author writes once for every channel, plus per-channel texts keyed by channel id. */
export type PostContent = {
  title: string;
  body: string;
  link: string;
  /** Where the link goes on X. */
  xLinkPlacement: XLinkPlacement;
  hashtags: string[];
  media: Media[];
  overrides: Record<string, string>;
};

export type { XLinkPlacement };

export type TargetChannel = { id: string; kind: PublishingChannel };

/** Channels that carry posts; a mailbox or a WhatsApp number only brings citizens' messages into the inbox. */
export function isPublishingChannel<C extends { kind: ChannelKind }>(channel: C): channel is C & TargetChannel {
  return (PUBLISHING_CHANNELS as readonly string[]).includes(channel.kind);
}

/** Problems keyed by the composer field they belong to: title, body, link, hashtags, media or override.<channel id>. */
export type FieldProblems = Record<string, string[]>;

function draftFor(channel: TargetChannel, content: PostContent): Draft {
  const override = content.overrides[channel.id];
  return {
    title: content.title,
    body: content.body,
    link: content.link.trim() || null,
    xLinkPlacement: content.xLinkPlacement,
    hashtags: content.hashtags,
    media: content.media,
    overrides: override === undefined ? {} : { [channel.kind]: override },
  };
}

/** The text this channel will carry, as the server renders it. */
export function channelText(channel: TargetChannel, content: PostContent): string {
  return renderText(channel.kind, draftFor(channel, content));
}

/** The channel's count of that text and its limit (X counts weighted: links 23, emoji 2). */
export function channelLength(channel: TargetChannel, content: PostContent): { length: number; max: number } {
  return {
    length: measureText(channel.kind, channelText(channel, content)),
    max: CHANNEL_RULES[channel.kind].text.max,
  };
}

// The rules name an override by channel kind; the composer holds one per channel.
function composerField(field: DraftField | string, channelId: string): string {
  return field.startsWith("override.") ? `override.${channelId}` : field;
}

function addProblem(problems: FieldProblems, field: string, message: string) {
  const messages = (problems[field] ??= []);
  if (!messages.includes(message)) messages.push(message);
}

/** Every rule the content breaks on each target channel, in the UI language. */
export function contentProblems(
  channels: readonly TargetChannel[],
  content: PostContent,
  language: Locale,
): FieldProblems {
  const problems: FieldProblems = {};
  for (const channel of channels) {
    for (const violation of validateForChannel(channel.kind, draftFor(channel, content))) {
      addProblem(problems, composerField(violation.field, channel.id), violation.message[language]);
    }
  }
  return problems;
}

/**
 * The server's objections by field: 422 channel_rules_violated ({channelId, field, message})
 * or 400 validation_failed ({path, message}).
 */
export function serverProblems(error: unknown): FieldProblems {
  const problems: FieldProblems = {};
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return problems;
  for (const detail of error.details as { channelId?: unknown; field?: unknown; path?: unknown; message?: unknown }[]) {
    if (typeof detail.message !== "string") continue;
    if (typeof detail.field === "string")
      addProblem(problems, composerField(detail.field, String(detail.channelId)), detail.message);
    else if (typeof detail.path === "string") addProblem(problems, detail.path.split(".")[0]!, detail.message);
  }
  return problems;
}

/** A stored post's content, for its previews. */
export function contentOfPost(post: Post): PostContent {
  const overrides: Record<string, string> = {};
  for (const delivery of post.deliveries)
    if (delivery.textOverride !== null) overrides[delivery.channel.id] = delivery.textOverride;
  return {
    title: post.title,
    body: post.body,
    link: post.link ?? "",
    xLinkPlacement: post.xLinkPlacement,
    hashtags: post.hashtags,
    media: post.media,
    overrides,
  };
}
