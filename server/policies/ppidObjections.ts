import type { Actor } from "@server/auth/actor.js";
import type { Prisma } from "@server/db/client.js";
import { allow, and, or } from "./policy.js";
import { isPpidUtama } from "./dipItems.js";
import { isPpidSuperior, ownUnitsWhere } from "./ppidRequests.js";
import { hasRole, inScope, role } from "./scope.js";

// Objections: read like their requests; the atasan PPID of the PPID holding the case answers in
// writing; that PPID (or the PPID Utama) registers paper objections and records the dispute at
// the Komisi Informasi.

const ppidOfCase = and<"PpidObjection">(role("ppid"), inScope);

allow("PpidObjection", "list", role("admin", "ppid", "leader"));
allow("PpidObjection", "read", or(role("admin"), isPpidUtama, ppidOfCase, isPpidSuperior));
allow("PpidObjection", "handle", or(isPpidUtama, ppidOfCase));
// The written answer is the atasan PPID's own.
allow("PpidObjection", "answer", isPpidSuperior);

/** The objections a person's lists hold: as for requests, plus those the person answers as atasan PPID. */
export function ppidObjectionListWhere(actor: Actor): Prisma.PpidObjectionWhereInput {
  if (hasRole(actor, "admin") || isPpidUtama(actor)) return {};
  const asSuperior: Prisma.PpidObjectionWhereInput = { request: { unit: { ppidSuperiorId: actor.id } } };
  return hasRole(actor, "ppid") ? { OR: [{ request: { unit: ownUnitsWhere(actor) } }, asSuperior] } : asSuperior;
}
