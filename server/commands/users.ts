import { changedFields, recordAudit, type Origin } from "@server/audit/record.js";
import { actorInclude } from "@server/auth/actor.js";
import { assertAcceptablePassword, generateTemporaryPassword, hashPassword } from "@server/auth/passwords.js";
import { clearSignInFailures } from "@server/auth/signInThrottle.js";
import type { Prisma } from "@server/db/client.js";
import type { Locale, Role } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";
import { isUniqueViolation } from "@server/db/errors.js";

export type UserInput = {
  email: string;
  name: string;
  role: Role;
  unitIds: string[];
  locale?: Locale;
  password?: string;
};
export type UserChanges = Partial<Omit<UserInput, "password">> & { active?: boolean };

export const userInclude = actorInclude;

async function assertActiveUnits(tx: Prisma.TransactionClient, unitIds: string[]): Promise<void> {
  const found = await tx.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, active: true } });
  if (found.length !== new Set(unitIds).size) throw new AppError("not_found", { field: "unitIds" });
  if (found.some((unit) => !unit.active)) throw new AppError("unit_inactive", { field: "unitIds" });
}

async function assertAnotherAdminRemains(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const others = await tx.user.count({ where: { role: "admin", active: true, id: { not: userId } } });
  if (others === 0) throw new AppError("last_admin");
}

/** Creates an account; without a chosen password a temporary one is returned, to be changed at first sign-in. */
export async function createUser(services: Services, { origin, user: input }: { origin: Origin; user: UserInput }) {
  const email = input.email.toLowerCase();
  const temporaryPassword = input.password ? undefined : generateTemporaryPassword();
  const password = input.password ?? temporaryPassword!;
  assertAcceptablePassword(password, email);
  const passwordHash = await hashPassword(password);
  try {
    const user = await services.prisma.$transaction(async (tx) => {
      await assertActiveUnits(tx, input.unitIds);
      const created = await tx.user.create({
        data: {
          email,
          name: input.name,
          role: input.role,
          locale: input.locale ?? "id",
          passwordHash,
          mustChangePassword: temporaryPassword !== undefined,
          memberships: { create: [...new Set(input.unitIds)].map((unitId) => ({ unitId })) },
        },
        include: userInclude,
      });
      await recordAudit(tx, origin, {
        action: "user.create",
        targetType: "User",
        targetId: created.id,
        unitId: input.unitIds[0],
        changes: { email, name: input.name, role: input.role, unitIds: input.unitIds },
      });
      return created;
    });
    return { user, temporaryPassword };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("email_taken", { field: "email" });
    throw error;
  }
}

export async function updateUser(
  services: Services,
  { origin, userId: id, changes: input }: { origin: Origin; userId: string; changes: UserChanges },
) {
  try {
    const { user, accessChanged } = await services.prisma.$transaction(async (tx) => {
      const before = await tx.user.findUnique({ where: { id }, include: userInclude });
      if (!before) throw new AppError("not_found");
      const current = {
        email: before.email,
        name: before.name,
        role: before.role,
        locale: before.locale,
        active: before.active,
        unitIds: before.memberships.map((m) => m.unit.id).sort(),
      };
      const wanted = {
        ...input,
        email: input.email?.toLowerCase(),
        unitIds: input.unitIds && [...new Set(input.unitIds)].sort(),
      };
      const changes = changedFields(current, wanted);
      if (Object.keys(changes).length === 0) return { user: before, accessChanged: false };

      const deactivating = changes.active !== undefined && input.active === false;
      if (deactivating && id === origin.actor?.id) throw new AppError("cannot_deactivate_self");
      if (before.role === "admin" && before.active && (deactivating || (changes.role && input.role !== "admin"))) {
        await assertAnotherAdminRemains(tx, id);
      }
      if (changes.unitIds) {
        await assertActiveUnits(tx, wanted.unitIds!);
        await tx.membership.deleteMany({ where: { userId: id } });
        await tx.membership.createMany({ data: wanted.unitIds!.map((unitId) => ({ userId: id, unitId })) });
      }
      const user = await tx.user.update({
        where: { id },
        data: { email: wanted.email, name: input.name, role: input.role, locale: input.locale, active: input.active },
        include: userInclude,
      });
      // A deactivated account keeps no session; any change of access re-authenticates open sockets.
      const changesAccess = deactivating || changes.role !== undefined || changes.unitIds !== undefined;
      if (deactivating) await tx.session.deleteMany({ where: { userId: id } });
      const action = deactivating
        ? "user.deactivate"
        : input.active === true && changes.active
          ? "user.reactivate"
          : "user.update";
      await recordAudit(tx, origin, {
        action,
        targetType: "User",
        targetId: id,
        unitId: user.memberships[0]?.unit.id,
        changes,
      });
      return { user, accessChanged: changesAccess };
    });
    if (accessChanged) services.events.emit("user.accessChanged", { userId: id });
    return user;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("email_taken", { field: "email" });
    throw error;
  }
}

/** Sets a temporary password, lifts any sign-in throttling and signs the user out everywhere. */
export async function resetUserPassword(
  services: Services,
  { origin, userId: id }: { origin: Origin; userId: string },
) {
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await services.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, include: userInclude });
    if (!user) throw new AppError("not_found");
    await tx.user.update({
      where: { id },
      data: { passwordHash, mustChangePassword: true, passwordChangedAt: new Date() },
    });
    await tx.session.deleteMany({ where: { userId: id } });
    await clearSignInFailures(tx, services.hasher, user.email);
    await recordAudit(tx, origin, {
      action: "user.reset_password",
      targetType: "User",
      targetId: id,
      unitId: user.memberships[0]?.unit.id,
    });
  });
  services.events.emit("user.accessChanged", { userId: id });
  return { temporaryPassword };
}
