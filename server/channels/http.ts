import type { IncomingHttpHeaders } from "node:http";
import { request } from "undici";
import { ChannelError } from "./adapter.js";

/** How long one platform request may take before it counts as failed (and transient). */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Names a platform in messages ("Facebook: ...") and in error codes ("graph:timeout"). */
export type Platform = { label: string; codePrefix: string };

export type PlatformRequest = { method?: string; headers?: Record<string, string>; body?: string | Uint8Array };
export type PlatformResponse = { status: number; headers: Headers; body: unknown };

/**
 * One HTTP request with a deadline. Network failures and timeouts become transient
 * ChannelErrors; a redirect is refused (an API that moved must be connected at its new
 * address; a POST cannot follow one); any other status is returned for the caller to classify.
 * The body is parsed as JSON when it is JSON, else kept as text (proxies answer 502s with HTML).
 *
 * undici's request rather than fetch: a sixth of the CPU per call, which counts when a
 * thousand posts fall due at the same minute.
 */
export async function sendRequest(
  platform: Platform,
  url: URL,
  init: PlatformRequest = {},
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<PlatformResponse> {
  let response: Awaited<ReturnType<typeof request>>;
  let text: string;
  try {
    response = await request(url, {
      method: init.method ?? "GET",
      headers: init.headers,
      body: init.body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    text = await response.body.text();
  } catch (error) {
    throw networkFailure(platform, error, timeoutMs);
  }
  if (response.statusCode >= 300 && response.statusCode < 400) {
    const moved = response.headers.location;
    throw new ChannelError(
      "permanent",
      `${platform.codePrefix}:redirect`,
      `${platform.label}: the address moved${moved ? ` to ${String(moved)}` : ""}; connect the account with its current address`,
    );
  }
  return { status: response.statusCode, headers: headersOf(response.headers), body: parseJson(text) };
}

function headersOf(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  return headers;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Failures before a connection was made: the request cannot have reached the platform. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

export function networkFailure(platform: Platform, error: unknown, timeoutMs: number): ChannelError {
  const timedOut = error instanceof Error && (error.name === "TimeoutError" || /timeout/i.test(error.message));
  if (timedOut) {
    return new ChannelError(
      "transient",
      `${platform.codePrefix}:timeout`,
      `${platform.label}: no answer within ${durationText(timeoutMs)}`,
      undefined,
      { outcomeUnknown: true },
    );
  }
  const message = `${platform.label}: could not be reached (${error instanceof Error ? error.message : String(error)})`;
  return new ChannelError("transient", `${platform.codePrefix}:network`, message, undefined, {
    outcomeUnknown: !NOT_SENT_CODES.has(systemErrorCode(error) ?? ""),
  });
}

/** The system error code of a network failure; fetch wraps it in `cause`. */
function systemErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 3; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code) return code;
  }
  return undefined;
}

const durationText = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/** When to try again after a failure the platform gave no time for. */
export function minutesFromNow(minutes: number): Date {
  return new Date(Date.now() + minutes * 60_000);
}

/** Text as platforms compare it: trimmed, with runs of whitespace as one space. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A required credential or setting; its absence means the account must be connected again. */
export function requiredField(platform: Platform, fields: Record<string, string>, name: string): string {
  const value = fields[name];
  if (!value)
    throw new ChannelError(
      "reconnect",
      `${platform.codePrefix}:missing_${name}`,
      `${platform.label}: the connection has no ${name}; connect the account again`,
    );
  return value;
}
