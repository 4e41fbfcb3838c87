import type { ChannelKind } from "../db/generated/enums.js";

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
  /** The file on disk, for platforms that take uploads (X, WordPress). */
  filePath: string;
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
  media: OutgoingMedia[];
  /** The announcement's page on Siar's public website. */
  websiteUrl: string;
};

export type RemotePost = { remoteId: string; remoteUrl: string | null };

/**
 * How a failure should be handled: try again later (5xx, timeouts, rate limits), give up on
 * this delivery (rejected content), or mark the channel as needing a new token (expired or
 * revoked access).
 */
export type FailureKind = "transient" | "permanent" | "reconnect";

export class ChannelError extends Error {
  constructor(
    readonly failure: FailureKind,
    /** The platform's own code, e.g. "graph:190", "x:429", "wordpress:rest_cannot_create". */
    readonly code: string,
    message: string,
    /** For rate limits: when the platform says trying again makes sense. */
    readonly retryAt?: Date,
  ) {
    super(message);
    this.name = "ChannelError";
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
   * After a crash mid-publish: the post this delivery made, if the platform has it (looked up
   * among the account's posts created since `since` with the same text), else null.
   */
  findPublished(target: ChannelTarget, post: OutgoingPost, since: Date): Promise<RemotePost | null>;
  /** Removes a published post where the platform allows it. */
  remove(target: ChannelTarget, remoteId: string): Promise<void>;
  /** Edits a published post where the platform allows it; undefined where it does not (X, Instagram). */
  update?(target: ChannelTarget, remoteId: string, post: OutgoingPost): Promise<void>;
}

/** Where a citizen's message came from, as the inbox files it. */
export type InboxSourceKind = "facebook_comment" | "instagram_comment" | "facebook_message" | "x_mention";

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
};
