/**
 * Access-token checks: the token may come as the access_token parameter or an Authorization
 * header, as Graph accepts both.
 * https://developers.facebook.com/docs/facebook-login/guides/access-tokens
 */
import type { Request } from "express";
import type { GraphToken, SandboxState } from "@server/sandbox/state";
import { graphErrors } from "./errors";

export function tokenFromRequest(req: Request, params: Record<string, unknown>): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header);
    if (match) return match[1]!.trim();
  }
  return typeof params.access_token === "string" && params.access_token ? params.access_token : undefined;
}

export function authenticate(state: SandboxState, token: string | undefined): GraphToken {
  if (!token) throw graphErrors.missingToken();
  const record = state.graph.tokens.get(token);
  if (!record) throw graphErrors.invalidToken();
  if (record.status === "expired") throw graphErrors.expiredToken(new Date(state.now()));
  if (record.status === "revoked") throw graphErrors.revokedToken();
  return record;
}
