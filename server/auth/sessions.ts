import type { Services } from "@server/services.js";
import { actorInclude, toActor, type Actor } from "./actor.js";
import { randomToken } from "./tokens.js";

export const SESSION_COOKIE = "siar_session";
// Extending the expiry on every request would write on every request; once a few minutes is enough.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export async function createSession(
  services: Services,
  userId: string,
  meta: { ip?: string; userAgent?: string },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + services.config.sessionTtlHours * 3600_000);
  await services.prisma.session.create({
    data: {
      id: services.hasher.hash(token),
      userId,
      csrfToken,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      expiresAt,
    },
  });
  return { token, csrfToken, expiresAt };
}

/** The actor behind a session cookie, or null if the session is unknown, expired or its user inactive. */
export async function resolveSession(
  services: Services,
  token: string,
): Promise<{ actor: Actor; csrfToken: string } | null> {
  const id = services.hasher.hash(token);
  const session = await services.prisma.session.findUnique({
    where: { id },
    include: { user: { include: actorInclude } },
  });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now || !session.user.active) {
    await services.prisma.session.deleteMany({ where: { id } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await services.prisma.session.updateMany({
      where: { id },
      data: { lastSeenAt: new Date(now), expiresAt: new Date(now + services.config.sessionTtlHours * 3600_000) },
    });
  }
  return { actor: toActor(session.user, "session", id), csrfToken: session.csrfToken };
}

export async function pruneExpiredSessions(services: Services): Promise<void> {
  await services.prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
