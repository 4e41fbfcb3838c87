import type { NextFunction, Request, Response } from "express";
import { safeEqual } from "@server/auth/tokens.js";
import { AppError } from "@server/errors.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const CSRF_HEADER = "x-csrf-token";

// The content types an HTML form on another site can send without a CORS preflight.
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

/**
 * State-changing requests may not carry a form's content types (a cross-site form cannot send
 * anything else without a CORS preflight we never grant), and cookie-authenticated ones must
 * echo the session's CSRF token. Calls with an API token carry no ambient credentials.
 */
export function csrfProtection(req: Request, _res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
  if (hasBody && (!req.headers["content-type"] || req.is(FORM_TYPES))) throw new AppError("unsupported_media_type");
  if (req.actor?.via === "session") {
    const sent = req.get(CSRF_HEADER);
    if (!sent || !req.csrfToken || !safeEqual(sent, req.csrfToken)) throw new AppError("csrf_failed");
  }
  next();
}
