/**
 * GET /2/usage/tweets: the Posts the project consumed per day, the month so far against its cap.
 * https://docs.x.com/x-api/usage/introduction (fields from the API's OpenAPI description: days
 * 1–90, default 7; usage.fields)
 */
import { xProblems } from "./problems";
import type { XContext, XRoute } from "./route";

const PROJECT_ID = "1700000000000000999";
const CLIENT_APP_ID = "29800001";
/** "Pay-per-usage plans are capped at 3 million Post reads per monthly billing cycle." */
const PROJECT_CAP = 3_000_000;
const FIELDS = [
  "cap_reset_day",
  "daily_client_app_usage",
  "daily_project_usage",
  "project_cap",
  "project_id",
  "project_usage",
];

function usage(ctx: XContext) {
  const days = ctx.query.days === undefined ? 7 : Number(ctx.query.days);
  if (!Number.isInteger(days) || days < 1 || days > 90)
    throw xProblems.invalidRequest([
      {
        parameters: { days: [String(ctx.query.days)] },
        message: "The `days` query parameter value must be between 1 and 90",
      },
    ]);
  const fields = ctx.query["usage.fields"]?.split(",") ?? FIELDS;
  const unknown = fields.find((field) => !FIELDS.includes(field));
  if (unknown)
    throw xProblems.invalidRequest([
      {
        parameters: { "usage.fields": [unknown] },
        message: `The \`usage.fields\` value [${unknown}] is not one of [${FIELDS.join(",")}]`,
      },
    ]);
  const now = new Date(ctx.state.now());
  const since = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const month = now.toISOString().slice(0, 7);
  const daily = ctx.billing.daily();
  const postsOf = (items: { postRead: number; ownedRead: number }) => items.postRead + items.ownedRead;
  const perDay = daily
    .filter((day) => day.date >= since)
    .map((day) => ({ date: `${day.date}T00:00:00.000Z`, usage: String(postsOf(day.items)) }));
  const data: Record<string, unknown> = {
    cap_reset_day: 1,
    daily_client_app_usage: [{ client_app_id: CLIENT_APP_ID, usage: perDay, usage_result_count: perDay.length }],
    daily_project_usage: { project_id: PROJECT_ID, usage: perDay },
    project_cap: String(PROJECT_CAP),
    project_id: PROJECT_ID,
    project_usage: String(
      daily.filter((day) => day.date.startsWith(month)).reduce((sum, day) => sum + postsOf(day.items), 0),
    ),
  };
  return { body: { data: Object.fromEntries(fields.map((field) => [field, data[field]])) } };
}

export const usageRoutes: XRoute[] = [
  { method: "get", path: "/2/usage/tweets", endpoint: "GET /2/usage/tweets", userContextOnly: false, handle: usage },
];
