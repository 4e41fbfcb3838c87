/**
 * The insights edge of Page posts and IG media, and the video_insights edge of Page videos:
 * lifetime metrics, asked for by name.
 * https://developers.facebook.com/docs/graph-api/reference/insights (Page post metrics)
 * https://developers.facebook.com/docs/platforminsights/page/deprecated-metrics
 * https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights
 * https://developers.facebook.com/docs/video-api/guides/insights
 */
import { z } from "zod";
import { graphErrors } from "./errors";
import type { GraphContext } from "./node";
import { validateParams } from "./node";

const insightsParams = z.object({ metric: z.string().min(1) });

export type InsightsMetric = { title: string; description: string; value: () => number };

/**
 * Answers `?metric=a,b` with one lifetime entry per metric, in the order asked. A metric the
 * node does not have, or one Meta has retired (`retired`), is error 100, as Graph answers both.
 */
export function insightsEdge(
  ctx: GraphContext,
  objectId: string,
  metrics: Record<string, InsightsMetric>,
  retired: readonly string[],
  edge = "insights",
) {
  const { metric } = validateParams(insightsParams, ctx.params);
  const names = metric
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const data = names.map((name, index) => {
    // A metric Meta withdrew since (set through the control API) answers like a retired one.
    const known = ctx.state.graph.withdrawnMetrics.has(name) ? undefined : metrics[name];
    if (!known) {
      const reason =
        retired.includes(name) || ctx.state.graph.withdrawnMetrics.has(name)
          ? `${name} has been deprecated`
          : `metric[${index}] must be one of the following values: ${Object.keys(metrics).join(", ")}`;
      throw graphErrors.invalidParameter(reason);
    }
    return {
      name,
      period: "lifetime",
      values: [{ value: known.value() }],
      title: known.title,
      description: known.description,
      id: `${objectId}/${edge}/${name}/lifetime`,
    };
  });
  return { data };
}
