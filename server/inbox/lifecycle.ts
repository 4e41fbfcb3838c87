import type { InboxStatus } from "@server/db/generated/enums.js";

// new → triaged → assigned → in_progress → answered → resolved (→ reopened), plus closed_spam.
// Which status each one may move to by a person's hand (replying moves to answered by itself).
const NEXT: Record<InboxStatus, InboxStatus[]> = {
  new: ["triaged", "assigned", "in_progress", "answered", "resolved", "closed_spam"],
  triaged: ["assigned", "in_progress", "answered", "resolved", "closed_spam"],
  assigned: ["in_progress", "answered", "resolved", "closed_spam"],
  in_progress: ["answered", "resolved", "closed_spam"],
  answered: ["in_progress", "resolved", "reopened"],
  resolved: ["reopened"],
  reopened: ["assigned", "in_progress", "answered", "resolved", "closed_spam"],
  closed_spam: ["reopened"],
};

export function canMove(from: InboxStatus, to: InboxStatus): boolean {
  return NEXT[from].includes(to);
}

/** Items still waiting for the office: they count in backlogs and deadlines. */
export const OPEN_STATUSES: InboxStatus[] = ["new", "triaged", "assigned", "in_progress", "reopened"];
export const CLOSED_STATUSES: InboxStatus[] = ["resolved", "closed_spam"];

type DeadlineTimes = {
  status: InboxStatus;
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  resolutionDueAt: Date | null;
  resolvedAt: Date | null;
};

/**
 * The deadline an item still owes: its first response until given, then its resolution until
 * resolved; none once closed. The inbox sorts by it (listing.ts says the same in SQL) and shows it.
 */
export function owedDeadline(item: DeadlineTimes): { target: "firstResponse" | "resolution"; at: Date } | null {
  if (CLOSED_STATUSES.includes(item.status)) return null;
  if (!item.firstRespondedAt && item.firstResponseDueAt)
    return { target: "firstResponse", at: item.firstResponseDueAt };
  return !item.resolvedAt && item.resolutionDueAt ? { target: "resolution", at: item.resolutionDueAt } : null;
}
