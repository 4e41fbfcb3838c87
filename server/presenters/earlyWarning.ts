import type { Actor } from "@server/auth/actor.js";
import type { EarlyWarningView } from "@server/inbox/earlyWarning.js";
import { can } from "@server/policies/index.js";
import type { Category } from "@server/triage/taxonomy.js";

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** An early warning for staff, with what this actor may do to it; the unit's path (used for scoping) stays on the server. */
export function presentEarlyWarning(warning: EarlyWarningView, actor: Actor) {
  const subject = { unitPath: warning.unit?.path ?? null };
  return {
    id: warning.id,
    // A text column; warnings are raised only for the taxonomy's categories.
    category: warning.category as Category,
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
    /** The items behind the warning that this actor may open; `count` stays the whole surge. */
    items: warning.items
      .filter((item) => can(actor, "read", "InboxItem", { unitPath: item.unitPath }))
      .map((item) => item.id),
    permissions: {
      acknowledge: can(actor, "update", "EarlyWarning", subject),
      resolve: can(actor, "handle", "EarlyWarning", subject),
    },
  };
}
