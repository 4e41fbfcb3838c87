import type { Actor } from "@server/auth/actor.js";
import type { Prisma, PrismaClient } from "@server/db/client.js";
import { AppError } from "@server/errors.js";
import { authorize, can, ppidFigureScopeWhere } from "@server/policies/index.js";

/** Whose figures a report covers: one unit and those below it, the whole body, or the reader's own units. */
export type ReportScope = {
  /** The unit reported on; null for the whole body or the reader's own units. */
  unit: { id: string; name: string; path: string; ppidLevel: string | null } | null;
  kind: "unit" | "body" | "own";
  /** The requests it covers. */
  where: Prisma.PpidRequestWhereInput;
  /** The annual report's key: "body:2026" or "unit:<id>:2026". */
  reportKey(year: number): string;
};

/**
 * The scope of a figures request: the unit asked for (if the reader may read it), else the whole
 * body for those who read it, else the reader's own units (a camat's kecamatan).
 */
export async function reportScope(
  prisma: Pick<PrismaClient, "unit">,
  actor: Actor,
  unitId: string | undefined,
  action: "read" | "update" | "export" = "read",
): Promise<ReportScope> {
  if (unitId) {
    const unit = await prisma.unit.findUnique({
      where: { id: unitId },
      select: { id: true, name: true, path: true, ppidLevel: true },
    });
    if (!unit) throw new AppError("not_found", { field: "unitId" });
    authorize(actor, action, "PpidReport", { unitPath: unit.path });
    return {
      unit,
      kind: "unit",
      where: { unit: { path: { startsWith: unit.path } } },
      reportKey: (year) => `unit:${unit.id}:${year}`,
    };
  }
  const root = await prisma.unit.findFirst({
    where: { parentId: null },
    orderBy: { createdAt: "asc" },
    select: { path: true },
  });
  if (root && can(actor, action, "PpidReport", { unitPath: root.path }))
    return { unit: null, kind: "body", where: {}, reportKey: (year) => `body:${year}` };
  authorize(actor, action, "PpidReport");
  return {
    unit: null,
    kind: "own",
    where: ppidFigureScopeWhere(actor),
    reportKey: (year) => `own:${actor.id}:${year}`,
  };
}
