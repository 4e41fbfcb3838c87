import type { Unit } from "../db/generated/client.js";
import type { UnitTimeZone } from "../deadlines/timeZones.js";

export function presentUnit(unit: Unit) {
  return {
    id: unit.id,
    name: unit.name,
    type: unit.type,
    code: unit.code,
    parentId: unit.parentId,
    // Depth in the tree (0 for the kabupaten), so clients can indent without rebuilding it.
    depth: unit.path.split("/").filter(Boolean).length - 1,
    // A text column; every write goes through the units schema, which takes only these zones.
    timezone: unit.timezone as UnitTimeZone,
    active: unit.active,
    ppidLevel: unit.ppidLevel,
    ppidSuperiorId: unit.ppidSuperiorId,
    createdAt: unit.createdAt.toISOString(),
    updatedAt: unit.updatedAt.toISOString(),
  };
}
