import type { Actor } from "@server/auth/actor.js";
import { allow, and, or, type Subjects } from "./policy.js";
import { inScope, noneOrInScope, role } from "./scope.js";

// Unit sites: desa operators draft their desa's pages, the kecamatan reviews them; kecamatan and
// OPD staff publish their own pages unless admins require the kabupaten humas's review.

type Entry = Subjects["SiteEntry"] | undefined;

const isDesaEntry = (_actor: Actor, entry: Entry) => !!entry && ["desa", "kelurahan"].includes(entry.unitType);

/** The entry's unit lies strictly below the actor's own units: a kecamatan's staff over its desa. */
const isAboveEntryUnit = (actor: Actor, entry: Entry) =>
  !!entry && !actor.units.some((unit) => unit.path === entry.unitPath);

/** A kecamatan's or OPD's own page that no kabupaten review is required for. */
const publishesOwnPages = (_actor: Actor, entry: Entry) =>
  !!entry && !["desa", "kelurahan"].includes(entry.unitType) && !entry.reviewRequired;

// Everyone who writes or reviews a site sees the entries of their scope.
allow("SiteEntry", "list", role("admin", "humas", "officer", "leader", "desa_operator"));
allow("SiteEntry", "read", and(role("admin", "humas", "officer", "leader", "desa_operator"), inScope));

// Drafts and photos: by staff of the unit or above it; a desa operator only on its desa (its only
// unit), never on the kecamatan above.
allow(
  "SiteEntry",
  "update",
  and(
    role("admin", "humas", "officer", "leader", "desa_operator"),
    noneOrInScope,
    or(role("admin", "humas", "officer", "leader"), (actor, entry) => !entry || isDesaEntry(actor, entry)),
  ),
);

// Approve, return or edit what waits: humas and admins anywhere; a kecamatan's officers and camat
// for its desa; kecamatan and OPD staff publish their own pages when no kabupaten review is
// required. Desa operators never publish.
allow(
  "SiteEntry",
  "approve",
  or(
    and(role("admin", "humas"), noneOrInScope),
    and(role("officer", "leader"), (_actor, entry) => !entry),
    and(role("officer", "leader"), inScope, isDesaEntry, isAboveEntryUnit),
    and(role("officer", "leader"), inScope, publishesOwnPages),
  ),
);
