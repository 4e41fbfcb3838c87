import type { Regency } from "@server/areas/officialAreas.js";
import type { AreaImportPlan, AreaImportStep } from "@server/commands/areaImport.js";
import type { Unit } from "@server/db/generated/client.js";
import type { UnitTimeZone } from "@server/deadlines/timeZones.js";

export function presentUnit(unit: Unit) {
  return {
    id: unit.id,
    name: unit.name,
    type: unit.type,
    code: unit.code,
    /** The official Kemendagri area code; null for units that are not areas (OPD, UPT). */
    areaCode: unit.areaCode,
    /** The area's name in the official data, whatever the unit is called in Siar. */
    officialName: unit.officialName,
    parentId: unit.parentId,
    // Depth in the tree (0 for the kabupaten), so clients can indent without rebuilding it.
    depth: unit.path.split("/").filter(Boolean).length - 1,
    // A text column; every write goes through the units schema, which takes only these zones.
    timezone: unit.timezone as UnitTimeZone,
    active: unit.active,
    /** Every post of the unit waits for a leader's approval, whoever writes it. */
    postsRequireApproval: unit.postsRequireApproval,
    ppidLevel: unit.ppidLevel,
    ppidSuperiorId: unit.ppidSuperiorId,
    createdAt: unit.createdAt.toISOString(),
    updatedAt: unit.updatedAt.toISOString(),
  };
}

/** A kabupaten/kota admins may import (GET /api/units/regions). */
export function presentRegency(regency: Regency) {
  return { code: regency.code, name: regency.name, provinceName: regency.provinceName };
}

/** What importing a kabupaten/kota's areas would do (GET /api/units/import-preview). */
export function presentAreaImportPlan({ region, parent, steps }: AreaImportPlan) {
  const count = (action: AreaImportStep["action"]) => steps.filter((step) => step.action === action).length;
  return {
    region: { code: region.code, name: region.officialName, provinceName: region.provinceName },
    parent: { id: parent.id, name: parent.name },
    counts: {
      kecamatan: steps.filter((step) => step.type === "kecamatan").length,
      desa: steps.filter((step) => step.type === "desa").length,
      kelurahan: steps.filter((step) => step.type === "kelurahan").length,
      create: count("create"),
      adopt: count("adopt"),
      exists: count("exists"),
      skip: count("skip"),
    },
    areas: steps.map((step) => ({
      code: step.code,
      name: step.name,
      type: step.type,
      parentCode: step.parentCode,
      action: step.action,
      unitId: step.unitId,
    })),
  };
}
