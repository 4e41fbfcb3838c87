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

/** A metric Graph refused is not asked for again in this process for this long (it may come back). */
const WITHDRAWN_METRIC_RETRY_MS = 24 * 3600_000;
/** metric name → when it was found withdrawn. */
const withdrawnMetrics = new Map<string, number>();

/** Metrics Meta withdrew (see lifetimeInsights) that this process stopped asking for, for logs. */
export function withdrawnInsightsMetrics(): string[] {
  return [...withdrawnMetrics.keys()];
}

/**
 * Meta answers a retired or unknown metric with error 100 ("(#100) The value must be a valid
 * insights metric", or naming the deprecated metric), per
 * https://developers.facebook.com/documentation/pages-api/platforminsights/page/deprecated-metrics
 */
const isInvalidMetric = (error: ChannelError) =>
  error.code === "graph:100" && /valid insights metric|must be one of|deprecated|invalid metric/i.test(error.message);

/**
 * Lifetime insights of a post, media or video (whose edge is video_insights), by metric name, and
 * whether a request was made. Insights are not there for every object (Pages under 100 likes,
 * album children, too few viewers): such a refusal means no figures, not a failure. A metric
 * Meta has withdrawn is found once (asking for each metric alone when several were asked
 * together), then left out for a day: the post keeps its last counts and Graph is not asked
 * again and again for what it no longer has.
 */
export async function lifetimeInsights(
  graph: GraphClient,
  objectId: string,
  metrics: string[],
  edge: "insights" | "video_insights" = "insights",
  now = Date.now(),
): Promise<Map<string, number>> {
  const wanted = metrics.filter(
    (metric) => now - (withdrawnMetrics.get(metric) ?? -Infinity) >= WITHDRAWN_METRIC_RETRY_MS,
  );
  if (wanted.length === 0) return new Map();
  try {
    const insights = await graph.get<InsightsAnswer>(`${objectId}/${edge}`, { metric: wanted.join(",") });
    for (const metric of wanted) withdrawnMetrics.delete(metric);
    return valuesOf(insights);
  } catch (error) {
    if (!(error instanceof ChannelError && error.failure === "permanent")) throw error;
    if (!isInvalidMetric(error)) return new Map();
    if (wanted.length === 1) {
      withdrawnMetrics.set(wanted[0]!, now);
      return new Map();
    }
    const values = new Map<string, number>();
    for (const metric of wanted)
      for (const [name, value] of await lifetimeInsights(graph, objectId, [metric], edge, now)) values.set(name, value);
    return values;
  }
}

function valuesOf(insights: InsightsAnswer): Map<string, number> {
  return new Map(
    insights.data.flatMap((metric) => {
      const value = metric.values?.[0]?.value;
      return typeof value === "number" ? [[metric.name, value] as const] : [];
    }),
  );
}

/** Whether any of these metrics may still be asked for (else the insights request is skipped and not counted). */
export function anyMetricAvailable(metrics: string[], now = Date.now()): boolean {
  return metrics.some((metric) => now - (withdrawnMetrics.get(metric) ?? -Infinity) >= WITHDRAWN_METRIC_RETRY_MS);
}
