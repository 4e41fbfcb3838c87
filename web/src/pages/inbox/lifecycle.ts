import type { InboxItem, InboxStatus, ManualInboxStatus } from "@web/api/types";

// The moves staff make by hand from each status, as server/inbox/lifecycle.ts allows them; the
// server still decides (409), this only keeps impossible buttons off the page.
const MANUAL_MOVES: Record<InboxStatus, readonly ManualInboxStatus[]> = {
  new: ["in_progress", "resolved", "closed_spam"],
  triaged: ["in_progress", "resolved", "closed_spam"],
  assigned: ["in_progress", "resolved", "closed_spam"],
  in_progress: ["resolved", "closed_spam"],
  answered: ["in_progress", "resolved", "reopened"],
  resolved: ["reopened"],
  reopened: ["in_progress", "resolved", "closed_spam"],
  closed_spam: ["reopened"],
};

export function manualMoves(status: InboxStatus): readonly ManualInboxStatus[] {
  return MANUAL_MOVES[status];
}

// Items still waiting for the office, as the server's "unassigned" and "urgent" views count them.
const OPEN: readonly InboxStatus[] = ["new", "triaged", "assigned", "in_progress", "reopened"];

export function isOpen(status: InboxStatus): boolean {
  return OPEN.includes(status);
}

/** Items that no longer wait for the office: deadlines stop counting. */
export function isClosed(status: InboxStatus): boolean {
  return status === "resolved" || status === "closed_spam";
}

export function isOverdue(item: InboxItem): boolean {
  return item.deadlines.overdue.firstResponse || item.deadlines.overdue.resolution;
}

/** The first line of the citizen's text, for lists. */
export function firstLine(text: string): string {
  return text.trim().split("\n", 1)[0] ?? "";
}
