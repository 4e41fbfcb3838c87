/** Graph API client shared by the Facebook and Instagram adapters: plain fetch, no Meta SDK. */
import { ChannelError, type ChannelTarget } from "./adapter.js";
import { isGraphThrottling } from "./errorCodes.js";
import { GRAPH_API_VERSION } from "./graphVersion.js";
import {
  DEFAULT_TIMEOUT_MS,
  minutesFromNow,
  type Platform,
  type PlatformRequest,
  type PlatformResponse,
  requiredField,
  sendRequest,
} from "./http.js";

/**
 * Non-secret settings of a Graph channel: where Graph is (Meta's, or the sandbox) and the version
 * to call, which targetOf fills from META_GRAPH_API_VERSION.
 */
export type GraphSettings = { baseUrl?: string; apiVersion?: string };

export const GRAPH_BASE_URL = "https://graph.facebook.com";
export { GRAPH_API_VERSION };

/** How far reconciliation and listing go back through paged results before giving up. */
const MAX_PAGES = 10;

type GraphErrorFields = {
  message?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_msg?: string;
};

export type GraphPage<T> = { data: T[]; paging?: { next?: string } };

export class GraphClient {
  private readonly root: string;

  constructor(
    private readonly platform: Platform,
    target: ChannelTarget,
    private readonly accessToken: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    const settings: GraphSettings = target.settings;
    this.root = `${(settings.baseUrl || GRAPH_BASE_URL).replace(/\/$/, "")}/${settings.apiVersion || GRAPH_API_VERSION}`;
  }

  /** A client for a target whose access token is the credential named `tokenField`. */
  static forTarget(platform: Platform, target: ChannelTarget, tokenField: string, timeoutMs?: number): GraphClient {
    return new GraphClient(platform, target, requiredField(platform, target.credentials, tokenField), timeoutMs);
  }

  get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    return this.send<T>("GET", this.url(path, query));
  }

  /** Parameters go in a JSON body, which Graph reads like form fields (and which carries arrays such as attached_media). */
  post<T>(path: string, params: Record<string, unknown> = {}): Promise<T> {
    return this.send<T>("POST", this.url(path), { access_token: this.accessToken, ...params });
  }

  delete(path: string): Promise<unknown> {
    return this.send("DELETE", this.url(path, {}));
  }

  /**
   * Items of a paged edge, following paging.next while `wanted` accepts the last item seen.
   * `mayRequest` is asked before each page is fetched; answering false stops the listing there.
   */
  async *items<T>(
    path: string,
    query: Record<string, string>,
    wanted: (item: T) => boolean = () => true,
    mayRequest: () => boolean = () => true,
  ): AsyncGenerator<T> {
    if (!mayRequest()) return;
    let page = await this.get<GraphPage<T>>(path, query);
    for (let pages = 1; ; pages++) {
      // A page without its list (a proxy's error page, a changed API) is the platform's fault, said as such.
      if (!Array.isArray(page?.data))
        throw new ChannelError(
          "transient",
          `${this.platform.codePrefix}:unexpected_response`,
          `${this.platform.label}: the list ${path} came back without its items`,
        );
      for (const item of page.data) {
        if (!wanted(item)) return;
        yield item;
      }
      if (!page.paging?.next || pages >= MAX_PAGES || !mayRequest()) return;
      const next = new URL(page.paging.next);
      next.searchParams.set("access_token", this.accessToken);
      page = await this.send<GraphPage<T>>("GET", next);
    }
  }

  private url(path: string, query?: Record<string, string>): URL {
    const url = new URL(`${this.root}/${path.replace(/^\//, "")}`);
    if (query)
      for (const [key, value] of Object.entries({ ...query, access_token: this.accessToken }))
        url.searchParams.set(key, value);
    return url;
  }

  private async send<T>(method: string, url: URL, body?: Record<string, unknown>): Promise<T> {
    const init: PlatformRequest = body
      ? { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }
      : { method };
    const response = await sendRequest(this.platform, url, init, this.timeoutMs);
    const failed = response.status >= 400 || graphErrorOf(response) !== undefined;
    if (failed) throw graphFailure(this.platform, response);
    return response.body as T;
  }
}

/** Graph writes times as "2026-05-01T08:00:00+0000", which not every Date parser reads. */
export function graphDate(text: string): Date {
  return new Date(text.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
}

function graphErrorOf(response: PlatformResponse): GraphErrorFields | undefined {
  const body = response.body as { error?: GraphErrorFields } | undefined;
  return typeof body === "object" && body !== null ? body.error : undefined;
}

/** "Unknown" (1), "Service" (2) and IG "media not ready" (9007): nothing was created, trying again is safe. */
const TEMPORARY_CODES = new Set([1, 2, 9007]);
const RATE_LIMIT_WAIT_MINUTES = 15;
const TEMPORARY_WAIT_MINUTES = 1;

/**
 * Turns a Graph error answer into a ChannelError, per
 * https://developers.facebook.com/docs/graph-api/guides/error-handling: 190 is an expired or
 * revoked token; throttling and temporary errors are retried; everything else (100 invalid
 * parameter, 324 bad image, IG 9004 / 2207xxx content errors) will fail the same way again.
 * A 5xx may come after Meta carried the request out, so what it answered is not known.
 */
export function graphFailure(platform: Platform, response: PlatformResponse): ChannelError {
  const error = graphErrorOf(response);
  const code = error?.code;
  const message = `${platform.label}: ${error?.error_user_msg || error?.message || `HTTP ${response.status}`}`;
  const codeText = `graph:${code ?? response.status}`;
  if (code === 190) return new ChannelError("reconnect", codeText, message);
  const pageRequirement = unmetPageRequirement(error);
  if (pageRequirement) return new ChannelError("permanent", pageRequirement, message);
  if (code !== undefined && isGraphThrottling(code)) {
    return new ChannelError(
      "transient",
      codeText,
      message,
      regainAccessAt(response.headers) ?? minutesFromNow(RATE_LIMIT_WAIT_MINUTES),
    );
  }
  if (response.status >= 500 || error?.is_transient || (code !== undefined && TEMPORARY_CODES.has(code))) {
    const retryAt = regainAccessAt(response.headers) ?? minutesFromNow(TEMPORARY_WAIT_MINUTES);
    return new ChannelError("transient", codeText, message, retryAt, { outcomeUnknown: response.status >= 500 });
  }
  return new ChannelError("permanent", codeText, message);
}

/**
 * A Page's demand on the person whose token publishes, which no retry fixes: Page Publishing
 * Authorization (completed in the Page's settings) and two-factor authentication (turned on for
 * that person). https://developers.facebook.com/docs/instagram-platform/content-publishing ("Limitations")
 * names both; code 415 is "Two factor authentication required"
 * (https://developers.facebook.com/documentation/ads-commerce/marketing-api/reference/business/owned_pages);
 * PPA has come as subcode 1404078 or in the words of the message.
 */
function unmetPageRequirement(error: GraphErrorFields | undefined): string | undefined {
  if (!error) return undefined;
  const words = `${error.message ?? ""} ${error.error_user_msg ?? ""}`;
  if (error.error_subcode === 1404078 || /publishing authori[sz]ation/i.test(words)) return "graph:ppa_required";
  if (error.code === 415 || /two[- ]factor authentication/i.test(words)) return "graph:two_factor_required";
  return undefined;
}

/** X-Business-Use-Case-Usage: {"<id>": [{"estimated_time_to_regain_access": minutes, ...}]}. */
function regainAccessAt(headers: Headers): Date | undefined {
  const header = headers.get("x-business-use-case-usage");
  if (!header) return undefined;
  try {
    const usage = JSON.parse(header) as Record<string, { estimated_time_to_regain_access?: number }[]>;
    const minutes = Math.max(
      0,
      ...Object.values(usage)
        .flat()
        .map((entry) => entry.estimated_time_to_regain_access ?? 0),
    );
    return minutes > 0 ? minutesFromNow(minutes) : undefined;
  } catch {
    return undefined;
  }
}
