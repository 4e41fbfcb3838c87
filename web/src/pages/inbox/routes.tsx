import type { ReactNode } from "react";
import { INBOX, type Section } from "@web/navigation";
import { InboxItemPage } from "./InboxItemPage";
import { InboxPage } from "./InboxPage";
import { INBOX_VIEWS } from "./views";

/** The inbox's routes: one per view (tab), and the item page. */
export const INBOX_PAGES: readonly [Pick<Section, "path" | "allowed">, ReactNode][] = [
  ...INBOX_VIEWS.map((view): [Section, ReactNode] => [view, <InboxPage view={view.view} />]),
  [{ path: "/inbox/:id", allowed: INBOX.allowed }, <InboxItemPage />],
];
