import { killAllSiarProcesses } from "../crash/processes.js";
import { apiBenchmark } from "./api.js";
import { crashBenchmark } from "./crash.js";
import { dashboardBenchmark } from "./dashboard.js";
import { dipSearchBenchmark } from "./dipSearch.js";
import { firstScreenBenchmark } from "./firstScreen.js";
import { inboxBenchmark } from "./inbox.js";
import { ppidRegisterBenchmark } from "./ppidRegister.js";
import { publicSiteBenchmark } from "./publicSite.js";
import { publishingBenchmark } from "./publishing.js";
import { reportingZoneBenchmark } from "./reportingZone.js";
import { scaleOutBenchmark } from "./scaleOut.js";

// `npm run bench` runs every benchmark; `npm run bench -- publishing crash` only those named.

const BENCHMARKS: Record<string, { about: string; run: () => Promise<void> }> = {
  api: { about: "request latency of the API", run: apiBenchmark },
  publishing: { about: "1,000 posts due at once, two server processes (PostgreSQL)", run: publishingBenchmark },
  crash: { about: "exactly-once publishing under 50 kill -9 rounds (PostgreSQL)", run: crashBenchmark },
  inbox: {
    about: "webhook ingestion, list and search over 1,000,000 items, receipt → socket latency (PostgreSQL)",
    run: inboxBenchmark,
  },
  dashboard: {
    about: "every dashboard request and the PDF reports over 1,000,000 items and 50,000 posts (PostgreSQL)",
    run: dashboardBenchmark,
  },
  "ppid-register": {
    about: "the public register of information requests over 50,000 requests (PostgreSQL)",
    run: ppidRegisterBenchmark,
  },
  "public-site": {
    about:
      "home, announcement and unit-site pages under 50 clients, page weights, an edit showing (PGlite, PostgreSQL)",
    run: publicSiteBenchmark,
  },
  "reporting-zone": {
    about:
      "recounting the rollups after a change of reporting zone over 1,000,000 items, writes meanwhile (PostgreSQL)",
    run: reportingZoneBenchmark,
  },
  "first-screen": {
    about: "the staff app's first-screen JavaScript, plain, gzip and brotli (after npm run build)",
    run: firstScreenBenchmark,
  },
  "scale-out": {
    about:
      "1, 2 and 4 server processes on one PostgreSQL: ingestion, publishing, live updates and presence across processes",
    run: scaleOutBenchmark,
  },
  dip: {
    about: "the public DIP's search and the staff list over 100,000 entries with documents (PostgreSQL)",
    run: dipSearchBenchmark,
  },
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in BENCHMARKS));
if (unknown.length) {
  console.error(
    `Unknown benchmark ${unknown.join(", ")}. Available:\n${Object.entries(BENCHMARKS)
      .map(([name, b]) => `  ${name.padEnd(11)} ${b.about}`)
      .join("\n")}`,
  );
  process.exit(2);
}

let failed = false;
try {
  for (const name of requested.length ? requested : Object.keys(BENCHMARKS)) {
    console.log(`\n== ${name}: ${BENCHMARKS[name]!.about}`);
    try {
      await BENCHMARKS[name]!.run();
    } catch (error) {
      failed = true;
      console.error(`${name} failed:`, error);
    }
  }
} finally {
  await killAllSiarProcesses();
}
process.exit(failed ? 1 : 0);
