import type { Actor } from "@server/auth/actor.js";
import type { Role } from "@server/db/generated/enums.js";

// Roles that see every unit's data; the others see their units and everything below them.
const ROLES_SEEING_ALL: readonly Role[] = ["admin", "humas"];

/** A token limited to one unit sees that unit's subtree only, whatever the role. */
export function seesAllUnits(actor: Actor): boolean {
  return ROLES_SEEING_ALL.includes(actor.role) && !actor.token?.unitLimited;
}

/** Whether a unit (by materialised path) is one of the actor's units or below one. */
export function isInScope(actor: Actor, unitPath: string): boolean {
  return seesAllUnits(actor) || actor.units.some((unit) => unitPath.startsWith(unit.path));
}

/** A Prisma filter on Unit selecting the actor's scope; undefined means no restriction. */
export function unitScopeWhere(actor: Actor): { OR: { path: { startsWith: string } }[] } | undefined {
  if (seesAllUnits(actor)) return undefined;
  return { OR: actor.units.map((unit) => ({ path: { startsWith: unit.path } })) };
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.includes(actor.role);
}

/** A rule part: the actor has one of these roles. */
export const role =
  (...roles: Role[]) =>
  (actor: Actor): boolean =>
    hasRole(actor, ...roles);

/** A rule part: the record belongs to one of the actor's units or a unit below (a missing record: no). */
export const inScope = (actor: Actor, subject: { unitPath: string } | undefined): boolean =>
  !!subject && isInScope(actor, subject.unitPath);

/** A rule part: a class-level question (no record given), or the record is in the actor's scope. */
export const noneOrInScope = (actor: Actor, subject: { unitPath: string } | undefined): boolean =>
  !subject || isInScope(actor, subject.unitPath);
