import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Request, Response } from "express";
import type { ByteRange, FileStore } from "./fileStore.js";

export type SendOptions = {
  cacheControl: string;
  /** Without it, the type of the key's extension. */
  contentType?: string;
};

/**
 * The one byte range a Range header asks for within `size` bytes, "unsatisfiable", or null for
 * the whole file (no header, a header of another unit, or several ranges, which may be answered
 * whole: RFC 9110, 14.2).
 */
export function requestedRange(header: string | undefined, size: number): ByteRange | "unsatisfiable" | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === "" && match[2] === "")) return null;
  const [from, to] = [match[1]!, match[2]!];
  if (from === "") {
    const suffix = Number(to);
    return suffix === 0 ? "unsatisfiable" : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size) return "unsatisfiable";
  return start > end ? null : { start, end };
}

/** If-Range: the range applies only while the file is the one the client has part of. */
function rangeStillApplies(req: Request, etag: string, lastModified: Date): boolean {
  const ifRange = req.get("if-range");
  if (!ifRange) return true;
  if (ifRange.includes('"')) return ifRange === etag;
  return Date.parse(ifRange) >= Math.floor(lastModified.getTime() / 1000) * 1000;
}

/**
 * Sends a stored file as express.static sends one from disk: type, length, validators, 304 for a
 * copy the client still has, 206 for a byte range (video players seek this way), HEAD without a
 * body. False, with nothing sent, when the store has no such file.
 */
export async function sendStored(
  req: Request,
  res: Response,
  store: FileStore,
  key: string,
  options: SendOptions,
): Promise<boolean> {
  const object = await store.head(key);
  if (!object) return false;
  res.set("Accept-Ranges", "bytes");
  res.set("Cache-Control", options.cacheControl);
  res.set("Last-Modified", object.lastModified.toUTCString());
  if (!res.get("ETag") && object.etag) res.set("ETag", object.etag);
  res.type(options.contentType ?? path.extname(key));
  if (req.fresh) {
    res.status(304).end();
    return true;
  }
  const range = rangeStillApplies(req, res.get("ETag") ?? "", object.lastModified)
    ? requestedRange(req.headers.range, object.size)
    : null;
  if (range === "unsatisfiable") {
    res.status(416).set("Content-Range", `bytes */${object.size}`).end();
    return true;
  }
  const body = req.method === "HEAD" || object.size === 0 ? null : await store.stream(key, range ?? undefined);
  if (!body && req.method !== "HEAD" && object.size > 0) return false; // removed since it was looked up
  if (range) {
    res.status(206).set("Content-Range", `bytes ${range.start}-${range.end}/${object.size}`);
  }
  res.set("Content-Length", String(range ? range.end - range.start + 1 : object.size));
  if (!body) {
    res.end();
    return true;
  }
  // A client leaving mid-file is no error of Siar's: the stream to the store is closed.
  await pipeline(body, res).catch(() => body.destroy());
  return true;
}
