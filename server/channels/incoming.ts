/** Pieces the adapters' inbox methods share: request counting within a budget, time cursors. */
import { ChannelError, type IncomingMessage, type InboxStream } from "./adapter.js";
import type { Platform } from "./http.js";

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
export function nextTimeCursor(previous: string | null, messages: IncomingMessage[], tally: RequestTally): string | null {
  if (tally.cutShort) return previous;
  const newest = Math.max(previous ? Number(previous) : 0, ...messages.map((message) => unixSeconds(message.sentAt)));
  return newest > 0 ? String(newest) : previous;
}

export function unsupportedStream(platform: Platform, stream: InboxStream): ChannelError {
  return new ChannelError("permanent", `${platform.codePrefix}:stream_unsupported`, `${platform.label}: Siar does not read ${stream} here`);
}

export function unsupportedReply(platform: Platform, source: string): ChannelError {
  return new ChannelError("permanent", `${platform.codePrefix}:reply_unsupported`, `${platform.label}: cannot reply to a ${source}`);
}
