/** The demo organisation's places (Kabupaten Sanggau, every kecamatan, desa and kelurahan), for the CLI: read from the seed and the official area data, never copied. */
import { demoUnitTree } from "@server/demo/seed.js";
import { placesFromUnitTree, type KnownPlace } from "./places.js";

const DEMO_PLACES: readonly KnownPlace[] = placesFromUnitTree(await demoUnitTree());

export default DEMO_PLACES;
