/**
 * X API v2 errors in its problem format:
 * https://docs.x.com/x-api/fundamentals/response-codes-and-errors
 */
import { STATUS_CODES } from "node:http";
import type { Response } from "express";

export class XProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.detail ?? body.title));
  }
}

export function sendXProblem(res: Response, problem: XProblem): void {
  res.status(problem.status).type("application/problem+json").send(JSON.stringify(problem.body));
}

const simple = (status: number, detail = STATUS_CODES[status] ?? "Error") =>
  new XProblem(status, { title: STATUS_CODES[status] ?? "Error", detail, type: "about:blank", status });

export interface InvalidParameter {
  message: string;
  parameters?: Record<string, string[]>;
}

export const xProblems = {
  unauthorized: () => simple(401, "Unauthorized"),
  appOnlyForbidden: () =>
    new XProblem(403, {
      title: "Unsupported Authentication",
      detail:
        "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].",
      type: "https://api.twitter.com/2/problems/unsupported-authentication",
      status: 403,
    }),
  invalidRequest: (errors: InvalidParameter[]) =>
    new XProblem(400, {
      errors,
      title: "Invalid Request",
      detail: "One or more parameters to your request was invalid.",
      type: "https://api.twitter.com/2/problems/invalid-request",
    }),
  forbidden: (detail: string) => simple(403, detail),
  tooManyRequests: () => simple(429, "Too Many Requests"),
  notFound: (resourceType: string, id: string) =>
    new XProblem(404, {
      title: "Not Found Error",
      detail: `Could not find ${resourceType} with id: [${id}].`,
      type: "https://api.twitter.com/2/problems/resource-not-found",
      resource_type: resourceType,
      resource_id: id,
      status: 404,
    }),
  noRoute: () => new XProblem(404, { errors: [{ message: "Sorry, that page does not exist", code: 34 }] }),
  status: (status: number) => simple(status),
};

/** The partial error X returns inside a 200 body when a looked-up resource is missing. */
export function notFoundEntry(resourceType: string, parameter: string, id: string) {
  return {
    value: id,
    detail: `Could not find ${resourceType} with ${parameter}: [${id}].`,
    title: "Not Found Error",
    resource_type: resourceType,
    parameter,
    resource_id: id,
    type: "https://api.twitter.com/2/problems/resource-not-found",
  };
}
