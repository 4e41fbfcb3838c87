// Platform error codes that decide how a failure is handled, kept apart from the adapters (no
// server imports) so the web app explains a delivery's problem from the same lists.

/** Graph rate limits: https://developers.facebook.com/docs/graph-api/overview/rate-limiting */
const GRAPH_THROTTLING_CODES = new Set([4, 17, 32, 613]);
export const isGraphThrottling = (code: number) => GRAPH_THROTTLING_CODES.has(code) || (code >= 80001 && code <= 80014);

/** Codes WordPress answers when the user or password is wrong, or the user may not write posts. */
export const WORDPRESS_ACCOUNT_CODES: ReadonlySet<string> = new Set([
  "rest_not_logged_in",
  "incorrect_password",
  "invalid_username",
  "rest_cannot_create",
  "rest_cannot_edit",
  "rest_cannot_delete",
  "rest_forbidden",
]);

/** Graph's permission errors: 10 (API Permission Denied) and 200–299 (API Permission), https://developers.facebook.com/docs/graph-api/guides/error-handling */
export const isGraphPermissionError = (code: number) => code === 10 || (code >= 200 && code <= 299);
