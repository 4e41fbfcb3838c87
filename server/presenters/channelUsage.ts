import type { ChannelPoll, PlatformRequestCount } from "../db/generated/client.js";

/** What a channel spent on platform requests in a month, against its budget, and how its polls stand. */
export function presentChannelUsage(usage: {
  /** "YYYY-MM" */
  month: string;
  /** Most requests per month; null: no limit. */
  budget: number | null;
  counts: PlatformRequestCount[];
  polls: ChannelPoll[];
}) {
  return {
    month: usage.month,
    budget: usage.budget,
    requests: usage.counts.reduce((sum, count) => sum + count.requests, 0),
    byEndpoint: usage.counts.map((count) => ({ endpoint: count.endpoint, requests: count.requests })),
    polls: usage.polls.map((poll) => ({
      stream: poll.stream,
      lastPolledAt: poll.lastPolledAt?.toISOString() ?? null,
      nextPollAt: poll.nextPollAt.toISOString(),
      lastError: poll.lastError,
    })),
  };
}
