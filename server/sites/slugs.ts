import type { Prisma } from "@server/db/client.js";
import type { UnitType } from "@server/db/generated/enums.js";
import type { Services } from "@server/services.js";

// A unit site's address segment: from the name without the word for its type ("Kecamatan Kapuas"
// → "kapuas", "Desa Sungai Mawang" → "sungai-mawang"), unique among its siblings.

const TYPE_WORDS = /^(kecamatan|desa|kelurahan|dinas|badan|kantor)\s+/i;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(TYPE_WORDS, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return base || "unit";
}

type Tx = Pick<Prisma.TransactionClient, "unit">;

/** The name's slug, with -2, -3... when a sibling already has it. */
export async function uniqueSlug(
  tx: Tx,
  parentId: string | null,
  name: string,
  exceptUnitId?: string,
): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (
      await tx.unit.findMany({
        where: { parentId, slug: { startsWith: base }, ...(exceptUnitId ? { id: { not: exceptUnitId } } : {}) },
        select: { slug: true },
      })
    ).map((unit) => unit.slug),
  );
  return freeSlug(base, taken);
}

/** The base, or base-2, base-3... whichever is not taken yet. */
export function freeSlug(base: string, taken: ReadonlySet<string | null>): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Units without a slug (made before sites existed, or imported) get one; run at start-up. */
export async function ensureUnitSlugs(services: Pick<Services, "prisma">): Promise<number> {
  const { prisma } = services;
  const missing = await prisma.unit.findMany({
    where: { slug: null },
    select: { id: true, name: true, parentId: true },
    orderBy: { createdAt: "asc" },
  });
  for (const unit of missing) {
    await prisma.$transaction(async (tx) => {
      await tx.unit.update({
        where: { id: unit.id },
        data: { slug: await uniqueSlug(tx, unit.parentId, unit.name, unit.id) },
      });
    });
  }
  return missing.length;
}

/** Kecamatan, desa and kelurahan always have a site; an OPD when admins enable it. */
export function hasSite(unit: { type: UnitType; siteEnabled: boolean }): boolean {
  return (
    unit.type === "kecamatan" ||
    unit.type === "desa" ||
    unit.type === "kelurahan" ||
    (unit.type === "opd" && unit.siteEnabled)
  );
}

/** "/kecamatan/kapuas", "/kecamatan/kapuas/sungai-mawang", "/dinas/pupr"; null without a site. */
export function sitePath(unit: {
  type: UnitType;
  slug: string | null;
  siteEnabled: boolean;
  parent?: { slug: string | null } | null;
}): string | null {
  if (!hasSite(unit) || !unit.slug) return null;
  if (unit.type === "kecamatan") return `/kecamatan/${unit.slug}`;
  if (unit.type === "opd") return `/dinas/${unit.slug}`;
  if (!unit.parent?.slug) return null;
  return `/kecamatan/${unit.parent.slug}/${unit.slug}`;
}
