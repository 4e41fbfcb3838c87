import type { NextFunction, Request, Response } from "express";
import { AppError } from "@server/errors.js";
import { DEFAULT_LOCALE } from "@server/i18n/locale.js";

export function apiNotFound(): never {
  throw new AppError("route_not_found");
}

/** Turns any error into `{ error: { code, message, details } }`; only unexpected ones are 500s. */
export function errorHandler(error: unknown, req: Request, res: Response, _next: NextFunction) {
  const appError = asAppError(error);
  if (appError.status >= 500) req.log?.error({ err: error }, "request failed");
  const retryAfter = (appError.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (retryAfter) res.setHeader("Retry-After", String(retryAfter));
  res.status(appError.status).json({
    error: {
      code: appError.code,
      message: appError.messageIn(req.locale ?? DEFAULT_LOCALE),
      details: appError.details ?? null,
    },
  });
}

function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // body-parser marks its own failures with a status and a type.
  const parserError = error as { type?: string; status?: number };
  if (parserError.type === "entity.parse.failed") return new AppError("invalid_json");
  if (parserError.type === "entity.too.large") return new AppError("payload_too_large");
  if (parserError.status === 415 || parserError.type === "encoding.unsupported")
    return new AppError("unsupported_media_type");
  if (parserError.status && parserError.status >= 400 && parserError.status < 500)
    return new AppError("validation_failed");
  return new AppError("internal");
}
