/**
 * The state of one OAuth flow between "start" and the platform's callback (and, for Meta, the
 * Page selection), kept in the browser as a SecretBox-sealed cookie: encrypted and
 * authenticated, so any server process behind a load balancer can read it and nobody can forge
 * or read it. The `state` parameter must match it (CSRF protection of OAuth, RFC 6749 §10.12).
 */
import type { Request, Response } from "express";
import { safeEqual } from "@server/auth/tokens.js";
import type { Services } from "@server/services.js";
import { OAuthFailure } from "./failure.js";
import type { OAuthProvider } from "./providers.js";

/** Enough to sign in on the platform and choose a Page, short enough that a stolen cookie soon expires. */
export const FLOW_LIFETIME_MS = 10 * 60_000;
const COOKIE_PATH = "/api/channels/oauth";

export type FlowState = {
  provider: OAuthProvider;
  state: string;
  /** Who started the flow: the callback must come back to the same account. */
  userId: string;
  unitId: string;
  /** The admin confirmed connecting an account another unit already has. */
  shareAccount?: boolean;
  /** PKCE code_verifier (X). */
  codeVerifier?: string;
  /** The long-lived user token, once the Meta callback has it, until a Page is chosen. */
  userToken?: string;
  expiresAt: number;
};

const cookieName = (provider: OAuthProvider) => `siar_oauth_${provider}`;

export function saveFlow(
  services: Pick<Services, "secretBox">,
  req: Request,
  res: Response,
  flow: Omit<FlowState, "expiresAt">,
): void {
  const expiresAt = Date.now() + FLOW_LIFETIME_MS;
  res.cookie(cookieName(flow.provider), services.secretBox.seal(JSON.stringify({ ...flow, expiresAt })), {
    httpOnly: true,
    // Lax: the cookie must come along on the platform's top-level redirect back to us.
    sameSite: "lax",
    secure: req.secure,
    path: COOKIE_PATH,
    maxAge: FLOW_LIFETIME_MS,
  });
}

/** The flow this request continues; throws invalid_state unless the state, the user and the time all match. */
export function loadFlow(
  services: Pick<Services, "secretBox">,
  req: Request,
  provider: OAuthProvider,
  state: unknown,
): FlowState {
  const sealed: unknown = req.cookies?.[cookieName(provider)];
  if (typeof sealed !== "string" || typeof state !== "string" || !state)
    throw new OAuthFailure("invalid_state", "no OAuth flow cookie or no state");
  let flow: FlowState;
  try {
    flow = JSON.parse(services.secretBox.open(sealed)) as FlowState;
  } catch {
    throw new OAuthFailure("invalid_state", "the OAuth flow cookie was not sealed by this installation");
  }
  if (flow.provider !== provider || !safeEqual(flow.state, state))
    throw new OAuthFailure("invalid_state", "state does not match the flow cookie");
  if (flow.userId !== req.actor?.id) throw new OAuthFailure("invalid_state", "the flow was started by another account");
  if (flow.expiresAt <= Date.now()) throw new OAuthFailure("invalid_state", "the flow has expired");
  return flow;
}

export function clearFlow(res: Response, provider: OAuthProvider): void {
  res.clearCookie(cookieName(provider), { path: COOKIE_PATH });
}
