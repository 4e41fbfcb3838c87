import { changedFields, recordAudit, type ActingOrigin, type Origin } from "@server/audit/record.js";
import { actorInclude, toActor } from "@server/auth/actor.js";
import { assertAcceptablePassword, hashPassword, verifyAgainstDecoy, verifyPassword } from "@server/auth/passwords.js";
import {
  afterFailure,
  recordSignInSuccess,
  releaseSignInAttempt,
  reserveSignInAttempt,
  signInAttempt,
  signInThrottled,
} from "@server/auth/signInThrottle.js";
import { createSession } from "@server/auth/sessions.js";
import type { Locale } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";

export type LoginMeta = { ip?: string; userAgent?: string };

/**
 * Signs a user in. Existing and missing accounts take the same path and get the same answers:
 * the same throttle check, one password hash, one counted failure with its audit record. Only
 * failures stay counted (a success gives its count back); see server/auth/signInThrottle.ts.
 */
export async function logIn(
  services: Services,
  {
    origin,
    credentials: input,
    meta,
  }: {
    origin: Origin;
    credentials: { email: string; password: string } /** The address and browser signing in, kept with the session. */;
    meta: LoginMeta;
  },
) {
  const { config, prisma } = services;
  const email = input.email.toLowerCase();
  const attempt = signInAttempt(services.hasher, email, meta.ip ?? "unknown");
  const spent = await signInThrottled(prisma, attempt, config.login);
  if (spent) throw new AppError("sign_in_throttled", { retryAfterSeconds: spent.retryAfterSeconds });
  const reserved = await reserveSignInAttempt(prisma, attempt, config.login);
  if (reserved.throttled)
    throw new AppError("sign_in_throttled", { retryAfterSeconds: reserved.throttled.retryAfterSeconds });

  const user = await prisma.user.findUnique({ where: { email }, include: actorInclude });
  const passwordMatches = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDecoy(input.password);
  if (!user || !passwordMatches) {
    // A missing account is audited without the address typed in: it may be someone's mistyped personal e-mail.
    const failedOrigin = { ...origin, label: user ? `${user.name} <${user.email}>` : "(akun tidak dikenal)" };
    const target = { targetType: "User", targetId: user?.id };
    const failure = afterFailure(reserved.budgets, config.login);
    await prisma.$transaction(async (tx) => {
      await recordAudit(tx, failedOrigin, { action: "auth.login_failed", ...target, changes: { ip: meta.ip } });
      for (const scope of failure.usedUp) {
        await recordAudit(tx, failedOrigin, {
          action: "auth.login_throttled",
          ...target,
          changes: { ip: meta.ip, scope, windowMinutes: config.login.windowMinutes },
        });
      }
    });
    if (failure.retryAfterSeconds !== null)
      throw new AppError("sign_in_throttled", { retryAfterSeconds: failure.retryAfterSeconds });
    throw new AppError("invalid_credentials");
  }
  if (!user.active) {
    await releaseSignInAttempt(prisma, attempt);
    throw new AppError("account_inactive");
  }

  const session = await createSession(services, user.id, meta);
  const actor = toActor(user, "session", services.hasher.hash(session.token));
  await prisma.$transaction(async (tx) => {
    await recordSignInSuccess(tx, attempt);
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await recordAudit(
      tx,
      { ...origin, actor },
      { action: "auth.login", targetType: "User", targetId: user.id, changes: { ip: meta.ip } },
    );
  });
  return { actor, session };
}

export async function logOut(services: Services, { origin }: { origin: ActingOrigin }) {
  await services.prisma.$transaction(async (tx) => {
    if (origin.actor.sessionId) await tx.session.deleteMany({ where: { id: origin.actor.sessionId } });
    await recordAudit(tx, origin, { action: "auth.logout", targetType: "User", targetId: origin.actor.id });
  });
}

/** Changes one's own password and ends every other session of the account. */
export async function changePassword(
  services: Services,
  { origin, passwords: input }: { origin: ActingOrigin; passwords: { currentPassword: string; newPassword: string } },
) {
  const user = await services.prisma.user.findUniqueOrThrow({ where: { id: origin.actor.id } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw new AppError("wrong_current_password", { field: "currentPassword" });
  assertAcceptablePassword(input.newPassword, user.email);
  if (input.newPassword === input.currentPassword) throw new AppError("weak_password", { field: "newPassword" });
  const passwordHash = await hashPassword(input.newPassword);
  await services.prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
    });
    await tx.session.deleteMany({ where: { userId: user.id, id: { not: origin.actor.sessionId ?? "" } } });
    await recordAudit(tx, origin, { action: "user.change_password", targetType: "User", targetId: user.id });
  });
}

export async function updateProfile(
  services: Services,
  { origin, profile: input }: { origin: ActingOrigin; profile: { name?: string; locale?: Locale } },
) {
  return services.prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: origin.actor.id } });
    const user = await tx.user.update({ where: { id: before.id }, data: input, include: actorInclude });
    const changes = changedFields(before, input);
    if (Object.keys(changes).length)
      await recordAudit(tx, origin, { action: "user.update_profile", targetType: "User", targetId: user.id, changes });
    return user;
  });
}
