import type { Actor } from "@server/auth/actor.js";
import { Role } from "@server/db/generated/enums.js";
import { can } from "@server/policies/index.js";
import type { Action, Model, Subjects } from "@server/policies/policy.js";

const ACTOR_ID = "00000000-0000-4000-8000-000000000001";
const UNIT_ID = "00000000-0000-4000-8000-000000000002";

/** A user of `role` whose unit covers every path: scope rules hold, only the role decides. */
function actorOf(role: Role): Actor {
  return {
    id: ACTOR_ID,
    email: "reference@siar.invalid",
    name: "Reference",
    role,
    locale: "en",
    mustChangePassword: false,
    units: [{ id: UNIT_ID, name: "Reference", type: "kabupaten", path: "", ppidLevel: "utama" }],
    via: "token",
  };
}

/** A record in the actor's scope, written by them, in draft, with the fields every model's rules read. */
const ownRecord = {
  id: ACTOR_ID,
  path: "",
  unitPath: "",
  unitPaths: [""],
  authorId: ACTOR_ID,
  userId: ACTOR_ID,
  superiorId: UNIT_ID,
  status: "draft",
  unitType: "desa",
  reviewRequired: false,
  informedUnitPath: null,
  to: "kominfo",
} as unknown as Subjects[Model];

/**
 * The roles the policy lets do `action` on `model`, asked the way the rules are written: at all
 * (no record), or on a record of the caller's own units. The reference lists these; which
 * records a role reaches is still limited to its units (server/policies/scope.ts).
 */
export function rolesAllowed(action: Action, model: Model): Role[] {
  return Object.values(Role).filter((role) => {
    const actor = actorOf(role);
    return can(actor, action, model) || can(actor, action, model, ownRecord);
  });
}
