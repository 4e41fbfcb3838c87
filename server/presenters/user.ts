import type { Actor } from "@server/auth/actor.js";
import type { Abilities } from "@server/policies/index.js";
import type { Role, Locale } from "@server/db/generated/enums.js";

type UserRecord = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  memberships: { unit: { id: string; name: string; type: string } }[];
};

/** A user as staff see it; the password hash and login counters never leave the server. */
export function presentUser(user: UserRecord) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    active: user.active,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    units: user.memberships.map(({ unit }) => ({ id: unit.id, name: unit.name, type: unit.type })),
  };
}

export function presentSession(
  actor: Actor,
  abilities: Abilities,
  csrfToken: string | undefined,
  instance: { simulatedChannels: boolean; publicBaseUrl: string },
) {
  return {
    instance,
    user: {
      id: actor.id,
      email: actor.email,
      name: actor.name,
      role: actor.role,
      locale: actor.locale,
      mustChangePassword: actor.mustChangePassword,
      units: actor.units.map(({ id, name, type }) => ({ id, name, type })),
    },
    abilities,
    csrfToken: csrfToken ?? null,
  };
}
