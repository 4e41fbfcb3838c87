import type { ReactNode } from "react";
import { DIP, PPID_PROFILES, type Section } from "../../navigation";
import { DipItemPage } from "./dip/DipItemPage";
import { DipListPage } from "./dip/DipListPage";
import { PpidProfilePage } from "./profiles/PpidProfilePage";
import { PpidProfilesPage } from "./profiles/PpidProfilesPage";

/** The PPID's pages: the DIP list, a new or existing entry, and the PPID profiles. */
export const PPID_PAGES: readonly [Pick<Section, "path" | "allowed">, ReactNode][] = [
  [DIP, <DipListPage />],
  [{ path: "/ppid/dip/new", allowed: (a) => a.editDip }, <DipItemPage />],
  [{ path: "/ppid/dip/:id", allowed: DIP.allowed }, <DipItemPage />],
  [PPID_PROFILES, <PpidProfilesPage />],
  [{ path: "/ppid/profiles/:unitId", allowed: PPID_PROFILES.allowed }, <PpidProfilePage />],
];
