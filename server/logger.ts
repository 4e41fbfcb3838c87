import { pino, type Logger, type LoggerOptions } from "pino";

/*
 * No secret or personal data reaches a log line. Three layers, all configured here:
 * - `serializeError` keeps what explains a failure (type, code, a message without values, stack
 *   frames) and drops what carries data (SQL parameters, query text, Prisma meta, pg DETAIL);
 * - `serializeRequest` logs a request's path with secret path segments and query values masked;
 * - `redact` blanks citizens' and staff's data and credentials under well-known keys.
 * Call sites log ids (itemId, deliveryId...) instead of the records themselves.
 */

const REDACTED = "[redacted]";

/** Keys whose values are a person's data or a credential, wherever they sit in a log line's first two levels. */
const PERSONAL_OR_SECRET_KEYS = [
  // A citizen's message and identity (InboxItem, web reports, webhook bodies).
  "text",
  "body",
  "authorName",
  "authorHandle",
  // A WhatsApp user's id is their phone number.
  "authorPlatformId",
  "waId",
  "wa_id",
  "recipient_id",
  "contact",
  "email",
  "phone",
  "address",
  "location",
  // An information request's applicant (PpidRequest).
  "applicantName",
  "identityNumber",
  "identityNumberSealed",
  "accessCode",
  "accessCodeSealed",
  // Credentials.
  "password",
  "temporaryPassword",
  "currentPassword",
  "newPassword",
  "token",
  "accessToken",
  "refreshToken",
  "verifyToken",
  "secret",
  "clientSecret",
  "apiKey",
  "cookie",
  "authorization",
  // SQL parameters and query text, should an error or a call site carry them outside `err`.
  "params",
  "parameters",
  "query",
  "detail",
];

export const REDACT_PATHS = [
  ...PERSONAL_OR_SECRET_KEYS.flatMap((key) => [key, `*.${key}`]),
  'req.headers["x-hub-signature-256"]',
  'res.headers["set-cookie"]',
];

/* ---------------------------------------------------------------- errors */

type SafeError = {
  type: string;
  message: string;
  code?: string | number;
  stack?: string;
  [field: string]: unknown;
};

/** Fields of ordinary errors that describe the failure, never the data: ChannelError, OAuthFailure, Node's system errors. */
const HARMLESS_ERROR_FIELDS = [
  "code",
  "failure",
  "kind",
  "status",
  "statusCode",
  "errno",
  "syscall",
  "outcomeUnknown",
  "retryAt",
];
/** pg / PGlite DatabaseError fields naming schema objects; DETAIL, HINT, WHERE, query and params carry values. */
const DATABASE_ERROR_FIELDS = ["code", "severity", "constraint", "table", "column", "schema", "routine"];
/** Prisma meta keys that name models, fields and constraints, never values. */
const PRISMA_META_FIELDS = ["modelName", "target", "field_name", "constraint", "column_name", "table", "column"];
/** Prisma codes whose last message line names fields or constraints only (P2002 "Unique constraint failed on the fields: (`email`)"). */
const PRISMA_CODES_WITH_SAFE_MESSAGES = new Set([
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2002",
  "P2003",
  "P2011",
  "P2024",
  "P2025",
  "P2028",
  "P2034",
]);
const MAX_CAUSES = 3;

/**
 * pino's `err` serializer, inherited by every child logger and by pino-http: an error's type,
 * code, a message without the data it was about, and its stack frames.
 */
export function serializeError(value: unknown): unknown {
  return describeError(value, 0);
}

function describeError(value: unknown, depth: number): SafeError | undefined {
  // pino-http hands over pino-std-serializers' copy; the original error is on `raw`.
  const raw = (value as { raw?: unknown } | null)?.raw;
  const error = (isErrorLike(raw) ? raw : value) as Record<string, unknown> & { message: string; stack?: string };
  if (!isErrorLike(error))
    return value === undefined || value === null ? undefined : { type: typeof value, message: REDACTED };

  const type = errorType(error);
  let safe: SafeError;
  if (type.startsWith("PrismaClient")) safe = describePrismaError(type, error);
  else if (type === "DriverAdapterError") safe = describeDriverAdapterError(error);
  else if (isDatabaseError(error))
    safe = { type, ...pick(error, DATABASE_ERROR_FIELDS), message: withoutValues(error.message) };
  else safe = { type, ...pick(error, HARMLESS_ERROR_FIELDS), message: scrub(error.message) };

  const frames = typeof error.stack === "string" ? error.stack.split("\n").filter((line) => /^\s+at /.test(line)) : [];
  if (frames.length) safe.stack = [`${type}: ${safe.message}`, ...frames].join("\n");
  if (Array.isArray(error.errors))
    safe.errors = error.errors.slice(0, 5).map((inner) => describeError(inner, depth + 1));
  if (error.cause !== undefined && depth < MAX_CAUSES) safe.cause = describeError(error.cause, depth + 1);
  return safe;
}

function describePrismaError(type: string, error: Record<string, unknown> & { message: string }): SafeError {
  const code =
    typeof error.code === "string" ? error.code : typeof error.errorCode === "string" ? error.errorCode : undefined;
  // Validation errors print the call's arguments, and unknown codes may quote the database's DETAIL:
  // keep the call's name, and the explanation only where it is known to name fields alone.
  const call = /Invalid `([^`]+)` invocation/.exec(error.message)?.[1];
  const lines = error.message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const explanation =
    code && PRISMA_CODES_WITH_SAFE_MESSAGES.has(code) ? scrub(lines.at(-1) ?? "") : "details not logged";
  const safe: SafeError = { type, message: call ? `${call} failed: ${explanation}` : explanation };
  if (code) safe.code = code;
  const meta = error.meta as Record<string, unknown> | undefined;
  if (meta && typeof meta === "object") {
    const kept: Record<string, unknown> = pick(meta, PRISMA_META_FIELDS);
    const adapterError = meta.driverAdapterError;
    if (isErrorLike(adapterError))
      kept.driverAdapterError = describeDriverAdapterError(
        adapterError as Record<string, unknown> & { message: string },
      );
    if (Object.keys(kept).length) safe.meta = kept;
  }
  return safe;
}

/** Prisma's driver adapters: the database error is in `cause`, its message and DETAIL included. */
function describeDriverAdapterError(error: Record<string, unknown> & { message: string }): SafeError {
  const cause = (error.cause ?? {}) as Record<string, unknown>;
  const kind = typeof cause.kind === "string" ? cause.kind : "unknown";
  const safe: SafeError = { type: "DriverAdapterError", message: kind, kind };
  const code = cause.originalCode ?? cause.code;
  if (typeof code === "string") safe.code = code;
  if (typeof cause.originalMessage === "string") safe.message = `${kind}: ${withoutValues(cause.originalMessage)}`;
  else if (kind === "postgres" && typeof cause.message === "string")
    safe.message = `${kind}: ${withoutValues(cause.message)}`;
  const constraint = cause.constraint as { fields?: unknown; index?: unknown } | undefined;
  if (constraint && typeof constraint === "object")
    safe.constraint = pick(constraint as Record<string, unknown>, ["fields", "index"]);
  if (typeof cause.column === "string") safe.column = cause.column;
  return safe;
}

function isErrorLike(value: unknown): value is { message: string } {
  return (
    value instanceof Error ||
    (typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string")
  );
}

function errorType(error: object): string {
  const constructorName = (error as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof constructorName === "string" && constructorName !== "Object" && constructorName !== "Error")
    return constructorName;
  const name = (error as { name?: unknown }).name;
  return typeof name === "string" && name !== "error" ? name : ((constructorName as string | undefined) ?? "Error");
}

/** A pg or PGlite DatabaseError: a five-character SQLSTATE and a severity. */
function isDatabaseError(error: Record<string, unknown>): boolean {
  return typeof error.code === "string" && /^[0-9A-Z]{5}$/.test(error.code) && typeof error.severity === "string";
}

/**
 * A PostgreSQL primary message names schema objects before any colon and quotes input after one
 * (`invalid input syntax for type uuid: "Budi"`), so everything after the first colon goes.
 */
function withoutValues(message: string): string {
  const firstLine = message.split("\n")[0] ?? "";
  const colon = firstLine.indexOf(": ");
  return scrub(colon === -1 ? firstLine : `${firstLine.slice(0, colon)}: ${REDACTED}`);
}

/** Last line of defence for free-form messages: e-mail addresses, phone numbers, tokens in URLs and headers. */
function scrub(message: string): string {
  return message
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, REDACTED)
    .replace(/(?<![\w-])(\+?62|0)8[\d\s-]{7,14}\d/g, REDACTED)
    .replace(/([?&][\w.]*(token|secret|code|state|key|signature|password)[\w.]*=)[^&\s"']*/gi, `$1${REDACTED}`)
    .replace(/\b(Bearer|Basic)\s+[\w.~+/=-]+/g, `$1 ${REDACTED}`);
}

function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of keys) {
    const value = source[key];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      kept[key] = typeof value === "string" ? scrub(value) : value;
    else if (value instanceof Date) kept[key] = value.toISOString();
    else if (Array.isArray(value) && value.every((item) => typeof item === "string")) kept[key] = value;
  }
  return kept;
}

/* ---------------------------------------------------------------- requests */

/** Query keys whose values are filters and page positions, never people's data or credentials. */
const HARMLESS_QUERY_KEYS = new Set([
  "limit",
  "cursor",
  "view",
  "status",
  "kind",
  "type",
  "category",
  "urgency",
  "priority",
  "source",
  "format",
  "locale",
  "language",
  "unitId",
  "channelId",
  "placeUnitId",
  "actorId",
  "targetType",
  "targetId",
  "active",
  "role",
  "month",
  "from",
  "to",
  "width",
  "height",
  "forItem",
  "halaman",
  "bulan",
  "hub.mode",
]);
/** Path segments that open a citizen's report or information request to whoever holds them. */
const SECRET_PATH_SEGMENTS = [
  /^(\/lacak\/)[^/?#]+/,
  /^(\/aspirasi\/terkirim\/)[^/?#]+/,
  // The registration number is public (the register lists it); the access code after it is not.
  /^(\/ppid\/lacak\/[^/?#]+\/)[^/?#]+/,
];

/**
 * A request URL fit for the access log: the path with secret segments masked, and the query's
 * keys with values only for an allow-list (a deny-list would miss the next `?k=` someone adds).
 */
export function safeRequestUrl(url: string): string {
  const queryStart = url.indexOf("?");
  let path = queryStart === -1 ? url : url.slice(0, queryStart);
  for (const pattern of SECRET_PATH_SEGMENTS) path = path.replace(pattern, `$1${REDACTED}`);
  if (queryStart === -1) return path;
  const query = [...new URLSearchParams(url.slice(queryStart + 1))].map(([key, value]) => {
    if (!/^[a-zA-Z][\w.]{0,40}$/.test(key)) return REDACTED;
    return HARMLESS_QUERY_KEYS.has(key) ? `${key}=${encodeURIComponent(value)}` : `${key}=${REDACTED}`;
  });
  return query.length ? `${path}?${query.join("&")}` : path;
}

/** pino-http's `req` serializer: no headers (cookies, tokens), no body, a masked URL. */
export function serializeRequest(req: { id: unknown; method: string; url: string }) {
  return { id: req.id, method: req.method, url: safeRequestUrl(req.url) };
}

export function serializeResponse(res: { statusCode: number }) {
  return { statusCode: res.statusCode };
}

/** The serializers the access log uses; pino-http would otherwise put back pino's own `err`. */
export const httpLogSerializers = { req: serializeRequest, res: serializeResponse, err: serializeError };

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: "siar" },
    serializers: { err: serializeError, error: serializeError },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
  };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
