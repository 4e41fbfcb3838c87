import type { ReactNode } from "react";
import { PPID_OBJECTIONS, PPID_REPORTS, PPID_REQUESTS, type Section } from "../../navigation";
import { NewRequestPage } from "./NewRequestPage";
import { ObjectionPage } from "./ObjectionPage";
import { ObjectionsPage } from "./ObjectionsPage";
import { ReportsPage } from "./ReportsPage";
import { RequestPage } from "./RequestPage";
import { RequestsPage } from "./RequestsPage";

/** The PPID's routes, relative to /ppid's layout. */
export const PPID_PAGES: readonly [Pick<Section, "path" | "allowed">, ReactNode][] = [
  [PPID_REQUESTS, <RequestsPage />],
  [{ path: "/ppid/requests/new", allowed: (a) => a.registerPpidRequests }, <NewRequestPage />],
  [{ path: "/ppid/requests/:id", allowed: (a) => a.ppidRequests || a.ppidObjections }, <RequestPage />],
  [PPID_OBJECTIONS, <ObjectionsPage />],
  [{ path: "/ppid/objections/:id", allowed: PPID_OBJECTIONS.allowed }, <ObjectionPage />],
  [PPID_REPORTS, <ReportsPage />],
];
