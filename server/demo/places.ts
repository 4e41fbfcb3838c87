/** The demo organisation's places (Kabupaten Sanggau, every kecamatan, desa and kelurahan), for the CLI: read from the seed and the official area data, never copied. */
import { demoUnitTree } from "./seed.js";
import { placesFromUnitTree, type KnownPlace } from "@server/triage/places.js";

const DEMO_PLACES: readonly KnownPlace[] = placesFromUnitTree(await demoUnitTree());

export default DEMO_PLACES;
