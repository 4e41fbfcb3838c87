import type { ReactNode } from "react";
import { DIP_LIST, PPID_OBJECTIONS, PPID_PROFILES, PPID_REPORTS, PPID_REQUESTS, type Section } from "@web/navigation";
import { lazyPage } from "@web/lazyPage";

const DipItemPage = lazyPage(() => import("./dip/DipItemPage").then((module) => module.DipItemPage));
const DipListPage = lazyPage(() => import("./dip/DipListPage").then((module) => module.DipListPage));
const NewRequestPage = lazyPage(() => import("./NewRequestPage").then((module) => module.NewRequestPage));
const ObjectionPage = lazyPage(() => import("./ObjectionPage").then((module) => module.ObjectionPage));
const ObjectionsPage = lazyPage(() => import("./ObjectionsPage").then((module) => module.ObjectionsPage));
const PpidProfilePage = lazyPage(() => import("./profiles/PpidProfilePage").then((module) => module.PpidProfilePage));
const PpidProfilesPage = lazyPage(() =>
  import("./profiles/PpidProfilesPage").then((module) => module.PpidProfilesPage),
);
const ReportsPage = lazyPage(() => import("./ReportsPage").then((module) => module.ReportsPage));
const RequestPage = lazyPage(() => import("./RequestPage").then((module) => module.RequestPage));
const RequestsPage = lazyPage(() => import("./RequestsPage").then((module) => module.RequestsPage));

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
