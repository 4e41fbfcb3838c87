import type { NextFunction, Request, Response } from "express";
import { safeEqual } from "../../auth/tokens.js";
import { AppError } from "../../errors.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const CSRF_HEADER = "x-csrf-token";

/**
 * State-changing requests must be JSON (a cross-site form cannot send that without a CORS
 * preflight we never grant), and cookie-authenticated ones must echo the session's CSRF token.
 * Calls with an API token carry no ambient credentials and need no CSRF token.
 */
export function csrfProtection(req: Request, _res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
  if (hasBody && !req.is("application/json")) throw new AppError("unsupported_media_type");
  if (req.actor?.via === "session") {
    const sent = req.get(CSRF_HEADER);
    if (!sent || !req.csrfToken || !safeEqual(sent, req.csrfToken)) throw new AppError("csrf_failed");
  }
  next();
}
