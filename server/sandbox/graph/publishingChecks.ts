/**
 * What a Page may require of the person whose token publishes, and Graph's refusal when it is
 * not met: Page Publishing Authorization and two-factor authentication. Both apply to the Page's
 * own posts and to its linked Instagram account's (https://developers.facebook.com/docs/instagram-platform/content-publishing,
 * "Limitations": "If the Page … requires Page Publishing Authorization (PPA), PPA must be completed
 * or the request will fail"; "If the Page … requires two-factor authentication, the Facebook User
 * must also have performed two-factor authentication or the request will fail").
 */
import type { GraphToken, SandboxState } from "@server/sandbox/state";
import { GraphError } from "./errors";

export type PageRequirement = "page_publishing_authorization" | "two_factor_authentication";

const PUBLISHING_CALLS = new Set([
  "Page POST feed",
  "Page POST photos",
  "Page POST videos",
  "IGUser POST media_publish",
]);

/**
 * PPA: code 200 with subcode 1404078 as Graph has answered it (the docs name no code). Two-factor:
 * code 415, "Two factor authentication required", as the Business reference lists it
 * (https://developers.facebook.com/documentation/ads-commerce/marketing-api/reference/business/owned_pages).
 */
const REFUSALS: Record<PageRequirement, () => GraphError> = {
  page_publishing_authorization: () =>
    new GraphError(400, {
      message:
        "(#200) Publishing to this Page requires Page Publishing Authorization: a Page admin must complete it in the Page's settings.",
      type: "OAuthException",
      code: 200,
      error_subcode: 1404078,
      error_user_title: "Page Publishing Authorization required",
      error_user_msg: "To post on this Page, complete Page Publishing Authorization in the Page's settings.",
    }),
  two_factor_authentication: () =>
    new GraphError(400, {
      message:
        "Two factor authentication required. User have to enter a code from SMS or TOTP code generator to pass 2fac. This could happen when accessing a 2fac-protected asset like a page that is owned by a 2fac-protected business manager.",
      type: "OAuthException",
      code: 415,
    }),
};

export function assertPageRequirementsMet(
  state: SandboxState,
  token: GraphToken,
  typeName: string,
  method: string,
  edge: string | undefined,
): void {
  if (!PUBLISHING_CALLS.has([typeName, method, edge].join(" "))) return;
  const unmet = state.graph.pageRequirements.get(token.pageId);
  const first = unmet ? [...unmet][0] : undefined;
  if (first) throw REFUSALS[first as PageRequirement]();
}
