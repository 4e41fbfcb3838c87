import type { InboxView } from "@web/api/types";
import { INBOX, type Section } from "@web/navigation";

export type InboxViewSection = Section & { view: InboxView };

// The inbox's tabs, one path each so a view can be bookmarked and the browser's back button works.
export const INBOX_VIEWS: readonly InboxViewSection[] = [
  { ...INBOX, view: "all", label: "inboxView.all", testId: "inbox-all", end: true },
  { ...INBOX, view: "mine", path: "/inbox/mine", label: "inboxView.mine", testId: "inbox-mine" },
  { ...INBOX, view: "my_units", path: "/inbox/my-units", label: "inboxView.my_units", testId: "inbox-my-units" },
  {
    ...INBOX,
    view: "unassigned",
    path: "/inbox/unassigned",
    label: "inboxView.unassigned",
    testId: "inbox-unassigned",
  },
  { ...INBOX, view: "overdue", path: "/inbox/overdue", label: "inboxView.overdue", testId: "inbox-overdue" },
  { ...INBOX, view: "urgent", path: "/inbox/urgent", label: "inboxView.urgent", testId: "inbox-urgent" },
];
