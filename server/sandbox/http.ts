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

/** Multipart parsing through the WHATWG Response implementation built into Node. */
async function parseMultipart(body: Buffer, header: string): Promise<ParsedBody> {
  try {
    const form = await new Response(new Uint8Array(body), { headers: { "content-type": header } }).formData();
    const parsed: ParsedBody = { fields: {}, files: {} };
    for (const [name, value] of form.entries()) {
      if (typeof value === "string") parsed.fields[name] = value;
      else parsed.files[name] = { filename: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) };
    }
    return parsed;
  } catch {
    return { fields: {}, files: {}, malformed: "The multipart body could not be parsed" };
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
