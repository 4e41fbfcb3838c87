import { recordAudit, type Origin } from "@server/audit/record.js";
import type { Prisma, PrismaClient } from "@server/db/client.js";
import type { Unit } from "@server/db/generated/client.js";
import { AppError } from "@server/errors.js";
import { isUniqueViolation } from "@server/db/errors.js";

type Tx = Prisma.TransactionClient;

/**
 * Columns that hold a unit's id without a foreign key (places and routing targets). Every other
 * reference to a unit is a foreign key and is found in the database's catalogue, so tables added
 * later move too. History (the audit log) and counts kept by triggers are not listed: the audit
 * log is never rewritten, and the counts follow the items and posts they count.
 */
export const UNIT_REFERENCES_WITHOUT_FOREIGN_KEY: readonly { table: string; column: string }[] = [
  { table: "InboxItem", column: "placeUnitId" },
  { table: "RoutingRule", column: "unitId" },
  { table: "RoutingRule", column: "placeUnitId" },
  { table: "EarlyWarning", column: "unitId" },
  { table: "EarlyWarning", column: "placeUnitId" },
  // The kecamatan that verified a desa's published page: its mark follows the merged kecamatan.
  { table: "SiteEntry", column: "verifiedByUnitId" },
];

/** Every foreign key to a unit, except the tree's own (children are moved with their paths). */
export async function unitForeignKeys(tx: Pick<Tx, "$queryRaw">): Promise<{ table: string; column: string }[]> {
  return tx.$queryRaw<{ table: string; column: string }[]>`
    SELECT cl.relname::text AS "table", a.attname::text AS "column"
    FROM pg_constraint c
    JOIN pg_class cl ON cl.oid = c.conrelid
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
    WHERE c.contype = 'f' AND c.confrelid = '"Unit"'::regclass
      AND NOT (cl.relname = 'Unit' AND a.attname = 'parentId')
    ORDER BY 1, 2`;
}

const VILLAGE_TYPES = ["desa", "kelurahan"];
const sameKind = (a: Unit, b: Unit) =>
  a.type === b.type || (VILLAGE_TYPES.includes(a.type) && VILLAGE_TYPES.includes(b.type));

function refuseIncompatible(source: Unit, target: Unit): void {
  if (source.id === target.id) throw new AppError("unit_merge_same", { field: "intoUnitId" });
  if (!source.parentId || !sameKind(source, target))
    throw new AppError("unit_merge_incompatible", { field: "intoUnitId" });
  if (source.path.startsWith(target.path) || target.path.startsWith(source.path))
    throw new AppError("unit_merge_related", { field: "intoUnitId" });
  if (!target.active) throw new AppError("unit_inactive", { field: "intoUnitId" });
  if (source.areaCode && target.areaCode && source.areaCode !== target.areaCode)
    throw new AppError("unit_merge_two_areas", { field: "intoUnitId" });
}

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Merges the unit `unitId` into `intoUnitId`: everything that belongs to or names the first
 * (members, channels, posts, media, inbox items and their places, routing rules, early warnings,
 * templates, sub-units, and any later table with a foreign key to units) moves to the second,
 * which keeps its own name and takes the official area code, unit code and PPID role it lacked.
 * The first unit is then deleted. One transaction, one audit event. Returns the merged unit and
 * the users whose units changed (their open sessions must see it).
 */
export async function mergeUnits(
  prisma: PrismaClient,
  { origin, unitId, intoUnitId }: { origin: Origin; unitId: string; intoUnitId: string },
): Promise<{ unit: Unit; movedMemberIds: string[] }> {
  try {
    return await prisma.$transaction(async (tx) => {
      const source = await tx.unit.findUnique({ where: { id: unitId } });
      const target = await tx.unit.findUnique({ where: { id: intoUnitId } });
      if (!source) throw new AppError("not_found");
      if (!target) throw new AppError("not_found", { field: "intoUnitId" });
      refuseIncompatible(source, target);

      const members = await tx.membership.findMany({ where: { unitId: source.id }, select: { userId: true } });
      const moved: Record<string, number> = {};
      // Sub-units move below the target, with every descendant's materialised path.
      const children = await tx.$executeRaw`UPDATE "Unit" SET "parentId" = ${target.id}::uuid
        WHERE "parentId" = ${source.id}::uuid`;
      if (children > 0) moved["Unit.parentId"] = children;
      await tx.$executeRaw`UPDATE "Unit" SET "path" = ${target.path} || substring("path" from ${source.path.length + 1}::int)
        WHERE "path" LIKE ${`${source.path}%`} AND "id" <> ${source.id}::uuid`;
      // A member of both stays a member of the target once.
      await tx.$executeRaw`DELETE FROM "Membership" m WHERE m."unitId" = ${source.id}::uuid
        AND EXISTS (SELECT 1 FROM "Membership" t WHERE t."userId" = m."userId" AND t."unitId" = ${target.id}::uuid)`;
      for (const { table, column } of [...(await unitForeignKeys(tx)), ...UNIT_REFERENCES_WITHOUT_FOREIGN_KEY]) {
        const count = await tx.$executeRawUnsafe(
          `UPDATE ${quoted(table)} SET ${quoted(column)} = $1::uuid WHERE ${quoted(column)} = $2::uuid`,
          target.id,
          source.id,
        );
        if (count > 0) moved[`${table}.${column}`] = count;
      }

      // The official code, unit code and PPID role are each one unit's: free them before the target takes them.
      const inherited = {
        ...(!target.areaCode && source.areaCode && { areaCode: source.areaCode, officialName: source.officialName }),
        ...(!target.code && source.code && { code: source.code }),
        ...(!target.ppidLevel &&
          source.ppidLevel && { ppidLevel: source.ppidLevel, ppidSuperiorId: source.ppidSuperiorId }),
      };
      await tx.unit.delete({ where: { id: source.id } });
      const merged = await tx.unit.update({ where: { id: target.id }, data: inherited });
      await recordAudit(tx, origin, {
        action: "unit.merge",
        targetType: "Unit",
        targetId: target.id,
        unitId: target.id,
        changes: {
          merged: { id: source.id, name: source.name, type: source.type, code: source.code, areaCode: source.areaCode },
          inherited,
          moved,
        },
      });
      return { unit: merged, movedMemberIds: members.map((member) => member.userId) };
    });
  } catch (error) {
    if (isUniqueViolation(error) || isRawUniqueViolation(error)) throw new AppError("unit_merge_conflict");
    throw error;
  }
}

/** A unique violation raised by a raw statement (Prisma reports those as P2010 with the database's code). */
function isRawUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /\b23505\b|unique constraint/i.test(error.message);
}
