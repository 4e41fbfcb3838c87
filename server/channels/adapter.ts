import type { ChannelKind } from "@server/db/generated/enums.js";
import type { PlatformCharge } from "./xBilling.js";

/** What an adapter needs to reach one connected account: where, as whom. */
export type ChannelTarget = {
  kind: ChannelKind;
  /** The platform's id of the account: page id, IG user id, X user id, WordPress site URL. */
  externalId: string;
  /** Non-secret settings, e.g. { baseUrl, apiVersion } for Graph, { baseUrl } for X and WordPress. */
  settings: Record<string, string>;
  /** Decrypted credentials; their shape is the adapter's own (see each adapter's Credentials type). */
  credentials: Record<string, string>;
};

export type OutgoingMedia = {
  kind: "image" | "video";
  mimeType: string;
  /** Where the platform can fetch it (Instagram, Facebook photos): under PUBLIC_BASE_URL. */
  publicUrl: string;
  /** The file's name and bytes, for platforms that take uploads (X, WordPress). */
  fileName: string;
  read(): Promise<Buffer>;
  bytes: number;
  width: number | null;
  height: number | null;
};

/** A post as one channel will carry it: the text already rendered for that channel. */
export type OutgoingPost = {
  deliveryId: string;
  title: string;
  text: string;
  link: string | null;
  /** X: the text of a reply carrying the link, when the composer put the link in a reply; else null. */
  linkReply?: string | null;
  media: OutgoingMedia[];
  /** The announcement's page on Siar's public website. */
  websiteUrl: string;
};

export type RemotePost = {
  remoteId: string;
  remoteUrl: string | null;
  /** What the platform bills for having made it (X). */
  charges?: PlatformCharge[];
  /** Something that went wrong after the post was made (X: the reply carrying the link), for the log. */
  warning?: string;
};

/** The last call of a publish, made ready ahead of time: nothing is public until it runs. */
export type FinalPublishStep = () => Promise<RemotePost>;

/**
 * How a failure should be handled: try again later (5xx, timeouts, rate limits), give up on
 * this delivery (rejected content), or mark the channel as needing a new token (expired or
 * revoked access).
 */
export type FailureKind = "transient" | "permanent" | "reconnect";

export class ChannelError extends Error {
  /**
   * The request may have reached the platform and been carried out before the failure (no
   * answer in time, a 5xx): a post must be looked up on the platform before it is sent again.
   */
  readonly outcomeUnknown: boolean;

  constructor(
    readonly failure: FailureKind,
    /** The platform's own code, e.g. "graph:190", "x:429", "wordpress:rest_cannot_create". */
    readonly code: string,
    message: string,
    /** For rate limits: when the platform says trying again makes sense. */
    readonly retryAt?: Date,
    options: { outcomeUnknown?: boolean } = {},
  ) {
    super(message);
    this.name = "ChannelError";
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

/** One implementation per platform; the publishing worker knows only this interface. */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  /** Checks the credentials and returns the account's name and id (on connect). */
  verify(target: ChannelTarget): Promise<{ name: string; externalId: string }>;
  /** Publishes; throws ChannelError. Must not retry internally in a way that could post twice. */
  publish(target: ChannelTarget, post: OutgoingPost): Promise<RemotePost>;
  /**
   * Does the slow steps of `publish` that leave nothing public (media containers, uploads of
   * unpublished media) and returns the final call, so the post can go out the moment it is due.
   * Without it, the whole of `publish` is the final step.
   */
  prepare?(target: ChannelTarget, post: OutgoingPost): Promise<FinalPublishStep>;
  /**
   * After a crash mid-publish: the post this delivery made, if the platform has it (looked up
   * among the account's posts created since `since` with the same text), else null.
   */
  findPublished(target: ChannelTarget, post: OutgoingPost, since: Date): Promise<RemotePost | null>;
  /**
   * The public address of a published post, where the publish answer carries only its id
   * (Instagram); looked up once the publication is recorded, so it never delays the post.
   */
  permalink?(target: ChannelTarget, remoteId: string): Promise<string | null>;
  /** Removes a published post where the platform allows it. */
  remove(target: ChannelTarget, remoteId: string): Promise<void>;
  /** Edits a published post where the platform allows it; undefined where it does not (X, Instagram). */
  update?(target: ChannelTarget, remoteId: string, post: OutgoingPost): Promise<void>;
  /** Polls one inbox stream (see InboxAdapter); undefined on channels without an inbox. */
  fetchIncoming?: InboxAdapter["fetchIncoming"];
  /** Replies to a citizen's message (see InboxAdapter); undefined on channels without an inbox. */
  reply?: InboxAdapter["reply"];
  /** Engagement on our published posts, as the platform counts it; undefined where it reports none (website, WordPress). */
  fetchEngagement?(
    target: ChannelTarget,
    remoteIds: string[],
    context: FetchEngagementContext,
  ): Promise<EngagementBatch>;
}

/**
 * What people did with one post. Reactions are Facebook reactions, Instagram and X likes;
 * shares are Facebook and Instagram shares, X reposts and quotes; views are Facebook post
 * impressions, Instagram views and X impressions, null where the platform gives none.
 */
export type EngagementCounts = { reactions: number; comments: number; shares: number; views: number | null };

export type FetchEngagementContext = {
  /** Most requests this fetch may make (what is left of a monthly budget); the adapter stops there. */
  maxRequests?: number;
};

export type EngagementBatch = {
  /** Per remote id, for the posts read. Posts neither read nor failed were left for later (budget, rate limit). */
  counts: Map<string, EngagementCounts>;
  /** Posts whose reading failed (deleted on the platform, token revoked, rate limited...), with why. */
  failures: Map<string, ChannelError>;
  /** Requests made, per endpoint as the platform documents it. */
  requests: { endpoint: string; count: number }[];
  /** What the platform bills for what it returned (X). */
  charges?: PlatformCharge[];
};

/** Where a citizen's message came from, as the inbox files it. */
export type InboxSourceKind =
  | "facebook_comment"
  | "instagram_comment"
  | "facebook_message"
  | "x_mention"
  | "whatsapp_message";

/** A citizen's comment, mention or message as a platform reports it (by webhook or by polling). */
export type IncomingMessage = {
  source: InboxSourceKind;
  /** The platform's id of this comment/mention/message: what makes it unique. */
  platformId: string;
  /** The comment or post it replies to, if any. */
  parentPlatformId: string | null;
  /** The platform post it was written under (a Page post, an IG media, the root X post). */
  postRemoteId: string | null;
  /** The thread it belongs to; with the author, it makes the conversation. */
  threadKey: string;
  author: { platformId: string | null; name: string; handle: string | null };
  text: string;
  sentAt: Date;
  attachments: { type: string; url: string }[];
  /** A point the citizen shared (a WhatsApp location message); the item's map point. */
  location?: { lat: number; lng: number } | null;
};

/** What polling reads from an account: comments under its posts, mentions of it, messages to it. */
export type InboxStream = "comments" | "mentions" | "messages";

export type FetchIncomingContext = {
  /** Our published posts on this channel, newest first: comments are read under these. */
  recentPostIds: string[];
  /** Most requests this fetch may make (what is left of a monthly budget); the adapter stops paging there. */
  maxRequests?: number;
};

export type IncomingBatch = {
  messages: IncomingMessage[];
  /** Where the next fetch starts; the same cursor again when this fetch was cut short. */
  cursor: string | null;
  /** Requests made, per endpoint as the platform documents it. */
  requests: { endpoint: string; count: number }[];
  /** What the platform bills for what it returned (X). */
  charges?: PlatformCharge[];
  /** The platform's rate limit is used up until then: do not fetch again before. */
  retryAt?: Date;
};

/** The message a reply answers, as the inbox stored it. */
export type ReplyTarget = {
  source: InboxSourceKind;
  platformId: string;
  threadKey: string;
  authorPlatformId: string | null;
  /** Instagram replies to a reply go to its top-level comment and @mention the author. */
  authorHandle: string | null;
  parentPlatformId: string | null;
};

/** The inbox side of an adapter; only the platforms that carry citizens' messages have it. */
export interface InboxAdapter {
  /** New messages of one stream since `cursor` (null: the first poll). Throws ChannelError. */
  fetchIncoming(
    target: ChannelTarget,
    stream: InboxStream,
    cursor: string | null,
    context: FetchIncomingContext,
  ): Promise<IncomingBatch>;
  /** Answers a message on its platform, in its thread. Throws ChannelError. */
  reply(target: ChannelTarget, to: ReplyTarget, text: string): Promise<RemotePost>;
}
