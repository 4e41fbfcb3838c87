/**
 * X per-endpoint rate limits on 15-minute (or 24-hour) windows, per user for user-context tokens
 * and per app for app-only bearer tokens, reported on every response in x-rate-limit-* headers.
 * https://docs.x.com/x-api/fundamentals/rate-limits
 * Also counts requests per endpoint (what X bills is counted by XBilling).
 */
import type { SandboxState } from "@server/sandbox/state";
import type { XIdentity } from "./auth";

export interface XEndpointLimit {
  perUser: number;
  perApp: number;
  windowSeconds: number;
}

const FIFTEEN_MINUTES = 15 * 60;
const DAY = 24 * 60 * 60;

/**
 * Deliberately tighter than X's pay-per-use limits (https://docs.x.com/x-api/fundamentals/rate-limits:
 * mentions 300 and posts 100 per 15 minutes per user), so tests reach a 429 in a few requests;
 * override per endpoint as needed.
 */
export const DEFAULT_X_LIMITS: Record<string, XEndpointLimit> = {
  "POST /2/tweets": { perUser: 100, perApp: 1667, windowSeconds: DAY },
  "DELETE /2/tweets/:id": { perUser: 5, perApp: 5, windowSeconds: FIFTEEN_MINUTES },
  "GET /2/tweets/:id": { perUser: 15, perApp: 15, windowSeconds: FIFTEEN_MINUTES },
  "GET /2/tweets": { perUser: 15, perApp: 15, windowSeconds: FIFTEEN_MINUTES },
  "GET /2/users/me": { perUser: 100, perApp: 100, windowSeconds: DAY },
  "GET /2/users/:id/mentions": { perUser: 10, perApp: 15, windowSeconds: FIFTEEN_MINUTES },
  "GET /2/users/:id/tweets": { perUser: 5, perApp: 10, windowSeconds: FIFTEEN_MINUTES },
  "POST /2/media/upload/initialize": { perUser: 180, perApp: 180, windowSeconds: FIFTEEN_MINUTES },
  "POST /2/media/upload/:id/append": { perUser: 1800, perApp: 1800, windowSeconds: FIFTEEN_MINUTES },
  "POST /2/media/upload/:id/finalize": { perUser: 180, perApp: 180, windowSeconds: FIFTEEN_MINUTES },
  "GET /2/media/upload": { perUser: 900, perApp: 900, windowSeconds: FIFTEEN_MINUTES },
  "GET /2/usage/tweets": { perUser: 50, perApp: 50, windowSeconds: FIFTEEN_MINUTES },
};

export interface XRateLimitStatus {
  limit: number;
  remaining: number;
  /** Epoch seconds at which the window resets. */
  reset: number;
}

export interface XEndpointUsage {
  requests: number;
  succeeded: number;
  rateLimited: number;
}

export class XRateLimiter {
  readonly limits: Record<string, XEndpointLimit> = structuredClone(DEFAULT_X_LIMITS);
  readonly usage = new Map<string, XEndpointUsage>();
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly state: SandboxState) {}

  /** Takes one request from the window; `allowed` is false once the window is used up. */
  take(endpoint: string, identity: XIdentity): XRateLimitStatus & { allowed: boolean } {
    const limit = this.limits[endpoint];
    if (!limit) throw new Error(`No rate limit configured for ${endpoint}`);
    const max = identity.kind === "app" ? limit.perApp : limit.perUser;
    const window = this.window(endpoint, identity, limit);
    const allowed = window.count < max;
    if (allowed) window.count++;
    return {
      allowed,
      limit: max,
      remaining: Math.max(0, max - window.count),
      reset: Math.ceil((window.start + limit.windowSeconds * 1000) / 1000),
    };
  }

  /** Uses up the current window of an endpoint for every identity, as if the client had spent it. */
  exhaust(endpoint: string): void {
    const limit = this.limits[endpoint];
    if (!limit) throw new Error(`Unknown X endpoint ${endpoint}; known: ${Object.keys(this.limits).join(", ")}`);
    const identities: XIdentity[] = [
      { kind: "app" },
      ...[...this.state.x.users.keys()].map((userId) => ({ kind: "user" as const, userId })),
    ];
    for (const identity of identities) {
      this.window(endpoint, identity, limit).count = identity.kind === "app" ? limit.perApp : limit.perUser;
    }
  }

  setLimit(endpoint: string, limit: Partial<XEndpointLimit>): void {
    const current = this.limits[endpoint];
    if (!current) throw new Error(`Unknown X endpoint ${endpoint}`);
    this.limits[endpoint] = { ...current, ...limit };
  }

  record(endpoint: string, status: number): void {
    const usage = this.usage.get(endpoint) ?? { requests: 0, succeeded: 0, rateLimited: 0 };
    usage.requests++;
    if (status < 400) usage.succeeded++;
    if (status === 429) usage.rateLimited++;
    this.usage.set(endpoint, usage);
  }

  reset(): void {
    this.windows.clear();
    this.usage.clear();
    Object.assign(this.limits, structuredClone(DEFAULT_X_LIMITS));
  }

  private window(endpoint: string, identity: XIdentity, limit: XEndpointLimit) {
    const key = `${endpoint}|${identity.kind === "app" ? "app" : identity.userId}`;
    const now = this.state.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= limit.windowSeconds * 1000) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    return window;
  }
}
