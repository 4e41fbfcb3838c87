/**
 * X's pay-per-use billing, counted the way X charges (https://docs.x.com/x-api/getting-started/pricing):
 * reads per resource returned (each post and each user), a resource charged once per UTC day
 * ("Deduplication"); reads of the app owner's own posts and mentions as Owned Reads; writes per
 * request, a post whose text has a URL at the "Post: Create (with URL)" price. GET /2/usage/tweets
 * reports Posts consumed per day (https://docs.x.com/x-api/usage/introduction).
 */
import twitterText from "twitter-text";
import type { SandboxState } from "@server/sandbox/state";
import { DEFAULT_ACCOUNTS } from "@server/sandbox/state";
import type { XIdentity } from "./auth";

/** X's list prices in millionths of a US dollar, as published when this was written. */
export const X_LIST_PRICES_MICROS = {
  postRead: 5_000,
  ownedRead: 1_000,
  userRead: 10_000,
  postCreate: 15_000,
  postCreateWithUrl: 200_000,
} as const;

export type XBilledItem = keyof typeof X_LIST_PRICES_MICROS;

/** Endpoints whose posts are Owned Reads when {id} is the authenticated user who owns the app. */
const OWNED_READ_ENDPOINTS = new Set(["GET /2/users/:id/mentions", "GET /2/users/:id/tweets"]);
/** The sandbox's developer app belongs to the office's own account. */
const APP_OWNER_ID = DEFAULT_ACCOUNTS.xUser.id;

type Body = { data?: unknown; includes?: { users?: { id: string }[] } };
type Day = Record<XBilledItem, number>;
const emptyDay = (): Day => ({ postRead: 0, ownedRead: 0, userRead: 0, postCreate: 0, postCreateWithUrl: 0 });

export class XBilling {
  /** "YYYY-MM-DD" → what was charged that UTC day. */
  private readonly days = new Map<string, Day>();
  /** "YYYY-MM-DD|kind" → resource ids already charged that day. */
  private readonly charged = new Map<string, Set<string>>();

  constructor(private readonly state: SandboxState) {}

  /** Counts what one answered request costs. */
  record(request: { endpoint: string; identity: XIdentity; userParam?: string; status: number; body: unknown }): void {
    if (request.status >= 400) return;
    const body = (request.body ?? {}) as Body;
    const day = this.today();
    if (request.endpoint === "POST /2/tweets") {
      const text = (body.data as { text?: string } | undefined)?.text ?? "";
      this.day(day)[twitterText.extractUrls(text).length > 0 ? "postCreateWithUrl" : "postCreate"]++;
      return;
    }
    if (request.endpoint === "GET /2/users/me") {
      const user = body.data as { id?: string } | undefined;
      if (user?.id) this.charge(day, "userRead", [user.id]);
      return;
    }
    const posts = Array.isArray(body.data) ? body.data : body.data ? [body.data] : [];
    const owned =
      OWNED_READ_ENDPOINTS.has(request.endpoint) &&
      request.identity.kind === "user" &&
      request.identity.userId === APP_OWNER_ID &&
      request.userParam === APP_OWNER_ID;
    const postIds = posts.map((post) => (post as { id?: string }).id).filter((id): id is string => Boolean(id));
    if (request.endpoint.startsWith("GET /2/tweets") || OWNED_READ_ENDPOINTS.has(request.endpoint))
      this.charge(day, owned ? "ownedRead" : "postRead", postIds);
    this.charge(
      day,
      "userRead",
      (body.includes?.users ?? []).map((user) => user.id),
    );
  }

  /** What was charged per UTC day, newest last, with the day's cost at list prices. */
  daily(): { date: string; items: Day; costMicros: number }[] {
    return [...this.days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, items]) => ({ date, items: { ...items }, costMicros: costOf(items) }));
  }

  /** Totals since the sandbox started (or was reset). */
  totals(): Day & { costMicros: number } {
    const total = emptyDay();
    for (const items of this.days.values())
      for (const item of Object.keys(total) as XBilledItem[]) total[item] += items[item];
    return { ...total, costMicros: costOf(total) };
  }

  reset(): void {
    this.days.clear();
    this.charged.clear();
  }

  private charge(day: string, item: XBilledItem, ids: string[]): void {
    const seen = this.charged.get(`${day}|${item}`) ?? new Set<string>();
    this.charged.set(`${day}|${item}`, seen);
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      this.day(day)[item]++;
    }
  }

  private day(date: string): Day {
    const existing = this.days.get(date);
    if (existing) return existing;
    const created = emptyDay();
    this.days.set(date, created);
    return created;
  }

  private today(): string {
    return new Date(this.state.now()).toISOString().slice(0, 10);
  }
}

function costOf(items: Day): number {
  return (Object.keys(items) as XBilledItem[]).reduce((sum, item) => sum + items[item] * X_LIST_PRICES_MICROS[item], 0);
}
