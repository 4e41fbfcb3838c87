import { createHash } from "node:crypto";
import type { OutgoingHttpHeaders } from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { Request, Response } from "express";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Below this a compressed body saves less than its headers cost. */
const MIN_COMPRESSIBLE_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(?:[\w.+-]+\+)?(?:xml|json)\b)/;

/** One rendered page, ready to send many times: compressed once, with its validators. */
export type CachedPage = {
  contentType: string;
  /** Headers the page's handler set besides the body's own (Content-Language, Link…). */
  headers: OutgoingHttpHeaders;
  identity: Buffer;
  gzip: Buffer | null;
  br: Buffer | null;
  /** A weak validator: the same for every encoding of the same page. */
  etag: string;
  /** Whole seconds, as HTTP dates carry no more: the handler's own, or when the page last changed here. */
  lastModified: number;
  storedAt: number;
  /** The cache's generation it was rendered in; an invalidation starts a new one. */
  generation: number;
  bytes: number;
};

/** The validators a page's handler set itself, which describe its data better than a render's time. */
export type OwnValidators = { etag?: string; lastModified?: string };

/**
 * Compresses a rendered body with brotli (the best ratio, worth it when done once) and gzip,
 * off the event loop, and computes its ETag. The handler's own validators are kept; without
 * them, `previous` (the entry it replaces) decides: an unchanged page keeps its Last-Modified.
 */
export async function buildCachedPage(
  body: Buffer,
  page: { contentType: string; headers: OutgoingHttpHeaders; own: OwnValidators; generation: number; now: number },
  previous: CachedPage | undefined,
): Promise<CachedPage> {
  const compressible = body.length >= MIN_COMPRESSIBLE_BYTES && COMPRESSIBLE.test(page.contentType);
  const [br, gz] = compressible
    ? await Promise.all([
        brotli(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        }),
        gzip(body, { level: zlib.constants.Z_BEST_COMPRESSION }),
      ])
    : [null, null];
  // Weak even when the handler's is strong: the gzip and brotli bodies are not byte-equal to it.
  const { own } = page;
  const etag = own.etag
    ? own.etag.startsWith("W/")
      ? own.etag
      : `W/${own.etag}`
    : `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const ownDate = Date.parse(own.lastModified ?? "");
  const lastModified = !Number.isNaN(ownDate)
    ? wholeSeconds(ownDate)
    : previous?.etag === etag
      ? previous.lastModified
      : wholeSeconds(page.now);
  const smaller = (compressed: Buffer | null) => (compressed && compressed.length < body.length ? compressed : null);
  const entry = {
    contentType: page.contentType,
    headers: page.headers,
    identity: body,
    gzip: smaller(gz),
    br: smaller(br),
    etag,
    lastModified,
    storedAt: page.now,
    generation: page.generation,
  };
  return { ...entry, bytes: body.length + (entry.gzip?.length ?? 0) + (entry.br?.length ?? 0) };
}

const wholeSeconds = (ms: number) => Math.floor(ms / 1000) * 1000;

/** RFC 9110 weak comparison: If-None-Match lists validators (or is "*"). */
function matchesEtag(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === bare);
}

function notModified(req: Request, page: CachedPage): boolean {
  const ifNoneMatch = req.get("if-none-match");
  if (ifNoneMatch !== undefined) return matchesEtag(ifNoneMatch, page.etag);
  const since = Date.parse(req.get("if-modified-since") ?? "");
  return !Number.isNaN(since) && page.lastModified <= since;
}

/**
 * Brotli when the client takes it, else gzip, else the plain body. Browsers list gzip first
 * with the same weight, so the server's preference decides between equals.
 */
function chooseEncoding(header: string | undefined, page: CachedPage): "br" | "gzip" | "identity" {
  const weights = new Map<string, number>();
  for (const part of (header ?? "").toLowerCase().split(",")) {
    const [name = "", ...params] = part.trim().split(";");
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    weights.set(name.trim(), q === undefined ? 1 : Number(q) || 0);
  }
  const weight = (name: string) => weights.get(name) ?? weights.get("*") ?? 0;
  if (page.br && weight("br") > 0 && weight("br") >= weight("gzip")) return "br";
  if (page.gzip && weight("gzip") > 0) return "gzip";
  return "identity";
}

/**
 * Sends a cached page: 304 when the client's copy is current, else the smallest encoding it
 * accepts. `cacheControl` tells browsers and proxies how long they may keep it; Age tells them
 * how long it has been kept here already, so that no layer adds its full lifetime to ours.
 */
export function sendCachedPage(
  req: Request,
  res: Response,
  page: CachedPage,
  { cacheControl, state, now }: { cacheControl: string; state: "HIT" | "MISS"; now: number },
): void {
  res.set(page.headers);
  res.set({
    "Cache-Control": cacheControl,
    ETag: page.etag,
    "Last-Modified": new Date(page.lastModified).toUTCString(),
    Age: String(Math.max(0, Math.floor((now - page.storedAt) / 1000))),
    Vary: "Accept-Encoding, Accept-Language",
    "X-Cache": state,
  });
  if (notModified(req, page)) {
    res.status(304).end();
    return;
  }
  const encoding = chooseEncoding(req.get("accept-encoding"), page);
  const body = encoding === "br" ? page.br! : encoding === "gzip" ? page.gzip! : page.identity;
  res.status(200).set({ "Content-Type": page.contentType, "Content-Length": String(body.length) });
  if (encoding === "br" || encoding === "gzip") res.set("Content-Encoding", encoding);
  res.end(req.method === "HEAD" ? undefined : body);
}
