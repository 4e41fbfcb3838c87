import type { Actor } from "@server/auth/actor.js";
import type { Prisma } from "@server/db/client.js";
import { isPpidUtama } from "./dipItems.js";
import { allow, and, or } from "./policy.js";
import { hasRole, inScope, isInScope, role } from "./scope.js";

// PPID requests: the officers of a PPID unit work its requests (and those of the units below it);
// the PPID Utama sees every request and forwards (disposisi) each to the PPID Pelaksana that holds
// the information; admins administer (read, forward) without deciding; the atasan PPID reads the
// requests whose objections they answer.

/** The atasan PPID of the unit handling the case. */
export const isPpidSuperior = (actor: Actor, subject: { superiorId: string | null } | undefined): boolean =>
  !!subject && subject.superiorId === actor.id;

/** A ppid officer whose units hold the case (or a unit above it). */
const handlesCase = and<"PpidRequest">(role("ppid"), inScope);

allow("PpidRequest", "list", role("admin", "ppid"));
allow("PpidRequest", "read", or(role("admin"), isPpidUtama, handlesCase, isPpidSuperior));
// Staff register requests that came in person, by phone, letter or e-mail: into their own PPID, the Utama anywhere.
allow(
  "PpidRequest",
  "create",
  or(
    role("admin"),
    isPpidUtama,
    (actor, target) => hasRole(actor, "ppid") && (!target || isInScope(actor, target.unitPath)),
  ),
);
// Extend, decide, deliver files, redact, register a paper objection: the PPID holding the case.
allow("PpidRequest", "handle", handlesCase);
allow("PpidRequest", "forward", or(role("admin"), isPpidUtama));
// The full identity number: only the PPID holding the case, not even admins or the PPID Utama after forwarding.
allow("PpidRequest", "readIdentity", handlesCase);

/** The units of the actor and those below them, as a filter on Unit. */
export const ownUnitsWhere = (actor: Actor): Prisma.UnitWhereInput => ({
  OR: actor.units.map((unit) => ({ path: { startsWith: unit.path } })),
});

/** The requests a person's lists hold: every one for admins and the PPID Utama, else their PPID units' and below. */
export function ppidRequestListWhere(actor: Actor): Prisma.PpidRequestWhereInput {
  if (hasRole(actor, "admin") || isPpidUtama(actor)) return {};
  return { unit: ownUnitsWhere(actor) };
}
