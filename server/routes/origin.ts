import type { Request } from "express";
import type { ActingOrigin } from "@server/audit/record.js";
import { AppError } from "@server/errors.js";

/** The request as the origin of a state change, for the audit log. */
export function originOf(req: Request): ActingOrigin {
  if (!req.actor) throw new AppError("unauthenticated");
  return { actor: req.actor, ip: req.ip, requestId: String(req.id) };
}
