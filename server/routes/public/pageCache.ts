import type { OutgoingHttpHeaders } from "node:http";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { DomainEventMap } from "@server/events.js";
import { buildCachedPage, sendCachedPage, type CachedPage } from "./cachedPage.js";

// Rendered public pages kept in this process's memory, so that a page shared across the
// kabupaten costs one render per freshness window, not one per reader. A page is kept when
// its handler marks it `Cache-Control: public` and answers 200 without a cookie; everything
// else (forms with one-time tokens, tracking pages, errors, per-user pages) passes through
// untouched. Freshness is short because several processes may serve one database: an edit
// made on another process shows here when the entry expires (or sooner, when the change's
// event arrives over PostgreSQL); on the process that made it, at once.

/** The changes that can alter what a public page shows; each empties the cache. */
export const PUBLIC_CONTENT_EVENTS = [
  "post.changed",
  "site.changed",
  "ppid.changed",
  "units.changed",
] as const satisfies readonly (keyof DomainEventMap)[];

/**
 * What a public page's handler sets to let its page be kept and shared (by this cache, by
 * proxies and by browsers); the cache answers with its own lifetime in its place.
 */
export const SHAREABLE_PAGE = "public, max-age=20";

/** Sends a page that is the same for every reader (no cookie, no token, nothing personal): a 200 is kept. */
export function sendShareable(
  res: Response,
  body: string,
  { type = "text/html", status = 200 }: { type?: string; status?: number } = {},
): void {
  res
    .status(status)
    // Pages follow the browser's language (and this cache keys them by it): proxies must too.
    .set({ "Content-Type": `${type}; charset=utf-8`, "Cache-Control": SHAREABLE_PAGE, Vary: "Accept-Language" })
    .send(body);
}

type EventSource = {
  on<K extends keyof DomainEventMap>(name: K, listener: (payload: DomainEventMap[K]) => void): unknown;
};

/**
 * Headers a cached page does not carry over as they are: it sets its own (keeping the handler's
 * ETag and Last-Modified as its validators), or they belong to one response.
 */
const OWN_HEADERS = new Set(["content-type", "content-length", "cache-control", "etag", "last-modified", "date"]);
/** Cache-Control directives that forbid sharing a response. */
const UNSHAREABLE = /\b(?:private|no-store|no-cache)\b/i;

/** Shells are few (one per page kind, host and language); the limit only stops made-up host names piling up. */
const MAX_SHELLS = 256;

/** A header the page's handler set (express adds its own ETag only later, inside `send`). */
function ownHeader(res: Response, name: string): string | undefined {
  const value = res.getHeader(name);
  return value === undefined ? undefined : String(value);
}

type Shell = { text: string; storedAt: number; generation: number };

export type PageCacheOptions = { ttlSeconds: number; maxBytes: number; now?: () => number };

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  /** Renders under way, so that a crowd arriving at an empty entry waits for one render. */
  private readonly rendering = new Map<string, Promise<CachedPage | null>>();
  /** Rendered parts of pages that cannot be kept whole, such as a form around its one-time token. */
  private readonly shells = new Map<string, Promise<Shell>>();
  private generation = 0;
  private bytes = 0;
  private readonly ttlMs: number;
  private readonly maxEntryBytes: number;
  private readonly now: () => number;
  /** What browsers and proxies are told: as fresh as here, then served stale while they refetch. */
  readonly cacheControl: string;

  constructor(private readonly options: PageCacheOptions) {
    this.ttlMs = options.ttlSeconds * 1000;
    // One huge page (a sitemap of 50,000 URLs) must not push out every other page.
    this.maxEntryBytes = Math.floor(options.maxBytes / 16);
    this.now = options.now ?? Date.now;
    this.cacheControl = `public, max-age=${options.ttlSeconds}, stale-while-revalidate=${options.ttlSeconds}`;
  }

  /** Every page renders afresh from now on; renders under way are not kept. */
  invalidate(): void {
    this.generation++;
    this.rendering.clear();
    this.shells.clear();
  }

  /**
   * The text `render` makes, kept as long as a page and emptied by the same changes: for a page
   * that cannot be kept whole (it carries a one-time token), the part around what changes per
   * request. Readers arriving together share one render.
   */
  async shell(key: string, render: () => Promise<string>): Promise<string> {
    if (this.ttlMs === 0) return render();
    const generation = this.generation;
    const kept = this.shells.get(key);
    if (kept) {
      const shell = await kept.catch(() => null);
      if (shell && shell.generation === this.generation && this.now() - shell.storedAt < this.ttlMs) return shell.text;
      if (this.shells.get(key) === kept) this.shells.delete(key);
      if (this.shells.has(key)) return this.shell(key, render);
    }
    const rendering = render().then((text) => ({ text, storedAt: this.now(), generation }));
    this.shells.set(key, rendering);
    if (this.shells.size > MAX_SHELLS) this.shells.delete(this.shells.keys().next().value!);
    // A failed render is not kept: the next reader tries again.
    rendering.catch(() => this.shells.get(key) === rendering && this.shells.delete(key));
    return (await rendering).text;
  }

  /** Empties the cache whenever one of the public content events is announced by `events`. */
  invalidateOn(events: EventSource): void {
    for (const name of PUBLIC_CONTENT_EVENTS) events.on(name, () => this.invalidate());
  }

  get stats(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /** Serves public GET pages from the cache; put it in front of the routes whose pages it may keep. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      if (this.ttlMs === 0 || (req.method !== "GET" && req.method !== "HEAD")) return next();
      const key = `${req.hostname}\n${req.locale}\n${req.originalUrl}`;
      const fresh = this.fresh(key);
      if (fresh) return this.send(req, res, fresh, "HIT");
      const underway = this.rendering.get(key);
      if (underway) {
        void underway.then((page) => (page ? this.send(req, res, page, "HIT") : next()));
        return;
      }
      // A HEAD has no body to keep: it is answered from the cache or rendered on its own.
      if (req.method === "HEAD") return next();
      this.render(key, req, res, next);
    };
  }

  private fresh(key: string): CachedPage | undefined {
    const page = this.entries.get(key);
    if (!page || page.generation !== this.generation || this.now() - page.storedAt >= this.ttlMs) return undefined;
    // Least recently used last: Map keeps insertion order, so eviction takes from the front.
    this.entries.delete(key);
    this.entries.set(key, page);
    return page;
  }

  private send(req: Request, res: Response, page: CachedPage, state: "HIT" | "MISS"): void {
    sendCachedPage(req, res, page, { cacheControl: this.cacheControl, state, now: this.now() });
  }

  /** Lets the handler render, catching what it sends: a shareable page is kept, anything else goes out as it is. */
  private render(key: string, req: Request, res: Response, next: NextFunction): void {
    const generation = this.generation;
    const headersBefore = new Set(Object.keys(res.getHeaders()));
    let settle!: (page: CachedPage | null) => void;
    const result = new Promise<CachedPage | null>((resolve) => {
      settle = resolve;
    });
    this.rendering.set(key, result);
    const done = (page: CachedPage | null) => {
      if (this.rendering.get(key) === result) this.rendering.delete(key);
      settle(page);
    };
    // Whatever else ends the response (a redirect, an error, a dropped connection), waiters render on their own.
    res.once("close", () => done(null));

    const originalSend = res.send.bind(res);
    res.send = (body?: unknown) => {
      res.send = originalSend;
      const content = typeof body === "string" ? Buffer.from(body) : Buffer.isBuffer(body) ? body : null;
      if (!content || !this.shareable(res) || content.length > this.maxEntryBytes) {
        done(null);
        return originalSend(body);
      }
      const headers = Object.fromEntries(
        Object.entries(res.getHeaders()).filter(([name]) => !headersBefore.has(name) && !OWN_HEADERS.has(name)),
      ) as OutgoingHttpHeaders;
      const contentType = String(res.getHeader("content-type") ?? "text/html; charset=utf-8");
      const own = { etag: ownHeader(res, "etag"), lastModified: ownHeader(res, "last-modified") };
      buildCachedPage(content, { contentType, headers, own, generation, now: this.now() }, this.entries.get(key))
        .then((page) => {
          // A change announced while this page rendered may not be in it: send it, but do not keep it.
          if (generation === this.generation) this.store(key, page);
          done(page);
          this.send(req, res, page, "MISS");
        })
        .catch((error: unknown) => {
          done(null);
          next(error);
        });
      return res;
    };
    next();
  }

  /** A 200 its handler called public, that sets no cookie and does not depend on who asks. */
  private shareable(res: Response): boolean {
    const cacheControl = String(res.getHeader("cache-control") ?? "");
    const vary = String(res.getHeader("vary") ?? "").toLowerCase();
    return (
      res.statusCode === 200 &&
      res.getHeader("set-cookie") === undefined &&
      /\bpublic\b/i.test(cacheControl) &&
      !UNSHAREABLE.test(cacheControl) &&
      !/\*|cookie|authorization/.test(vary)
    );
  }

  private store(key: string, page: CachedPage): void {
    const replaced = this.entries.get(key);
    if (replaced) {
      this.entries.delete(key);
      this.bytes -= replaced.bytes;
    }
    this.entries.set(key, page);
    this.bytes += page.bytes;
    for (const [oldest, evicted] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= evicted.bytes;
    }
  }
}
