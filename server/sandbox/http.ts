/** Request-body parsing shared by every imitated platform: JSON, URL-encoded and multipart. */
import type { Request } from "express";

export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface ParsedBody {
  fields: Record<string, unknown>;
  files: Record<string, UploadedFile>;
  /** Set when the body could not be parsed; each platform answers with its own error. */
  malformed?: string;
}

/** The raw request bytes, kept by the app-level express.raw() parser. */
export function rawBody(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

export function contentType(req: Request): string {
  return (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

export async function parseBody(req: Request): Promise<ParsedBody> {
  const body = rawBody(req);
  const type = contentType(req);
  if (body.length === 0) return { fields: {}, files: {} };
  if (type === "application/json") {
    try {
      const value: unknown = JSON.parse(body.toString("utf8"));
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return { fields: {}, files: {}, malformed: "The request body must be a JSON object" };
      }
      return { fields: value as Record<string, unknown>, files: {} };
    } catch {
      return { fields: {}, files: {}, malformed: "The request body is not valid JSON" };
    }
  }
  if (type === "application/x-www-form-urlencoded") {
    return { fields: Object.fromEntries(new URLSearchParams(body.toString("utf8"))), files: {} };
  }
  if (type === "multipart/form-data") return parseMultipart(body, req.headers["content-type"]!);
  return { fields: {}, files: {} };
}

/**
 * Multipart parsing that keeps binary parts as bytes. A part is a file when it has a filename or a
 * non-text Content-Type (twitter-api-v2 sends media chunks as application/octet-stream without a
 * filename, which WHATWG FormData parsing would decode as text).
 */
function parseMultipart(body: Buffer, header: string): ParsedBody {
  const boundary = /boundary="?([^";]+)"?/i.exec(header)?.[1];
  if (!boundary) return { fields: {}, files: {}, malformed: "The multipart body has no boundary" };
  const delimiter = Buffer.from(`--${boundary}`);
  const parsed: ParsedBody = { fields: {}, files: {} };
  let position = body.indexOf(delimiter);
  if (position < 0) return { fields: {}, files: {}, malformed: "The multipart body could not be parsed" };
  for (;;) {
    const partStart = position + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === "--") return parsed;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) return { fields: {}, files: {}, malformed: "The multipart body is truncated" };
    const part = body.subarray(partStart + 2, next - 2); // skip CRLF after the delimiter and before the next one
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd < 0) return { fields: {}, files: {}, malformed: "A multipart part has no headers" };
    const headers = part.subarray(0, headerEnd).toString("utf8");
    const data = Buffer.from(part.subarray(headerEnd + 4));
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    const type = /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim().toLowerCase();
    if (name !== undefined) {
      if (filename !== undefined || (type && !type.startsWith("text/"))) {
        parsed.files[name] = { filename: filename ?? name, contentType: type ?? "application/octet-stream", data };
      } else {
        parsed.fields[name] = data.toString("utf8");
      }
    }
    position = next;
  }
}

/** Query parameters as single strings (the last value wins, as on the platforms). */
export function queryParams(req: Request): Record<string, string> {
  const url = new URL(req.originalUrl, "http://sandbox.local");
  return Object.fromEntries(url.searchParams);
}

/** The absolute URL the client called, for paging links. */
export function requestUrl(req: Request): URL {
  return new URL(req.originalUrl, `${req.protocol}://${req.headers.host ?? "127.0.0.1"}`);
}
