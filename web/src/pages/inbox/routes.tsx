import type { ReactNode } from "react";
import { INBOX, type Section } from "@web/navigation";
import { INBOX_VIEWS } from "./views";
import { lazyPage } from "@web/lazyPage";

const InboxItemPage = lazyPage(() => import("./InboxItemPage").then((module) => module.InboxItemPage));
const InboxPage = lazyPage(() => import("./InboxPage").then((module) => module.InboxPage));

/** The inbox's routes: one per view (tab), and the item page. */
export const INBOX_PAGES: readonly [Pick<Section, "path" | "allowed">, ReactNode][] = [
  ...INBOX_VIEWS.map((view): [Section, ReactNode] => [view, <InboxPage view={view.view} />]),
  [{ path: "/inbox/:id", allowed: INBOX.allowed }, <InboxItemPage />],
];
