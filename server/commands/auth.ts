import { changedFields, recordAudit, type Origin } from "../audit/record.js";
import { actorInclude, toActor, type Actor } from "../auth/actor.js";
import { assertAcceptablePassword, hashPassword, verifyAgainstDecoy, verifyPassword } from "../auth/passwords.js";
import { countHit } from "../auth/rateLimit.js";
import { createSession } from "../auth/sessions.js";
import type { Locale } from "../db/generated/enums.js";
import { AppError } from "../errors.js";
import type { Services } from "../services.js";

const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export type LoginMeta = { ip?: string; userAgent?: string };

/**
 * Signs a user in. Guards: a per-address rate limit shared by all processes, and a per-account
 * lock-out after repeated failures. Unknown e-mails cost the same time as wrong passwords.
 */
export async function logIn(services: Services, origin: Origin, input: { email: string; password: string }, meta: LoginMeta) {
  const { config, prisma } = services;
  const limit = await countHit(prisma, `login:ip:${meta.ip ?? "unknown"}`, config.login.perIpLimit, LOGIN_WINDOW_MS);
  if (!limit.allowed) throw new AppError("rate_limited", { retryAfterSeconds: limit.retryAfterSeconds });

  const email = input.email.toLowerCase();
  const user = await prisma.user.findUnique({ where: { email }, include: actorInclude });
  if (!user) {
    await verifyAgainstDecoy(input.password);
    throw new AppError("invalid_credentials");
  }
  const now = Date.now();
  if (user.lockedUntil && user.lockedUntil.getTime() > now) {
    throw new AppError("account_locked", { retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - now) / 1000) });
  }
  const failedOrigin = { ...origin, label: `${user.name} <${user.email}>` };
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const failures = user.failedLoginCount + 1;
    const locks = failures >= config.login.maxFailures;
    const lockedUntil = locks ? new Date(now + config.login.lockoutMinutes * 60_000) : null;
    await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: locks ? 0 : failures, lockedUntil } });
      await recordAudit(tx, failedOrigin, {
        action: locks ? "auth.account_locked" : "auth.login_failed",
        targetType: "User",
        targetId: user.id,
        changes: { failures, ip: meta.ip },
      });
    });
    if (locks) throw new AppError("account_locked", { retryAfterSeconds: config.login.lockoutMinutes * 60 });
    throw new AppError("invalid_credentials");
  }
  if (!user.active) throw new AppError("account_inactive");

  const session = await createSession(services, user.id, meta);
  const actor = toActor(user, "session", services.hasher.hash(session.token));
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() } });
    await recordAudit(tx, { ...origin, actor }, { action: "auth.login", targetType: "User", targetId: user.id, changes: { ip: meta.ip } });
  });
  return { actor, session };
}

export async function logOut(services: Services, origin: Origin & { actor: Actor }) {
  await services.prisma.$transaction(async (tx) => {
    if (origin.actor.sessionId) await tx.session.deleteMany({ where: { id: origin.actor.sessionId } });
    await recordAudit(tx, origin, { action: "auth.logout", targetType: "User", targetId: origin.actor.id });
  });
}

/** Changes one's own password and ends every other session of the account. */
export async function changePassword(
  services: Services,
  origin: Origin & { actor: Actor },
  input: { currentPassword: string; newPassword: string },
) {
  const user = await services.prisma.user.findUniqueOrThrow({ where: { id: origin.actor.id } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new AppError("wrong_current_password", { field: "currentPassword" });
  assertAcceptablePassword(input.newPassword, user.email);
  if (input.newPassword === input.currentPassword) throw new AppError("weak_password", { field: "newPassword" });
  const passwordHash = await hashPassword(input.newPassword);
  await services.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() } });
    await tx.session.deleteMany({ where: { userId: user.id, id: { not: origin.actor.sessionId ?? "" } } });
    await recordAudit(tx, origin, { action: "user.change_password", targetType: "User", targetId: user.id });
  });
}

export async function updateProfile(services: Services, origin: Origin & { actor: Actor }, input: { name?: string; locale?: Locale }) {
  return services.prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: origin.actor.id } });
    const user = await tx.user.update({ where: { id: before.id }, data: input, include: actorInclude });
    const changes = changedFields(before, input);
    if (Object.keys(changes).length) await recordAudit(tx, origin, { action: "user.update_profile", targetType: "User", targetId: user.id, changes });
    return user;
  });
}
