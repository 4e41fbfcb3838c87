import type { Actor } from "@server/auth/actor.js";
import { allow, and, or, type Subjects } from "./policy.js";
import { hasRole, inScope, noneOrInScope, role, seesAllUnits } from "./scope.js";

// The Daftar Informasi Publik (DIP): PPID staff keep the list of their unit and the units below
// it, the PPID Utama keeps every unit's, admins everywhere; humas read all of it. The published
// list is public on the website regardless of these rules.

/** A PPID officer of the PPID Utama: answers for the whole body's DIP (UU 14/2008, Perki 1/2021). */
export const isPpidUtama = (actor: Actor): boolean =>
  hasRole(actor, "ppid") && actor.units.some((unit) => unit.ppidLevel === "utama");

/** A draft: not yet public, so a desa operator's work can still be reviewed before it goes out. */
const isDraft = (_actor: Actor, item: Subjects["DipItem"] | undefined) => !item || item.status === "draft";

/** Keeps the DIP of the subject's unit: admins and the PPID Utama anywhere, other PPID staff in their scope. */
const keepsDip = or<"DipItem">(role("admin"), isPpidUtama, and(role("ppid"), noneOrInScope));

/**
 * A desa operator drafts the entries of their own desa (its government, BPD and BUM Desa keep
 * lists there under Perki 1/2018), as they draft the desa's pages. Drafts only: deciding that
 * information is public, and above all that it is excepted (a consequence test under Pasal 17),
 * is the PPID's decision, so the kecamatan's PPID (or the PPID Utama) reviews and publishes.
 */
const draftsForOwnDesa = and<"DipItem">(role("desa_operator"), noneOrInScope, isDraft);

// Lists are class-level; the listing itself is limited to dipScopePaths(actor).
allow("DipItem", "list", role("admin", "humas", "ppid", "desa_operator"));
allow("DipItem", "read", or(role("admin", "humas"), isPpidUtama, and(role("ppid", "desa_operator"), inScope)));
allow("DipItem", ["create", "update"], or(keepsDip, draftsForOwnDesa));
// Publishing and withdrawing make information public or take it down: the PPID's decision.
allow("DipItem", "publish", keepsDip);

// The PPID's own profile page: its staff and admins edit it; humas read it.
allow("PpidProfile", "read", or(role("admin", "humas"), isPpidUtama, and(role("ppid"), noneOrInScope)));
allow("PpidProfile", "update", or(role("admin"), isPpidUtama, and(role("ppid"), noneOrInScope)));

/** The paths of the units whose DIP entries the actor may list; null for every unit. */
export function dipScopePaths(actor: Actor): string[] | null {
  if (seesAllUnits(actor) || isPpidUtama(actor)) return null;
  return actor.units.map((unit) => unit.path);
}
