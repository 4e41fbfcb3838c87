import type { Actor } from "@server/auth/actor.js";
import type { Prisma, PrismaClient } from "@server/db/client.js";
import { AppError } from "@server/errors.js";
import type { Subjects } from "@server/policies/policy.js";
import { hasSite } from "./slugs.js";

type Reader = Pick<Prisma.TransactionClient, "unit"> | PrismaClient;

export const SITE_UNIT_SELECT = {
  id: true,
  name: true,
  type: true,
  path: true,
  slug: true,
  siteEnabled: true,
  siteHost: true,
  siteReviewRequired: true,
  parentId: true,
  timezone: true,
  active: true,
  parent: { select: { id: true, name: true, slug: true, type: true } },
} satisfies Prisma.UnitSelect;

export type SiteUnit = Prisma.UnitGetPayload<{ select: typeof SITE_UNIT_SELECT }>;

/** A unit that has a site, or a 400/404 saying why not. */
export async function loadSiteUnit(prisma: Reader, unitId: string, field = "unitId"): Promise<SiteUnit> {
  const unit = await prisma.unit.findUnique({ where: { id: unitId }, select: SITE_UNIT_SELECT });
  if (!unit) throw new AppError("not_found", { field });
  if (!hasSite(unit)) throw new AppError("site_not_available", { field });
  return unit;
}

/** What the SiteEntry policy needs to know about an entry's unit. */
export function entrySubject(unit: Pick<SiteUnit, "path" | "type" | "siteReviewRequired">): Subjects["SiteEntry"] {
  return { unitPath: unit.path, unitType: unit.type, reviewRequired: unit.siteReviewRequired };
}

/**
 * The unit that vouches for an approval: the reviewer's own unit above the entry's (the desa's
 * kecamatan), else the top of the tree (the kabupaten, for humas and admins).
 */
export async function verifyingUnitId(prisma: Reader, actor: Actor, unitPath: string): Promise<string | null> {
  const above = actor.units
    .filter((unit) => unitPath.startsWith(unit.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (above) return above.id;
  const root = await prisma.unit.findFirst({
    where: { parentId: null },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return root?.id ?? null;
}
