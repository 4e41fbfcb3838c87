import type { Unit } from "../db/generated/client.js";

export function presentUnit(unit: Unit) {
  return {
    id: unit.id,
    name: unit.name,
    type: unit.type,
    code: unit.code,
    parentId: unit.parentId,
    // Depth in the tree (0 for the kabupaten), so clients can indent without rebuilding it.
    depth: unit.path.split("/").filter(Boolean).length - 1,
    timezone: unit.timezone,
    active: unit.active,
    createdAt: unit.createdAt.toISOString(),
    updatedAt: unit.updatedAt.toISOString(),
  };
}
