/** The demo organisation's places (Kabupaten Sanggau), for the CLI: read from the seed, never copied. */
import { DEMO_TREE } from "../db/seed.js";
import { placesFromUnitTree, type KnownPlace } from "./places.js";

const DEMO_PLACES: readonly KnownPlace[] = placesFromUnitTree(DEMO_TREE);

export default DEMO_PLACES;
