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
