/** Which imitated platform a path belongs to, and each platform's own error for a bare status. */
import type { Response } from "express";
import { GraphError, graphErrors, sendGraphError } from "./graph/errors";
import { GRAPH_PATH } from "./graph/router";
import { WpError, sendWpError, wpErrors } from "./wordpress/errors";
import { XProblem, sendXProblem, xProblems } from "./x/problems";

export type Platform = "graph" | "x" | "wordpress";

export function platformOf(path: string): Platform | undefined {
  if (GRAPH_PATH.test(path)) return "graph";
  if (path.startsWith("/2/")) return "x";
  if (path === "/wp-json" || path.startsWith("/wp-json/")) return "wordpress";
  return undefined;
}

export function sendStatusError(res: Response, platform: Platform | undefined, status: number): void {
  if (platform === "graph") sendGraphError(res, graphErrors.transient(status));
  else if (platform === "x") sendXProblem(res, status === 429 ? xProblems.tooManyRequests() : xProblems.status(status));
  else if (platform === "wordpress") sendWpError(res, wpErrors.status(status));
  else res.status(status).json({ error: { status, message: "Sandbox error" } });
}

/** Errors thrown by handlers that are already in a platform's shape. */
export function sendPlatformError(res: Response, error: unknown): boolean {
  if (error instanceof GraphError) sendGraphError(res, error);
  else if (error instanceof XProblem) sendXProblem(res, error);
  else if (error instanceof WpError) sendWpError(res, error);
  else return false;
  return true;
}
