import type { Request } from "express";
import type { Actor } from "../auth/actor.js";
import type { Origin } from "../audit/record.js";
import { AppError } from "../errors.js";

/** The request as the origin of a state change, for the audit log. */
export function originOf(req: Request): Origin & { actor: Actor } {
  if (!req.actor) throw new AppError("unauthenticated");
  return { actor: req.actor, ip: req.ip, requestId: String(req.id) };
}
