import { DEMO_PASSWORD } from "@server/demo/seed.js";

export type ApiResponse<T = any> = { status: number; body: T; headers: Headers };

/**
 * A browser-like API caller: keeps the session cookie, sends the CSRF token on writes, and
 * asks for a language. Each instance is one signed-in person.
 */
export class ApiClient {
  /** The session cookie as sent back to the server ("siar_session=..."). */
  cookie: string | undefined;
  csrfToken: string | undefined;
  bearer: string | undefined;

  constructor(
    readonly baseUrl: string,
    readonly language = "id",
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        "accept-language": this.language,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== "GET" ? { "x-csrf-token": this.csrfToken } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...headers,
      },
      body:
        body === undefined
          ? undefined
          : typeof body === "string" || body instanceof Uint8Array
            ? (body as string | Uint8Array<ArrayBuffer>)
            : JSON.stringify(body),
      redirect: "manual",
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith("siar_session="));
    if (setCookie) this.cookie = setCookie.split(";")[0];
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (HTML or plain text); keep the text.
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body ?? {});
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>("PATCH", path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>("DELETE", path);
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<ApiResponse> {
    const response = await this.post("/api/auth/login", { email, password });
    if (response.status === 200) this.csrfToken = response.body.csrfToken;
    return response;
  }
}

/** Signs in a demo account and fails loudly if that did not work. */
export async function signedIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  const response = await client.login(email, password);
  if (response.status !== 200)
    throw new Error(`login of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return client;
}
