import type { ReactNode } from "react";
import { DIP_LIST, PPID_OBJECTIONS, PPID_PROFILES, PPID_REPORTS, PPID_REQUESTS, type Section } from "@web/navigation";
import { DipItemPage } from "./dip/DipItemPage";
import { DipListPage } from "./dip/DipListPage";
import { NewRequestPage } from "./NewRequestPage";
import { ObjectionPage } from "./ObjectionPage";
import { ObjectionsPage } from "./ObjectionsPage";
import { PpidProfilePage } from "./profiles/PpidProfilePage";
import { PpidProfilesPage } from "./profiles/PpidProfilesPage";
import { ReportsPage } from "./ReportsPage";
import { RequestPage } from "./RequestPage";
import { RequestsPage } from "./RequestsPage";

/** The PPID's pages, inside /ppid's layout: the DIP, the profiles, requests, objections and reports. */
export const PPID_PAGES: readonly [Pick<Section, "path" | "allowed">, ReactNode][] = [
  [DIP_LIST, <DipListPage />],
  [{ path: "/ppid/dip/new", allowed: (a) => a.editDip }, <DipItemPage />],
  [{ path: "/ppid/dip/:id", allowed: DIP_LIST.allowed }, <DipItemPage />],
  [PPID_PROFILES, <PpidProfilesPage />],
  [{ path: "/ppid/profiles/:unitId", allowed: PPID_PROFILES.allowed }, <PpidProfilePage />],
  [PPID_REQUESTS, <RequestsPage />],
  [{ path: "/ppid/requests/new", allowed: (a) => a.registerPpidRequests }, <NewRequestPage />],
  [{ path: "/ppid/requests/:id", allowed: (a) => a.ppidRequests || a.ppidObjections }, <RequestPage />],
  [PPID_OBJECTIONS, <ObjectionsPage />],
  [{ path: "/ppid/objections/:id", allowed: PPID_OBJECTIONS.allowed }, <ObjectionPage />],
  [PPID_REPORTS, <ReportsPage />],
];
