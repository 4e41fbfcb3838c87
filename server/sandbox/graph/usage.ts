/**
 * Graph rate limiting: usage percentages reported on every response in X-App-Usage and
 * X-Business-Use-Case-Usage, and error codes 4 / 17 / 32 / 613 once a limit is reached.
 * https://developers.facebook.com/docs/graph-api/overview/rate-limiting
 */
import type { SandboxState } from "@server/sandbox/state";
import { graphErrors } from "./errors";

const WINDOW_MS = 60 * 60 * 1000;

export type GraphRateLimitCode = 4 | 17 | 32 | 613;

export class GraphUsage {
  private appCalls: number[] = [];
  private readonly pageCalls = new Map<string, number[]>();
  /** A limit forced by the control API, active until reset. */
  forcedCode?: GraphRateLimitCode;

  constructor(private readonly state: SandboxState) {}

  /** Counts one call and throws the rate-limit error if a limit is reached. */
  record(pageId: string | undefined): void {
    const now = this.state.now();
    this.recent(this.appCalls, now).push(now);
    if (pageId) {
      const pageCalls = this.recent(this.pageCalls.get(pageId) ?? [], now);
      pageCalls.push(now);
      this.pageCalls.set(pageId, pageCalls);
    }
    if (this.forcedCode) throw graphErrors.rateLimited(this.forcedCode);
    if (this.appCalls.length > this.state.config.graphAppCallsPerHour) throw graphErrors.rateLimited(4);
    if (pageId && this.pageCalls.get(pageId)!.length > this.state.config.graphPageCallsPerHour)
      throw graphErrors.rateLimited(32);
  }

  headers(pageId: string | undefined): Record<string, string> {
    const now = this.state.now();
    const forced = this.forcedCode !== undefined;
    const appPercent = forced
      ? 100
      : percent(this.recent(this.appCalls, now).length, this.state.config.graphAppCallsPerHour);
    const headers: Record<string, string> = {
      "X-App-Usage": JSON.stringify({
        call_count: appPercent,
        total_cputime: Math.floor(appPercent / 2),
        total_time: Math.floor(appPercent / 2),
      }),
    };
    if (pageId) {
      const calls = this.recent(this.pageCalls.get(pageId) ?? [], now);
      const pagePercent = forced ? 100 : percent(calls.length, this.state.config.graphPageCallsPerHour);
      const regainMinutes = pagePercent >= 100 ? Math.ceil((WINDOW_MS - (now - (calls[0] ?? now))) / 60_000) : 0;
      headers["X-Business-Use-Case-Usage"] = JSON.stringify({
        [pageId]: [
          {
            type: "pages",
            call_count: pagePercent,
            total_cputime: Math.floor(pagePercent / 2),
            total_time: Math.floor(pagePercent / 2),
            estimated_time_to_regain_access: forced ? 60 : regainMinutes,
          },
        ],
      });
    }
    return headers;
  }

  reset(): void {
    this.appCalls = [];
    this.pageCalls.clear();
    this.forcedCode = undefined;
  }

  /** Drops calls older than the window, in place: times are appended in order, so they are at the front. */
  private recent(calls: number[], now: number): number[] {
    let expired = 0;
    while (expired < calls.length && now - calls[expired]! >= WINDOW_MS) expired++;
    if (expired) calls.splice(0, expired);
    return calls;
  }
}

function percent(calls: number, limit: number): number {
  return Math.min(100, Math.floor((calls / limit) * 100));
}
