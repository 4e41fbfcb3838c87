/** The demo organisation's places (Kabupaten Sanggau), for the CLI and demo mode. */
import * as seed from "../db/seed.js";
import { placesFromUnitTree, type KnownPlace, type UnitTreeNode } from "./places.js";

// Read from seed.ts, never copied; a seed.ts that does not export DEMO_TREE gives an empty list.
const demoTree: UnitTreeNode | undefined = "DEMO_TREE" in seed ? (seed.DEMO_TREE as UnitTreeNode) : undefined;

const DEMO_PLACES: readonly KnownPlace[] = demoTree ? placesFromUnitTree(demoTree) : [];

export default DEMO_PLACES;
