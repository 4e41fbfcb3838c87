/** Pieces the adapters' inbox methods share: request counting within a budget, time cursors. */
import { ChannelError, type IncomingMessage, type InboxStream } from "./adapter.js";
import type { Platform } from "./http.js";
import { storableText } from "@server/text/storable.js";

/**
 * Counts the requests of one fetch per endpoint and refuses those beyond its budget, so a
 * monthly request budget is never overspent. `cutShort` tells the caller something was left unread.
 */
export class RequestTally {
  private readonly counts = new Map<string, number>();
  private total = 0;
  cutShort = false;

  constructor(private readonly max = Number.POSITIVE_INFINITY) {}

  /** Takes one request for `endpoint` if the budget allows it. */
  take(endpoint: string): boolean {
    if (this.total >= this.max) {
      this.cutShort = true;
      return false;
    }
    this.total++;
    this.counts.set(endpoint, (this.counts.get(endpoint) ?? 0) + 1);
    return true;
  }

  get requests(): { endpoint: string; count: number }[] {
    return [...this.counts].map(([endpoint, count]) => ({ endpoint, count }));
  }
}

export const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * Graph streams resume from the newest message's unix time (Graph's `since` includes it, and
 * filing dedupes it). A fetch that was cut short keeps the old cursor, so what it skipped is read next time.
 */
export function nextTimeCursor(
  previous: string | null,
  messages: IncomingMessage[],
  tally: RequestTally,
): string | null {
  if (tally.cutShort) return previous;
  const newest = Math.max(previous ? Number(previous) : 0, ...messages.map((message) => unixSeconds(message.sentAt)));
  return newest > 0 ? String(newest) : previous;
}

export function unsupportedStream(platform: Platform, stream: InboxStream): ChannelError {
  return new ChannelError(
    "permanent",
    `${platform.codePrefix}:stream_unsupported`,
    `${platform.label}: Siar does not read ${stream} here`,
  );
}

export function unsupportedReply(platform: Platform, source: string): ChannelError {
  return new ChannelError(
    "permanent",
    `${platform.codePrefix}:reply_unsupported`,
    `${platform.label}: cannot reply to a ${source}`,
  );
}

/** Longest citizen text and author name kept; longer ones are cut (at a character, never inside a surrogate pair). */
export const MAX_INCOMING_TEXT = 20_000;
export const MAX_AUTHOR_NAME = 200;

/** Platform text made storable (NUL removed, lone surrogates replaced by U+FFFD), then cut without splitting a pair. */
export function storableCut(text: string, max = Number.POSITIVE_INFINITY): string {
  const clean = storableText(text);
  return clean.length > max ? storableText(clean.slice(0, max)) : clean;
}

/**
 * The one check of what a platform sends, applied where each adapter (and the Meta webhook)
 * builds a message: every text field made storable, text and author name cut to their limits.
 */
export function incomingMessage(message: IncomingMessage): IncomingMessage {
  const orNull = (value: string | null) => (value === null ? null : storableCut(value));
  return {
    ...message,
    platformId: storableCut(message.platformId),
    parentPlatformId: orNull(message.parentPlatformId),
    postRemoteId: orNull(message.postRemoteId),
    threadKey: storableCut(message.threadKey),
    author: {
      platformId: orNull(message.author.platformId),
      name: storableCut(message.author.name, MAX_AUTHOR_NAME),
      handle: orNull(message.author.handle),
    },
    text: storableCut(message.text, MAX_INCOMING_TEXT),
    attachments: message.attachments.map((attachment) => ({
      type: storableCut(attachment.type),
      url: storableCut(attachment.url),
    })),
  };
}
