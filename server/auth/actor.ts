import type { ApiTokenScope, PpidLevel, Role } from "@server/db/generated/enums.js";
import type { Locale } from "@server/i18n/locale.js";

/** Who is making a request: the user, the units they belong to, and how they signed in. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  mustChangePassword: boolean;
  /** Units the user is a member of, with their materialised paths (the root of their scope) and PPID level. */
  units: ActorUnit[];
  via: "session" | "token";
  sessionId?: string;
  /** A request made with a personal API token: what the token allows (server/auth/tokenScopes.ts). */
  token?: ActorToken;
};

/** unitLimited: `units` holds only the token's unit limit, and no role sees beyond it. */
export type ActorToken = { id: string; scopes: ApiTokenScope[]; unitLimited: boolean };

export type ActorUnit = { id: string; name: string; type: string; path: string; ppidLevel: PpidLevel | null };

export const actorUnitSelect = { id: true, name: true, type: true, path: true, ppidLevel: true } as const;

export const actorInclude = { memberships: { include: { unit: { select: actorUnitSelect } } } } as const;

type UserWithUnits = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  mustChangePassword: boolean;
  memberships: { unit: ActorUnit }[];
};

export function toActor(user: UserWithUnits, via: Actor["via"], sessionId?: string): Actor {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    mustChangePassword: user.mustChangePassword,
    units: user.memberships.map((m) => m.unit),
    via,
    sessionId,
  };
}
