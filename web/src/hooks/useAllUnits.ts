import { fetchAllPages } from "@web/api/client";
import type { Unit } from "@web/api/types";
import { useLoad } from "./useLoad";

/** Every unit in the caller's scope, in tree order. */
export function useAllUnits() {
  return useLoad(async () => inTreeOrder(await fetchAllPages<Unit>("/units", { limit: 1000 })), []);
}

/** Parents before children (as the API sends them) and siblings by name (as people look for them). */
function inTreeOrder(units: Unit[]): Unit[] {
  const visible = new Set(units.map((unit) => unit.id));
  const childrenOf = new Map<string | null, Unit[]>();
  for (const unit of units) {
    // A unit whose parent is outside the caller's scope is a root of what they see.
    const parentId = unit.parentId && visible.has(unit.parentId) ? unit.parentId : null;
    childrenOf.set(parentId, [...(childrenOf.get(parentId) ?? []), unit]);
  }
  const ordered: Unit[] = [];
  const visit = (parentId: string | null) => {
    const children = (childrenOf.get(parentId) ?? []).sort((a, b) => a.name.localeCompare(b.name, "id"));
    for (const child of children) {
      ordered.push(child);
      visit(child.id);
    }
  };
  visit(null);
  return ordered;
}
