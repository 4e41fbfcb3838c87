import type { PpidLevel, SiteEntryKind, UnitType } from "@server/db/generated/enums.js";
import { type Attachments, loadAttachments } from "@server/presenters/siteEntry.js";
import { DIP_PATH, ppidProfilePath } from "@server/ppid/dip/paths.js";
import type { Services } from "@server/services.js";
import { type ContentOf, readContent } from "@server/sites/content.js";
import { lastUpdates } from "@server/sites/freshness.js";
import { hasSite, sitePath } from "@server/sites/slugs.js";

// What the public unit sites read: the unit behind an address or a host name, its published
// entries with their photos, and its desa for a kecamatan's overview.

type PublicServices = Pick<Services, "prisma" | "config">;

export type PublicUnit = {
  id: string;
  name: string;
  type: UnitType;
  slug: string | null;
  siteEnabled: boolean;
  siteHost: string | null;
  timezone: string;
  path: string;
  code: string | null;
  ppidLevel: PpidLevel | null;
  parent: { id: string; name: string; slug: string | null; type: UnitType } | null;
};

const PUBLIC_UNIT_SELECT = {
  id: true,
  name: true,
  type: true,
  slug: true,
  siteEnabled: true,
  siteHost: true,
  timezone: true,
  path: true,
  code: true,
  ppidLevel: true,
  parent: { select: { id: true, name: true, slug: true, type: true } },
} as const;

export type PublicEntry<K extends SiteEntryKind = SiteEntryKind> = {
  id: string;
  unitId: string;
  kind: K;
  content: ContentOf<K>;
  publishedAt: Date;
  verifiedBy: string | null;
  verifiedAt: Date | null;
};

/** The unit a site address names: /kecamatan/<k>[/<d>] or /dinas/<o>; null when none is public. */
export async function findSiteUnit(
  { prisma }: PublicServices,
  section: "kecamatan" | "dinas",
  slugs: [string] | [string, string],
): Promise<PublicUnit | null> {
  const top = await prisma.unit.findFirst({
    where: { slug: slugs[0], active: true, type: section === "kecamatan" ? "kecamatan" : "opd" },
    select: PUBLIC_UNIT_SELECT,
  });
  if (!top || !hasSite(top)) return null;
  if (slugs.length === 1) return top;
  const desa = await prisma.unit.findFirst({
    where: { parentId: top.id, slug: slugs[1], active: true, type: { in: ["desa", "kelurahan"] } },
    select: PUBLIC_UNIT_SELECT,
  });
  return desa;
}

/** The site a host name is mapped to, with its address on the main site. */
export async function findHostSite({ prisma }: PublicServices, host: string): Promise<{ path: string } | null> {
  const unit = await prisma.unit.findFirst({ where: { siteHost: host, active: true }, select: PUBLIC_UNIT_SELECT });
  const path = unit ? sitePath(unit) : null;
  return path ? { path } : null;
}

/** A kecamatan's desa and kelurahan that have sites. */
export async function childSites({ prisma }: PublicServices, unitId: string): Promise<PublicUnit[]> {
  return prisma.unit.findMany({
    where: { parentId: unitId, active: true, type: { in: ["desa", "kelurahan"] } },
    select: PUBLIC_UNIT_SELECT,
    orderBy: { name: "asc" },
  });
}

/** Published entries of these units, newest first, with the name of the unit that verified each. */
export async function publishedEntries<K extends SiteEntryKind>(
  services: PublicServices,
  { unitIds, kinds, id, take }: { unitIds: string[]; kinds?: K[]; id?: string; take?: number },
): Promise<{ entries: PublicEntry<K>[]; attachments: Attachments }> {
  const rows = await services.prisma.siteEntry.findMany({
    where: { unitId: { in: unitIds }, kind: kinds ? { in: kinds } : undefined, id, publishedAt: { not: null } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
  });
  const verifierIds = [
    ...new Set(
      rows.flatMap((row) =>
        row.verifiedByUnitId && row.verifiedByUnitId !== row.unitId ? [row.verifiedByUnitId] : [],
      ),
    ),
  ];
  const [verifiers, attachments] = await Promise.all([
    services.prisma.unit.findMany({ where: { id: { in: verifierIds } }, select: { id: true, name: true } }),
    loadAttachments(
      services,
      rows.map((row) => ({ kind: row.kind, published: row.published, draft: null })),
    ),
  ]);
  const names = new Map(verifiers.map((unit) => [unit.id, unit.name]));
  const entries = rows.flatMap((row) => {
    const content = readContent(row.kind, row.published);
    if (!content || !row.publishedAt) return [];
    const verifiedBy = row.verifiedByUnitId ? (names.get(row.verifiedByUnitId) ?? null) : null;
    return [
      {
        id: row.id,
        unitId: row.unitId,
        kind: row.kind as K,
        content: content as ContentOf<K>,
        publishedAt: row.publishedAt,
        verifiedBy,
        verifiedAt: verifiedBy ? row.verifiedAt : null,
      },
    ];
  });
  return { entries, attachments };
}

export { lastUpdates };

/**
 * Where a unit site's PPID link goes: the unit's own PPID profile when it is a PPID, else its
 * part of the DIP when it (or a unit below it) has published entries; null when there is neither.
 */
export async function ppidPathOf({ prisma }: PublicServices, unit: PublicUnit): Promise<string | null> {
  if (unit.ppidLevel) return ppidProfilePath(unit);
  const published = await prisma.dipItem.findFirst({
    where: { status: "published", unit: { path: { startsWith: unit.path } } },
    select: { id: true },
  });
  return published ? `${DIP_PATH}?unit=${encodeURIComponent(unit.code ?? unit.id)}` : null;
}

/** Every public unit site's front page with its last update, for the main sitemap. */
export async function siteSitemapEntries(services: PublicServices): Promise<{ url: string; publishedAt: Date }[]> {
  const units = (
    await services.prisma.unit.findMany({
      where: { active: true, type: { in: ["kecamatan", "desa", "kelurahan", "opd"] } },
      select: PUBLIC_UNIT_SELECT,
    })
  ).filter(hasSite);
  const updates = await lastUpdates(
    services.prisma,
    units.map((unit) => unit.id),
  );
  return units.flatMap((unit) => {
    const path = sitePath(unit);
    const at = updates.get(unit.id);
    return path && at ? [{ url: services.config.publicBaseUrl + path, publishedAt: at }] : [];
  });
}
