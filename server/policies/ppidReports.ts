import type { Actor } from "@server/auth/actor.js";
import type { Prisma } from "@server/db/client.js";
import { allow, and, or, type Subjects } from "./policy.js";
import { isPpidUtama } from "./dipItems.js";
import { ownUnitsWhere } from "./ppidRequests.js";
import { hasRole, isInScope, role } from "./scope.js";

// PPID figures, registers, the annual report and the self-assessment, of one PPID unit or of the
// whole body (the root unit's path): leaders read their units' figures, PPID staff keep them.

type Report = Subjects["PpidReport"] | undefined;
/** The unit (or body) is the actor's, or below one of theirs; the PPID Utama covers the whole body. */
const covers = (actor: Actor, report: Report) => !report || isPpidUtama(actor) || isInScope(actor, report.unitPath);

allow("PpidReport", "read", and(role("admin", "humas", "leader", "ppid"), covers));
// The prose of the annual report: the unit's PPID, the PPID Utama, admins.
allow("PpidReport", "update", or(role("admin"), and(role("ppid"), covers)));
// The registers carry applicants' names and addresses: PPID staff and admins only.
allow("PpidReport", "export", or(role("admin"), and(role("ppid"), covers)));

/** The requests whose figures a person reads: every one for admins, humas and the PPID Utama, else their units' and below. */
export function ppidFigureScopeWhere(actor: Actor): Prisma.PpidRequestWhereInput {
  if (hasRole(actor, "admin", "humas") || isPpidUtama(actor)) return {};
  return { unit: ownUnitsWhere(actor) };
}
