/**
 * Fault injection: rules matched by platform, method and path pattern add latency, fail a share
 * of requests with the platform's own error body, or hang until the client gives up; either
 * before the platform acts, or after it has carried the request out (the answer is lost).
 */
import type { RequestHandler, Response } from "express";
import { z } from "zod";
import { type Platform, platformOf, sendStatusError } from "./platform";
import type { SandboxState } from "./state";

export const faultSpecSchema = z.object({
  platform: z.enum(["graph", "x", "wordpress", "*"]).default("*"),
  method: z.string().toUpperCase().optional(),
  /** Path pattern: `*` matches anything, `:name` matches one path segment, e.g. /2/users/:id/mentions. */
  path: z.string().default("*"),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  /** HTTP status to answer with, in the platform's error shape. */
  status: z.number().int().min(400).max(599).optional(),
  /** Share of matching requests that fail (with `status`, or hang when `timeout`); 1 when omitted. */
  errorRate: z.number().min(0).max(1).default(1),
  /** Never answer: the request hangs until the client aborts it. */
  timeout: z.boolean().default(false),
  /** Carry the request out first (create the post...), then fail or hang instead of answering. */
  afterHandling: z.boolean().default(false),
  /** Apply to this many matching requests, then remove the rule. */
  times: z.number().int().positive().optional(),
});

export type FaultSpec = z.input<typeof faultSpecSchema>;
export type FaultRule = z.output<typeof faultSpecSchema> & { id: string };

export class FaultInjector {
  private rules: (FaultRule & { pattern: RegExp })[] = [];
  private readonly hanging = new Set<Response>();
  private counter = 0;

  constructor(private readonly state: SandboxState) {}

  add(spec: FaultSpec): FaultRule {
    const rule = { ...faultSpecSchema.parse(spec), id: `fault-${++this.counter}` };
    this.rules.push({ ...rule, pattern: pathPattern(rule.path) });
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map(({ pattern: _pattern, ...rule }) => rule);
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  /** Ends requests left hanging by timeout faults, so the server can close. */
  releaseHanging(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  middleware(): RequestHandler {
    return async (req, res, next) => {
      const platform = platformOf(req.path);
      const rule = this.rules.find(
        (r) =>
          (r.platform === "*" || r.platform === platform) &&
          (!r.method || r.method === req.method) &&
          r.pattern.test(req.path),
      );
      if (!rule) return next();
      this.consume(rule);
      if (rule.latencyMs) await new Promise((resolve) => setTimeout(resolve, rule.latencyMs));
      const fails = (rule.status !== undefined || rule.timeout) && this.state.random() < rule.errorRate;
      if (!fails) return next();
      const fail = () =>
        rule.timeout ? this.hang(res) : sendStatusError(res, platform as Platform | undefined, rule.status!);
      if (!rule.afterHandling) return fail();
      this.replaceAnswer(res, fail);
      next();
    };
  }

  /** Lets the handler run, then discards its answer (headers included) and fails instead. */
  private replaceAnswer(res: Response, fail: () => void): void {
    const end = res.end.bind(res);
    res.end = (() => {
      res.end = end;
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      fail();
      return res;
    }) as Response["end"];
  }

  private consume(rule: FaultRule): void {
    if (rule.times === undefined) return;
    rule.times--;
    if (rule.times <= 0) this.remove(rule.id);
  }

  private hang(res: Response): void {
    this.hanging.add(res);
    res.on("close", () => this.hanging.delete(res));
  }
}

function pathPattern(path: string): RegExp {
  const source = path
    .split(/(\*|:[A-Za-z_]\w*)/)
    .map((part) => (part === "*" ? ".*" : part.startsWith(":") ? "[^/]+" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}
