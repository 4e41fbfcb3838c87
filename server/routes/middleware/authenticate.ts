import type { NextFunction, Request, Response } from "express";
import { actorInclude, actorUnitSelect, toActor, type Actor } from "@server/auth/actor.js";
import { checkTokenScope, tokenActor } from "@server/auth/tokenScopes.js";
import { resolveSession, SESSION_COOKIE } from "@server/auth/sessions.js";
import { API_TOKEN_PREFIX } from "@server/auth/tokens.js";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";

// Writing lastUsedAt on every scripted call would turn reads into writes; once a minute is enough.
const TOKEN_TOUCH_INTERVAL_MS = 60_000;

/** Identifies the caller from a session cookie or a personal API token (Authorization: Bearer). */
export function authenticate(services: Services) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      const actor = await actorOfApiToken(services, bearer);
      if (!actor) throw new AppError("invalid_token");
      req.actor = actor;
    } else {
      const cookie = req.cookies?.[SESSION_COOKIE];
      const session = typeof cookie === "string" && cookie ? await resolveSession(services, cookie) : null;
      if (session) {
        req.actor = session.actor;
        req.csrfToken = session.csrfToken;
      }
    }
    if (req.actor) req.locale = req.actor.locale;
    next();
  };
}

/** The actor a personal API token acts as, or null when it is unknown, revoked, expired or its user inactive. */
export async function actorOfApiToken(services: Services, secret: string): Promise<Actor | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const token = await services.prisma.apiToken.findUnique({
    where: { tokenHash: services.hasher.hash(secret) },
    include: { user: { include: actorInclude }, unitLimit: { select: actorUnitSelect } },
  });
  const now = Date.now();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= now) || !token.user.active) {
    return null;
  }
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > TOKEN_TOUCH_INTERVAL_MS) {
    await services.prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(now) } });
  }
  return tokenActor(toActor(token.user, "token"), token);
}

export function requireActor(req: Request, _res: Response, next: NextFunction) {
  if (!req.actor) throw new AppError("unauthenticated");
  next();
}

/** Until a temporary password is replaced, only the account endpoints answer. */
export function requirePasswordChanged(req: Request, _res: Response, next: NextFunction) {
  if (req.actor?.mustChangePassword) throw new AppError("password_change_required");
  next();
}

/** A request made with an API token goes no further than the token's scopes (server/auth/tokenScopes.ts). */
export function requireTokenScope(req: Request, _res: Response, next: NextFunction) {
  if (req.actor) checkTokenScope(req.actor, req.method, req.path);
  next();
}
