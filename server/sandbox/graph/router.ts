/**
 * Graph API dispatch: /v{N}.0/{node-id}[/{edge}], where the node type is found from the id, as
 * on graph.facebook.com. Any v10.0 - v29.0 version is accepted.
 */
import type { Request, RequestHandler } from "express";
import { parseBody, queryParams, requestUrl } from "@server/sandbox/http";
import type { GraphToken, SandboxState } from "@server/sandbox/state";
import { authenticate, tokenFromRequest } from "./auth";
import { GraphError, graphErrors, sendGraphError } from "./errors";
import { resolveFacebookNode } from "./facebook";
import { resolveInstagramNode } from "./instagram";
import type { BoundNode, GraphHandler } from "./node";
import { assertPermitted } from "./permissions";
import { assertPageRequirementsMet } from "./publishingChecks";
import type { GraphUsage } from "./usage";

export const GRAPH_PATH = /^\/(v(\d+)\.0)(\/.*)?$/;

/** The versions the sandbox answers, as "v23.0". */
export function isGraphVersion(version: string): boolean {
  const major = Number(/^v(\d+)\.0$/.exec(version)?.[1]);
  return major >= 10 && major <= 29;
}

export function graphApi(state: SandboxState, usage: GraphUsage): RequestHandler {
  return async (req, res, next) => {
    const match = GRAPH_PATH.exec(req.path);
    if (!match) return next();
    let pageId: string | undefined;
    try {
      if (!isGraphVersion(match[1]!)) throw graphErrors.unknownVersion(match[1]!);
      const body = await parseBody(req);
      if (body.malformed) throw graphErrors.invalidParameter(body.malformed);
      const params = { ...queryParams(req), ...body.fields };
      const token = authenticate(state, tokenFromRequest(req, params));
      pageId = token.pageId;
      usage.record(pageId);

      const segments = (match[3] ?? "").split("/").filter(Boolean).map(decodeURIComponent);
      const handler = findHandler(state, req.method, segments, token);
      const result = await handler({ state, token, params, files: body.files, url: requestUrl(req) });
      res.set(usage.headers(pageId)).json(result);
    } catch (error) {
      if (!(error instanceof GraphError)) return next(error);
      res.set(usage.headers(pageId));
      sendGraphError(res, error);
    }
  };
}

function findHandler(
  state: SandboxState,
  method: Request["method"],
  segments: string[],
  token: GraphToken,
): GraphHandler {
  const tokenPageId = token.pageId;
  const [rawId, edge, ...rest] = segments;
  if (!rawId) throw graphErrors.unsupportedRequest(method, "");
  if (rest.length > 0) throw graphErrors.unknownPath(`/${rest.join("/")}`);
  const id = rawId === "me" ? tokenPageId : rawId;
  const node = resolveNode(state, id);
  // A node the token may not see answers exactly like a node that does not exist.
  if (!node || node.ownerPageId !== tokenPageId) throw graphErrors.unsupportedRequest(method, id);

  if (edge === undefined) {
    const handler = { GET: node.read, POST: node.update, DELETE: node.remove }[method];
    if (!handler) throw graphErrors.unsupportedRequest(method, id);
    assertPermitted(token, node.typeName, method, edge);
    return handler;
  }
  const edgeHandlers = node.edges[edge];
  if (!edgeHandlers) {
    if (method === "GET") throw graphErrors.nonexistingField(edge, node.typeName);
    throw graphErrors.unknownPath(`/${edge}`);
  }
  const handler = { GET: edgeHandlers.get, POST: edgeHandlers.post, DELETE: edgeHandlers.delete }[method];
  if (!handler) throw graphErrors.unsupportedRequest(method, id);
  assertPermitted(token, node.typeName, method, edge);
  assertPageRequirementsMet(state, token, node.typeName, method, edge);
  return handler;
}

function resolveNode(state: SandboxState, id: string): BoundNode | undefined {
  return resolveFacebookNode(state, id) ?? resolveInstagramNode(state, id);
}
