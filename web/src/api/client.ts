import type { Locale, Page } from "./types";

/** A failure answered by the API; `message` is already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// One client per tab: the session's CSRF token and the UI language travel with every request.
const state: { csrfToken: string | null; language: Locale; onUnauthenticated: () => void } = {
  csrfToken: null,
  language: "id",
  onUnauthenticated: () => {},
};

export function setCsrfToken(token: string | null) {
  state.csrfToken = token;
}

export function setRequestLanguage(language: Locale) {
  state.language = language;
}

/** Called when a signed-in request answers 401 (session expired or ended elsewhere). */
export function onUnauthenticated(handler: () => void) {
  state.onUnauthenticated = handler;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** A CSV export's link in the UI's language: its headers and labels in the words the reader sees. */
export function csvInLanguage(href: string, language: string): string {
  return `${href}${href.includes("?") ? "&" : "?"}lang=${encodeURIComponent(language)}`;
}

export function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  return send<T>(
    method,
    path,
    body === undefined ? undefined : { type: "application/json", content: JSON.stringify(body) },
  );
}

/** Sends a file as the raw request body (the media upload), with its own type as Content-Type. */
export function uploadFile<T>(path: string, file: File, query: Query = {}): Promise<T> {
  return send<T>("POST", withQuery(path, query), { type: file.type, content: file });
}

async function send<T>(method: string, path: string, body?: { type: string; content: BodyInit }): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": state.language };
  if (body) headers["Content-Type"] = body.type;
  if (WRITE_METHODS.has(method) && state.csrfToken) headers["X-CSRF-Token"] = state.csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method, headers, credentials: "same-origin", body: body?.content });
  } catch {
    throw new ApiError(0, "network_error", networkErrorMessage(), null);
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;

  const error = (payload as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  const apiError = new ApiError(
    response.status,
    error?.code ?? "http_error",
    error?.message ?? `HTTP ${response.status}`,
    error?.details ?? null,
  );
  if (apiError.code === "unauthenticated") state.onUnauthenticated();
  return Promise.reject(apiError);
}

// The only message the server cannot localise for us: it never answered.
function networkErrorMessage(): string {
  return state.language === "en"
    ? "The server cannot be reached. Check the connection and try again."
    : "Server tidak dapat dihubungi. Periksa koneksi lalu coba lagi.";
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>("GET", withQuery(path, query)),
  post: <T>(path: string, body: unknown = {}) => request<T>("POST", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  delete: <T>(path: string) => request<T>("DELETE", path),
};

/** Follows `nextCursor` to the end; for option lists (units, users) that must be complete. */
export async function fetchAllPages<T>(path: string, query: Query = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await api.get<Page<T>>(path, { ...query, cursor });
    items.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * Per-field messages from a failed request: zod issues ({path, message}) or a domain error's {field}.
 * Fields are named by the first part of their path ("channels"), or whole with `fullPaths`
 * ("content.stages.0.progress") for forms that show nested fields.
 */
export function fieldErrorsOf(error: unknown, { fullPaths = false } = {}): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const { details } = error;
  if (Array.isArray(details)) {
    const errors: Record<string, string> = {};
    for (const issue of details as { path?: unknown; message?: unknown }[]) {
      const field = typeof issue.path === "string" ? (fullPaths ? issue.path : issue.path.split(".")[0]) : undefined;
      if (field && typeof issue.message === "string" && !errors[field]) errors[field] = issue.message;
    }
    return errors;
  }
  const field = (details as { field?: unknown } | null)?.field;
  return typeof field === "string" ? { [field]: error.message } : {};
}
