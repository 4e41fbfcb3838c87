import type { Prisma, PrismaClient } from "@server/db/client.js";
import type { CsvTable } from "@server/exports/csv.js";
import { PUBLISHED_POST_STATUSES } from "@server/publishing/postStatus.js";
import { hasSite, sitePath } from "./slugs.js";

// How current each unit site is: the last time something of it went public (an approved entry or
// an announcement addressed to it), and which sites have gone quiet for longer than admins allow.

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last public change of each of these units' sites; absent: never. */
export async function lastUpdates(prisma: PrismaClient, unitIds: string[]): Promise<Map<string, Date>> {
  const [entries, posts] = await Promise.all([
    prisma.siteEntry.groupBy({
      by: ["unitId"],
      where: { unitId: { in: unitIds }, publishedAt: { not: null } },
      _max: { publishedAt: true },
    }),
    prisma.post.groupBy({
      by: ["siteUnitId"],
      where: { siteUnitId: { in: unitIds }, status: { in: [...PUBLISHED_POST_STATUSES] }, publishedAt: { not: null } },
      _max: { publishedAt: true },
    }),
  ]);
  const latest = new Map<string, Date>();
  const keep = (unitId: string | null, at: Date | null) => {
    if (!unitId || !at) return;
    const known = latest.get(unitId);
    if (!known || known < at) latest.set(unitId, at);
  };
  for (const row of entries) keep(row.unitId, row._max.publishedAt);
  for (const row of posts) keep(row.siteUnitId, row._max.publishedAt);
  return latest;
}

export type FreshnessRow = {
  unit: { id: string; name: string; type: string };
  kecamatan: { id: string; name: string } | null;
  sitePath: string | null;
  lastUpdatedAt: string | null;
  /** Whole days since the last update; null: never updated. */
  daysSince: number | null;
  stale: boolean;
};

export type LeagueRow = {
  kecamatan: { id: string; name: string };
  desaCount: number;
  freshCount: number;
  /** Share of its desa and its own site that are fresh, 0–1. */
  freshShare: number;
  kecamatanStale: boolean;
};

/** Every site in `scope` (a Unit filter) with its freshness, stalest first, and the kecamatan league. */
export async function freshnessReport(
  prisma: PrismaClient,
  {
    scope,
    staleAfterDays,
    now = new Date(),
  }: { scope: Prisma.UnitWhereInput | undefined; staleAfterDays: number; now?: Date },
): Promise<{ staleAfterDays: number; sites: FreshnessRow[]; league: LeagueRow[] }> {
  const units = (
    await prisma.unit.findMany({
      where: { active: true, type: { in: ["kecamatan", "desa", "kelurahan", "opd"] }, ...(scope ?? {}) },
      select: {
        id: true,
        name: true,
        type: true,
        slug: true,
        siteEnabled: true,
        parent: { select: { id: true, name: true, slug: true, type: true } },
      },
      orderBy: { name: "asc" },
    })
  ).filter(hasSite);
  const updates = await lastUpdates(
    prisma,
    units.map((unit) => unit.id),
  );
  const sites = units.map((unit): FreshnessRow => {
    const at = updates.get(unit.id) ?? null;
    const daysSince = at ? Math.floor((now.getTime() - at.getTime()) / DAY_MS) : null;
    return {
      unit: { id: unit.id, name: unit.name, type: unit.type },
      kecamatan: unit.parent?.type === "kecamatan" ? { id: unit.parent.id, name: unit.parent.name } : null,
      sitePath: sitePath(unit),
      lastUpdatedAt: at?.toISOString() ?? null,
      daysSince,
      stale: daysSince === null || daysSince >= staleAfterDays,
    };
  });
  sites.sort((a, b) => (b.daysSince ?? Number.MAX_SAFE_INTEGER) - (a.daysSince ?? Number.MAX_SAFE_INTEGER));
  return { staleAfterDays, sites, league: league(sites) };
}

/** The sites' freshness as a spreadsheet, one site a row. */
export function freshnessTable(sites: FreshnessRow[]): CsvTable {
  return {
    rows: sites.map((site) => ({
      unit: site.unit.name,
      type: site.unit.type,
      kecamatan: site.kecamatan?.name ?? "",
      site: site.sitePath ?? "",
      lastUpdatedAt: site.lastUpdatedAt ?? "",
      daysSince: site.daysSince ?? "",
      stale: site.stale,
    })),
    columns: ["unit", "type", "kecamatan", "site", "lastUpdatedAt", "daysSince", "stale"],
    values: { type: "unitType" },
  };
}

/** Kecamatan ranked by the share of their sites (their own and their desa's) kept fresh. */
function league(sites: FreshnessRow[]): LeagueRow[] {
  const rows = new Map<string, LeagueRow>();
  for (const site of sites) {
    const kecamatan = site.unit.type === "kecamatan" ? { id: site.unit.id, name: site.unit.name } : site.kecamatan;
    if (!kecamatan) continue;
    const row = rows.get(kecamatan.id) ?? {
      kecamatan,
      desaCount: 0,
      freshCount: 0,
      freshShare: 0,
      kecamatanStale: false,
    };
    if (site.unit.type === "kecamatan") row.kecamatanStale = site.stale;
    else row.desaCount++;
    if (!site.stale) row.freshCount++;
    rows.set(kecamatan.id, row);
  }
  return [...rows.values()]
    .map((row) => ({ ...row, freshShare: row.freshCount / (row.desaCount + 1) }))
    .sort((a, b) => b.freshShare - a.freshShare || a.kecamatan.name.localeCompare(b.kecamatan.name));
}
