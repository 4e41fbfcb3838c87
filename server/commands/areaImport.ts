import { randomUUID } from "node:crypto";
import { recordAudit, type Origin } from "@server/audit/record.js";
import { withoutAdministrativeWord } from "@server/areas/names.js";
import { loadRegionTree, type OfficialArea, type RegionTree, UnknownRegionError } from "@server/areas/officialAreas.js";
import type { Prisma, PrismaClient } from "@server/db/client.js";
import type { Unit } from "@server/db/generated/client.js";
import { AREA_IMPORT_LOCK_KEY } from "@server/db/locks.js";
import { AppError } from "@server/errors.js";
import { isUniqueViolation } from "@server/db/errors.js";
import { freeSlug, slugify } from "@server/sites/slugs.js";

type Tx = Prisma.TransactionClient;

/** What importing does with one official area: already there, a hand-made unit that takes its code, new, or left out. */
export type AreaImportStep = OfficialArea & {
  action: "exists" | "adopt" | "create" | "skip";
  /** The unit that is (or becomes) the area; null for those created or left out. */
  unitId: string | null;
};
export type AreaImportPlan = { region: Omit<RegionTree, "areas">; parent: Unit; steps: AreaImportStep[] };

const sameArea = (unitName: string, officialName: string) =>
  withoutAdministrativeWord(unitName).toLocaleLowerCase("id") === officialName.toLocaleLowerCase("id");
const isVillage = (type: string) => type === "desa" || type === "kelurahan";

async function regionTree(code: string): Promise<RegionTree> {
  try {
    return await loadRegionTree(code);
  } catch (error) {
    if (error instanceof UnknownRegionError) throw new AppError("unknown_region", { field: "region" });
    throw error;
  }
}

/**
 * What importing the kabupaten/kota `regionCode` below the unit `parentId` would do. Areas are
 * found by official code wherever they are in the tree; a unit typed in by hand, without a code,
 * becomes the official area of its name below the same parent; an area below an inactive unit is
 * left out.
 */
export async function planAreaImport(
  tx: Tx,
  { regionCode, parentId }: { regionCode: string; parentId: string },
): Promise<AreaImportPlan> {
  const { areas, ...region } = await regionTree(regionCode);
  const parent = await tx.unit.findUnique({ where: { id: parentId } });
  if (!parent) throw new AppError("not_found", { field: "parentId" });
  if (parent.type !== "kabupaten") throw new AppError("region_import_parent", { field: "parentId" });
  if (!parent.active) throw new AppError("unit_inactive", { field: "parentId" });
  if (parent.areaCode && parent.areaCode !== region.code) throw new AppError("region_mismatch", { field: "region" });
  const holder = await tx.unit.findUnique({ where: { areaCode: region.code }, select: { id: true } });
  if (holder && holder.id !== parent.id) throw new AppError("region_elsewhere", { field: "region" });

  const official = await tx.unit.findMany({ where: { areaCode: { startsWith: `${region.code}.` } } });
  const byCode = new Map(official.map((unit) => [unit.areaCode!, unit]));
  const handMade = await tx.unit.findMany({
    where: { areaCode: null, type: { in: ["kecamatan", "desa", "kelurahan"] }, path: { startsWith: parent.path } },
  });
  // Where each area's unit is (or will be): its id and whether it is active, by area code.
  const placed = new Map<string, { id: string | null; active: boolean }>([
    [region.code, { id: parent.id, active: true }],
  ]);
  const adopted = new Set<string>();
  const steps = areas.map((area): AreaImportStep => {
    const parentUnit = placed.get(area.parentCode);
    const existing = byCode.get(area.code);
    if (existing) {
      placed.set(area.code, { id: existing.id, active: existing.active });
      return { ...area, action: "exists", unitId: existing.id };
    }
    if (!parentUnit?.active) {
      placed.set(area.code, { id: null, active: false });
      return { ...area, action: "skip", unitId: null };
    }
    const match = handMade.find(
      (unit) =>
        !adopted.has(unit.id) &&
        unit.parentId === parentUnit.id &&
        (unit.type === area.type || (isVillage(unit.type) && isVillage(area.type))) &&
        sameArea(unit.name, area.officialName),
    );
    if (match) {
      adopted.add(match.id);
      placed.set(area.code, { id: match.id, active: match.active });
      return { ...area, action: "adopt", unitId: match.id };
    }
    placed.set(area.code, { id: null, active: true });
    return { ...area, action: "create", unitId: null };
  });
  return { region, parent, steps };
}

export type AreaImportResult = { region: string; created: number; adopted: number; existing: number; skipped: number };

/**
 * Creates the official areas of a kabupaten/kota that are missing below `parentId` (kecamatan,
 * then their desa and kelurahan), in one transaction with one audit event: running it again
 * changes nothing. `unitCodes` gives some areas a unit code (the demo's "kec-kapuas").
 */
export async function importAreas(
  prisma: PrismaClient,
  props: { origin: Origin; regionCode: string; parentId: string; unitCodes?: Record<string, string> },
): Promise<AreaImportResult> {
  try {
    return await importInTransaction(prisma, props);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("unit_code_taken", { field: "code" });
    throw error;
  }
}

function importInTransaction(
  prisma: PrismaClient,
  props: { origin: Origin; regionCode: string; parentId: string; unitCodes?: Record<string, string> },
): Promise<AreaImportResult> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${AREA_IMPORT_LOCK_KEY}::bigint)) AS l`;
      const { region, parent, steps } = await planAreaImport(tx, props);
      // Each area's unit (by area code): where new children go, and the time zone they inherit.
      const units = new Map<string, { id: string; path: string; timezone: string }>([[region.code, parent]]);
      const codeOfUnit = new Map(steps.flatMap((step) => (step.unitId ? [[step.unitId, step.code] as const] : [])));
      for (const unit of await tx.unit.findMany({
        where: { id: { in: [...codeOfUnit.keys()] } },
        select: { id: true, path: true, timezone: true },
      }))
        units.set(codeOfUnit.get(unit.id)!, unit);

      const created: Prisma.UnitCreateManyInput[] = [];
      // Imported units get their site's slug at once, unique among their siblings old and new.
      const siblingSlugs = new Map<string, Set<string | null>>();
      const slugFor = async (parentId: string, name: string) => {
        let taken = siblingSlugs.get(parentId);
        if (!taken) {
          const siblings = await tx.unit.findMany({ where: { parentId }, select: { slug: true } });
          taken = new Set(siblings.map((sibling) => sibling.slug));
          siblingSlugs.set(parentId, taken);
        }
        const slug = freeSlug(slugify(name), taken);
        taken.add(slug);
        return slug;
      };
      for (const step of steps) {
        if (step.action === "adopt") {
          await tx.unit.update({
            where: { id: step.unitId! },
            data: { areaCode: step.code, officialName: step.officialName, type: step.type },
          });
        }
        if (step.action !== "create") continue;
        const parentUnit = units.get(step.parentCode)!;
        const id = randomUUID();
        const unit = { id, path: `${parentUnit.path}${id}/`, timezone: parentUnit.timezone };
        units.set(step.code, unit);
        created.push({
          ...unit,
          name: step.name,
          type: step.type,
          code: props.unitCodes?.[step.code] ?? null,
          areaCode: step.code,
          officialName: step.officialName,
          parentId: parentUnit.id,
          slug: await slugFor(parentUnit.id, step.name),
        });
      }
      // Parents come before their children, so one statement can hold them all.
      await tx.unit.createMany({ data: created });
      if (!parent.areaCode) {
        await tx.unit.update({
          where: { id: parent.id },
          data: { areaCode: region.code, officialName: region.officialName },
        });
      }
      const count = (action: AreaImportStep["action"]) => steps.filter((step) => step.action === action).length;
      const result = {
        region: region.code,
        created: count("create"),
        adopted: count("adopt"),
        existing: count("exists"),
        skipped: count("skip"),
      };
      await recordAudit(tx, props.origin, {
        action: "unit.import",
        targetType: "Unit",
        targetId: parent.id,
        unitId: parent.id,
        changes: {
          ...result,
          adoptedUnits: steps.filter((step) => step.action === "adopt").map((step) => [step.unitId, step.code]),
        },
      });
      return result;
    },
    { timeout: 60_000 },
  );
}
