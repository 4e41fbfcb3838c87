import type { NextFunction, Request, Response } from "express";
import { AppError } from "@server/errors.js";
import { findUnstorableText, isStorableText } from "@server/text/storable.js";

/**
 * Where a request carries text that cannot be stored (a NUL, a lone UTF-16 surrogate, or a
 * path that is not UTF-8), or null. Checked once for every route, so no endpoint has to.
 */
export function unstorableInput(req: Request): string | null {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    return "path";
  }
  if (!isStorableText(path)) return "path";
  return findUnstorableText(req.query, ["query"]) ?? findUnstorableText(req.body, ["body"]);
}

/** For the API: such a request is a 400 that names the field, before anything reads it. */
export function refuseUnstorableInput(req: Request, _res: Response, next: NextFunction): void {
  const field = unstorableInput(req);
  if (field) throw new AppError("unstorable_text", { field });
  next();
}
