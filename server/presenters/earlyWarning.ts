import type { EarlyWarningView } from "../commands/earlyWarnings.js";

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** An early warning for staff: the unit's path (used for scoping) stays on the server. */
export function presentEarlyWarning(warning: EarlyWarningView) {
  return {
    id: warning.id,
    category: warning.category,
    place: warning.place,
    unit: warning.unit ? { id: warning.unit.id, name: warning.unit.name } : null,
    count: warning.count,
    baseline: warning.baseline,
    windowStart: warning.windowStart.toISOString(),
    windowEnd: warning.windowEnd.toISOString(),
    status: warning.status,
    raisedAt: warning.raisedAt.toISOString(),
    acknowledgedAt: iso(warning.acknowledgedAt),
    acknowledgedBy: warning.acknowledgedBy,
    resolvedAt: iso(warning.resolvedAt),
    items: warning.itemIds,
  };
}
