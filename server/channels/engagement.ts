/** Pieces the adapters' engagement readers share: reading posts one by one within a budget. */
import { ChannelError, type EngagementBatch, type EngagementCounts, type FetchEngagementContext } from "./adapter.js";
import type { GraphClient } from "./graph.js";
import { RequestTally } from "./incoming.js";

/**
 * Reads posts one at a time (Graph has one node per post). A post that fails for good (deleted
 * on the platform) is recorded and the others are read; a failure that would repeat for every
 * post (rate limit, revoked token, platform down) is recorded for that post and ends the fetch.
 */
export async function readEachPost(
  remoteIds: string[],
  context: FetchEngagementContext,
  read: (remoteId: string, tally: RequestTally) => Promise<EngagementCounts | null>,
): Promise<EngagementBatch> {
  const tally = new RequestTally(context.maxRequests);
  const batch: EngagementBatch = { counts: new Map(), failures: new Map(), requests: [] };
  for (const remoteId of remoteIds) {
    try {
      const counts = await read(remoteId, tally);
      if (!counts) break;
      batch.counts.set(remoteId, counts);
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      batch.failures.set(remoteId, error);
      if (error.failure !== "permanent") break;
    }
  }
  batch.requests = tally.requests;
  return batch;
}

/** Graph insights answer `{data: [{name, values: [{value}]}]}`; a metric left out has no value. */
type InsightsAnswer = { data: { name: string; values?: { value?: unknown }[] }[] };

/**
 * Lifetime insights of a post, media or video (whose edge is video_insights), by metric name.
 * Insights are not there for every object (Pages under 100 likes, album children, too few
 * viewers): such a refusal means no figures, not a failure.
 */
export async function lifetimeInsights(
  graph: GraphClient,
  objectId: string,
  metrics: string[],
  edge: "insights" | "video_insights" = "insights",
): Promise<Map<string, number>> {
  let insights: InsightsAnswer;
  try {
    insights = await graph.get<InsightsAnswer>(`${objectId}/${edge}`, { metric: metrics.join(",") });
  } catch (error) {
    if (error instanceof ChannelError && error.failure === "permanent") return new Map();
    throw error;
  }
  return new Map(
    insights.data.flatMap((metric) => {
      const value = metric.values?.[0]?.value;
      return typeof value === "number" ? [[metric.name, value] as const] : [];
    }),
  );
}
