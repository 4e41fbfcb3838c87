import type { ChannelPoll, PlatformRequestCount } from "@server/db/generated/client.js";
import type { SpendState } from "@server/channels/platformUsage.js";
import { dollarsOf } from "./platformPrice.js";

type MonthSpend = {
  items: { item: string; quantity: number; unitPriceMicros: number; amountMicros: number }[];
  spentMicros: number;
  budgetMicros: number | null;
  state: SpendState;
};

/**
 * What a channel spent on platform requests in a month, against its budget, and how its polls
 * stand; for X also what X bills, in US dollars at the prices admins keep, against the money budget.
 */
export function presentChannelUsage(usage: {
  /** "YYYY-MM" */
  month: string;
  /** Most requests per month; null: no limit. */
  budget: number | null;
  counts: PlatformRequestCount[];
  polls: ChannelPoll[];
  /** X only. */
  spend: MonthSpend | null;
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
    spend: usage.spend && {
      currency: "USD" as const,
      spent: dollarsOf(usage.spend.spentMicros),
      budget: usage.spend.budgetMicros === null ? null : dollarsOf(usage.spend.budgetMicros),
      /** near_budget from 80% of the budget; budget_spent stops polling and engagement reads until next month. */
      state: usage.spend.state,
      byItem: usage.spend.items.map((item) => ({
        item: item.item,
        quantity: item.quantity,
        unitPrice: dollarsOf(item.unitPriceMicros),
        amount: dollarsOf(item.amountMicros),
      })),
    },
  };
}
