import { isGraphPermissionError, isGraphThrottling, WORDPRESS_ACCOUNT_CODES } from "@server/channels/errorCodes";
import type { MessageKey } from "@web/i18n";

// What a delivery's error code means for the person reading the post page, in plain words; the
// platform's own words are shown beneath. Codes are the adapters' "<platform>:<code>" (see
// server/channels): Graph error codes, X HTTP statuses, WordPress error codes, and Siar's own.

export function deliveryProblemKey(code: string): MessageKey {
  const [platform = "", detail = ""] = code.split(/:(.*)/s);
  if (
    code === "graph:190" ||
    code === "x:401" ||
    detail.startsWith("oauth_") ||
    detail.startsWith("missing_") ||
    WORDPRESS_ACCOUNT_CODES.has(detail)
  )
    return "deliveryProblem.access";
  if (code === "channel:not_connected") return "deliveryProblem.notConnected";
  if (code === "graph:ppa_required") return "deliveryProblem.pagePublishingAuthorization";
  if (code === "graph:two_factor_required") return "deliveryProblem.twoFactorRequired";
  if (platform === "graph" && /^\d+$/.test(detail) && isGraphPermissionError(Number(detail)))
    return "deliveryProblem.permission";
  if (
    code === "x:429" ||
    (platform === "graph" && /^\d+$/.test(detail) && isGraphThrottling(Number(detail))) ||
    code === "wordpress:429"
  )
    return "deliveryProblem.rateLimited";
  if (code === "instagram:publishing_limit") return "deliveryProblem.instagramLimit";
  if (detail === "timeout") return "deliveryProblem.timeout";
  if (detail === "network") return "deliveryProblem.unreachable";
  if (detail === "redirect") return "deliveryProblem.moved";
  if (code === "x:duplicate") return "deliveryProblem.duplicate";
  if (code === "instagram:delete_unsupported") return "deliveryProblem.cannotDelete";
  if (code === "instagram:container_not_ready") return "deliveryProblem.processing";
  if (
    code.startsWith("instagram:container_") ||
    code === "graph:324" ||
    code === "graph:352" ||
    code === "graph:6000" ||
    code === "wordpress:rest_upload_sideload_error"
  )
    return "deliveryProblem.mediaRejected";
  if (/^\d+$/.test(detail) && Number(detail) >= 500) return "deliveryProblem.platformError";
  if (code === "graph:1" || code === "graph:2") return "deliveryProblem.platformError";
  return "deliveryProblem.refused";
}
