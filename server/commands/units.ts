import { randomUUID } from "node:crypto";
import { changedFields, recordAudit, type Origin } from "@server/audit/record.js";
import type { Prisma, PrismaClient } from "@server/db/client.js";
import type { PpidLevel, UnitType } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import { isUniqueViolation } from "@server/db/errors.js";
import { uniqueSlug } from "@server/sites/slugs.js";

// Which unit types may sit directly below which: null is the top of the tree.
const ALLOWED_PARENTS: Record<UnitType, (UnitType | null)[]> = {
  kabupaten: [null],
  opd: ["kabupaten", "opd"],
  kecamatan: ["kabupaten"],
  desa: ["kecamatan"],
  kelurahan: ["kecamatan"],
};

export type UnitInput = {
  name: string;
  type: UnitType;
  parentId: string | null;
  code?: string | null;
  timezone?: string;
};
export type UnitChanges = Partial<Pick<UnitInput, "name" | "parentId" | "code" | "timezone">> & {
  active?: boolean;
  /** PPID Utama (one per body) or Pelaksana; null: not a PPID. */
  ppidLevel?: PpidLevel | null;
  /** The atasan PPID who answers the unit's objections. */
  ppidSuperiorId?: string | null;
};

/** A unit's PPID settings: one PPID Utama in the body, an active user as atasan PPID. */
async function checkPpidChanges(tx: Prisma.TransactionClient, unitId: string, input: UnitChanges): Promise<void> {
  if (input.ppidLevel === "utama") {
    const other = await tx.unit.findFirst({ where: { ppidLevel: "utama", id: { not: unitId } }, select: { id: true } });
    if (other) throw new AppError("ppid_utama_taken", { field: "ppidLevel" });
  }
  if (input.ppidSuperiorId) {
    const superior = await tx.user.findUnique({ where: { id: input.ppidSuperiorId }, select: { active: true } });
    if (!superior?.active) throw new AppError("not_found", { field: "ppidSuperiorId" });
  }
}

async function loadParent(tx: Prisma.TransactionClient, type: UnitType, parentId: string | null) {
  const parent = parentId ? await tx.unit.findUnique({ where: { id: parentId } }) : null;
  if (parentId && !parent) throw new AppError("invalid_unit_parent", { field: "parentId" });
  if (!ALLOWED_PARENTS[type].includes(parent?.type ?? null))
    throw new AppError("invalid_unit_parent", { field: "parentId" });
  if (parent && !parent.active) throw new AppError("unit_inactive", { field: "parentId" });
  return parent;
}

export async function createUnit(prisma: PrismaClient, { origin, unit: input }: { origin: Origin; unit: UnitInput }) {
  try {
    return await prisma.$transaction(async (tx) => {
      const parent = await loadParent(tx, input.type, input.parentId);
      const id = randomUUID();
      const unit = await tx.unit.create({
        data: {
          id,
          name: input.name,
          type: input.type,
          code: input.code ?? null,
          parentId: parent?.id ?? null,
          slug: await uniqueSlug(tx, parent?.id ?? null, input.name),
          path: `${parent?.path ?? "/"}${id}/`,
          timezone: input.timezone ?? parent?.timezone ?? "Asia/Jakarta",
        },
      });
      await recordAudit(tx, origin, {
        action: "unit.create",
        targetType: "Unit",
        targetId: unit.id,
        unitId: unit.id,
        changes: {
          name: unit.name,
          type: unit.type,
          parentId: unit.parentId,
          code: unit.code,
          timezone: unit.timezone,
        },
      });
      return unit;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("unit_code_taken", { field: "code" });
    throw error;
  }
}

export async function updateUnit(
  prisma: PrismaClient,
  { origin, unitId: id, changes: input }: { origin: Origin; unitId: string; changes: UnitChanges },
) {
  try {
    return await prisma.$transaction(async (tx) => {
      const unit = await tx.unit.findUnique({ where: { id } });
      if (!unit) throw new AppError("not_found");
      const changes = changedFields(unit, input);
      if (Object.keys(changes).length === 0) return unit;

      let path = unit.path;
      let slug = unit.slug;
      if ("parentId" in changes) {
        const parent = await loadParent(tx, unit.type, input.parentId ?? null);
        if (parent?.path.startsWith(unit.path)) throw new AppError("unit_cycle", { field: "parentId" });
        path = `${parent?.path ?? "/"}${unit.id}/`;
        // Move the whole subtree: every descendant's path starts with the old path.
        await tx.$executeRaw`UPDATE "Unit" SET "path" = ${path} || substring("path" from ${unit.path.length + 1}::int)
                              WHERE "path" LIKE ${`${unit.path}%`} AND "id" <> ${unit.id}::uuid`;
        // Its site's address stays unique among its new siblings ("sungai-mawang-2" beside another).
        if (unit.slug) slug = await uniqueSlug(tx, parent?.id ?? null, unit.slug, unit.id);
        if (slug !== unit.slug) changes.slug = { from: unit.slug, to: slug };
      }
      await checkPpidChanges(tx, unit.id, input);
      if (input.active === false) {
        const activeChildren = await tx.unit.count({ where: { parentId: unit.id, active: true } });
        if (activeChildren > 0) throw new AppError("unit_has_active_children");
      }
      const updated = await tx.unit.update({
        where: { id },
        data: {
          name: input.name,
          code: input.code,
          timezone: input.timezone,
          parentId: input.parentId,
          active: input.active,
          ppidLevel: input.ppidLevel,
          ppidSuperiorId: input.ppidSuperiorId,
          path,
          slug,
        },
      });
      const action =
        input.active === false ? "unit.deactivate" : input.active === true ? "unit.reactivate" : "unit.update";
      await recordAudit(tx, origin, { action, targetType: "Unit", targetId: id, unitId: id, changes });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("unit_code_taken", { field: "code" });
    throw error;
  }
}
