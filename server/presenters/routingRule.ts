import type { RoutingRule } from "@server/db/generated/client.js";
import type { Category } from "@server/triage/taxonomy.js";

/**
 * A routing rule with the names of its units. The category column holds a taxonomy code (the
 * route schema accepts nothing else) or null for any category.
 */
export function presentRoutingRule(rule: RoutingRule, unitNames: Map<string, string>) {
  return {
    id: rule.id,
    category: rule.category as Category | null,
    place: rule.placeUnitId ? { id: rule.placeUnitId, name: unitNames.get(rule.placeUnitId) ?? null } : null,
    unit: { id: rule.unitId, name: unitNames.get(rule.unitId) ?? null },
    priority: rule.priority,
    updatedAt: rule.updatedAt.toISOString(),
  };
}
