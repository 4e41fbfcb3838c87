/** The shape shared by X endpoint handlers. */
import type { Request } from "express";
import type { ParsedBody } from "@server/sandbox/http";
import type { SandboxState } from "@server/sandbox/state";
import type { XIdentity } from "./auth";
import type { XBilling } from "./billing";
import type { XRateLimiter } from "./rateLimits";

export interface XContext {
  state: SandboxState;
  identity: XIdentity;
  req: Request;
  query: Record<string, string>;
  body: ParsedBody;
  limiter: XRateLimiter;
  billing: XBilling;
}

export interface XRoute {
  method: "get" | "post" | "delete";
  /** express path */
  path: string;
  /** rate-limit and usage key, as X's rate-limit tables name the endpoint */
  endpoint: string;
  /** App-only bearer tokens are refused with 403 on user-context endpoints. */
  userContextOnly: boolean;
  handle: (ctx: XContext) => { status?: number; body: unknown } | Promise<{ status?: number; body: unknown }>;
}

export function userIdOf(ctx: XContext): string | undefined {
  return ctx.identity.kind === "user" ? ctx.identity.userId : undefined;
}
