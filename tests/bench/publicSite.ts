import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import sharp from "sharp";
import { temporaryDatabase } from "../crash/fixture.js";
import { killAllSiarProcesses, spawnSiar, type SiarProcess } from "../crash/processes.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { printTable, type Row } from "./table.js";

// The public website under a crowd: autocannon's 50 clients on a unit's announcement page, the
// home page and the unit's own site, served by one Siar process with its page cache (and without, for
// comparison), on the embedded database and, with DATABASE_URL, on PostgreSQL. Then how long an
// edit takes to show: on the process that made it and, on PostgreSQL, on a second process.
// Page weights are measured on the way. Targets: ≥ 2,000 requests/s with p99 ≤ 50 ms; an edit
// shows within 60 s.

const CONNECTIONS = 50;
const SECONDS = Number(process.env.PUBLIC_BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.PUBLIC_BENCH_ROUNDS ?? 3);
const TARGET = { requestsPerSecond: 2000, p99Ms: 50 };
const POSTS = 30;
const IMAGES = 5;
/** What a current browser sends. */
const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br, zstd", "accept-language": "id-ID,id;q=0.9,en;q=0.8" };

type Site = { process: SiarProcess; humas: ApiClient; announcement: { id: string; path: string } };

/** The unit whose site and announcements are measured. */
const UNIT_SITE = "/kecamatan/kapuas";
/** The pages measured: a unit's announcement, the kabupaten's home page and the unit site's home page. */
const pages = (site: Site): [string, string][] => [
  ["announcement page", site.announcement.path],
  ["home page", "/"],
  ["Kecamatan Kapuas site", UNIT_SITE],
];

export async function publicSiteBenchmark(): Promise<void> {
  console.log(
    `load: ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(" ")} (1, 5, 15 min) on ${os.cpus().length} cores`,
  );
  await onDatabase("PGlite", null);
  if (process.env.DATABASE_URL) await onDatabase("PostgreSQL", process.env.DATABASE_URL);
  else console.log("\nDATABASE_URL not set: PostgreSQL skipped");
}

/** What else the machine is doing: the figures depend on it. */
function printLoad(): void {
  console.log(
    `load average ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(" ")} (1, 5, 15 min), ${os.cpus().length} cores`,
  );
}

async function onDatabase(label: string, adminUrl: string | null): Promise<void> {
  const database = adminUrl ? await temporaryDatabase(adminUrl) : null;
  const dataDirs: string[] = [];
  let shared: Site["announcement"] | undefined;
  /** A Siar process with the announcements published: on PostgreSQL all share one database, PGlite gets one each. */
  const start = async (extraEnv: Record<string, string> = {}): Promise<Site> => {
    if (!database || dataDirs.length === 0) dataDirs.push(fs.mkdtempSync(path.join(os.tmpdir(), "siar-bench-site-")));
    const process = await spawnSiar({
      ...database?.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      SIAR_DATA_DIR: dataDirs.at(-1)!,
      SIAR_DEMO: "true",
      SIAR_SANDBOX: "false",
      // Request logs would be read by this process and compete for its core; warnings still show.
      LOG_LEVEL: "warn",
      ...extraEnv,
    });
    const site = await prepareSite(process, shared);
    if (database) shared = site.announcement;
    return site;
  };
  try {
    const site = await start();
    printTable(`Page weight (${label})`, await pageWeights(site));
    printTable("A list's thumbnail", await thumbnailWeights(site));
    const rows: Row[] = [];
    // Other work on the machine makes single runs vary by 2× and more: each page gets several.
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [page, pagePath] of pages(site))
        rows.push(await load(`${page}, cached (${round})`, site.process.url + pagePath));
      rows.push(await load(`/healthz, no page (${round})`, `${site.process.url}/healthz`));
    }
    await site.process.kill();

    // The same pages rendered on every request, as before the cache.
    const uncached = await start({ SIAR_PAGE_CACHE_SECONDS: "0" });
    const short = Math.min(SECONDS, 5);
    for (const [page, pagePath] of pages(uncached))
      rows.push(await load(`${page}, no cache`, uncached.process.url + pagePath, short));
    await uncached.process.kill();
    printTable(
      `${CONNECTIONS} clients, ${SECONDS} s each (no cache: ${short} s), one Siar process on ${label}; target ≥ ${TARGET.requestsPerSecond} req/s with p99 ≤ ${TARGET.p99Ms} ms`,
      rows,
    );
    printLoad();

    const writer = await start();
    const readers = [writer.process, ...(database ? [(await start()).process] : [])];
    printTable(`An edit shows (${label})`, await editVisibility(writer, readers));
  } finally {
    await killAllSiarProcesses();
    await database?.drop();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Signs humas in; on a new database, publishes POSTS announcements of Kecamatan Kapuas with their posters. */
async function prepareSite(process: SiarProcess, existing?: Site["announcement"]): Promise<Site> {
  const humas = await signedIn(process.url, "humas@sanggau.demo");
  if (existing) return { process, humas, announcement: existing };
  const units = (await humas.get("/api/units?limit=1000")).body.data as { id: string; code: string }[];
  const kapuas = units.find((unit) => unit.code === "kec-kapuas")!;
  const channels = (await humas.get("/api/channels")).body.data as { id: string; kind: string }[];
  const website = channels.find((channel) => channel.kind === "website")!;
  const posters = [];
  for (let i = 0; i < IMAGES; i++) posters.push(await uploadPoster(humas, kapuas.id, i));
  let last: { id: string; slug: string } | undefined;
  for (let i = 1; i <= POSTS; i++) {
    const created = await humas.post("/api/posts", {
      unitId: kapuas.id,
      title: `Peringatan dini banjir Sungai Kapuas, pembaruan ${i}`,
      body: `Air Sungai Kapuas naik 40 cm dalam enam jam terakhir di Kecamatan Kapuas. Warga di bantaran sungai diminta mengamankan barang berharga, menyiapkan tas siaga dan mengikuti arahan petugas. Posko pengungsian dibuka di kantor camat. Pembaruan ke-${i}.`,
      hashtags: ["SiagaBanjir", "Sanggau"],
      channelIds: [website.id],
      // On the kecamatan's own site as well as the kabupaten's.
      siteUnitId: kapuas.id,
      mediaIds: [posters[i % IMAGES]!],
    });
    if (created.status !== 201) throw new Error(`creating a post: ${JSON.stringify(created.body)}`);
    await humas.post(`/api/posts/${created.body.id}/submit`);
    last = created.body;
  }
  const announcement = { id: last!.id, path: `/pengumuman/${last!.slug}` };
  for (let tries = 0; (await fetch(process.url + announcement.path)).status !== 200; tries++) {
    if (tries > 300) throw new Error("the announcements were not published within 30 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The posters' variants are made in the background after each upload: let that work finish
  // (each request waits for its variant) so that it does not run during the measurements.
  for (const pagePath of ["/", announcement.path, UNIT_SITE]) {
    for (const image of imageAddresses(await (await fetch(process.url + pagePath)).text()))
      await fetch(process.url + image);
  }
  return { process, humas, announcement };
}

/** A 1080×1080 PNG poster like the ones offices post, with shapes and text so it does not compress to nothing. */
async function uploadPoster(humas: ApiClient, unitId: string, seed: number): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1080">
<rect width="1080" height="1080" fill="hsl(${seed * 67},60%,45%)"/><circle cx="540" cy="480" r="300" fill="#fff" opacity=".8"/>
<text x="90" y="960" font-size="96" font-family="sans-serif" fill="#fff">SIAGA BANJIR ${seed}</text></svg>`;
  const body = await sharp(Buffer.from(svg)).png().toBuffer();
  const response = await fetch(`${humas.baseUrl}/api/media?unitId=${unitId}&name=poster-${seed}.png`, {
    method: "POST",
    headers: { "content-type": "image/png", cookie: humas.cookie!, "x-csrf-token": humas.csrfToken! },
    body: new Uint8Array(body),
  });
  if (response.status !== 201) throw new Error(`uploading a poster: HTTP ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

/** Every image address a page's srcset and src attributes name. */
function imageAddresses(html: string): string[] {
  const lists = [...html.matchAll(/(?:srcset|src)="(\/media\/[^"]+)"/g)].map((match) => match[1]!);
  return [...new Set(lists.flatMap((list) => list.split(", ").map((candidate) => candidate.split(" ")[0]!)))];
}

/** Bytes of one of the home page's posters: the original, and the thumbnail a browser fetches in each format. */
async function thumbnailWeights(site: Site): Promise<Row[]> {
  const home = await (await fetch(`${site.process.url}/`)).text();
  const original = imageAddresses(home)
    .find((address) => address.endsWith(".t96.avif"))!
    .replace(/\.t96\.avif$/, "");
  const bytes = async (address: string) => (await (await fetch(site.process.url + address)).arrayBuffer()).byteLength;
  const rows: Row[] = [{ file: "original 1080×1080 PNG (what the list sent before)", bytes: await bytes(original) }];
  for (const side of [96, 192])
    for (const format of ["avif", "webp", "jpg"])
      rows.push({ file: `thumbnail ${side}×${side} ${format}`, bytes: await bytes(`${original}.t${side}.${format}`) });
  return rows;
}

/** HTML (with its inline CSS) of the measured pages, as sent plain, gzip and brotli. */
async function pageWeights(site: Site): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [page, pagePath] of pages(site)) {
    const html = Buffer.from(await (await fetch(site.process.url + pagePath)).arrayBuffer());
    const images = (html.toString().match(/<img /g) ?? []).length;
    rows.push({
      page: page!,
      "HTML+CSS bytes": html.length,
      "gzip bytes": zlib.gzipSync(html, { level: 9 }).length,
      "brotli bytes": zlib.brotliCompressSync(html).length,
      images,
    });
  }
  return rows;
}

async function load(label: string, url: string, seconds = SECONDS): Promise<Row> {
  // A second of warm-up: the first renders and the JIT are not what a crowd sees.
  await autocannon({ url, connections: CONNECTIONS, duration: 1, headers: BROWSER_HEADERS });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: BROWSER_HEADERS });
  const failures = result.non2xx + result.errors + result.timeouts;
  // With no answer in the time, autocannon reports latencies of 0.
  const answered = result.requests.total > 0;
  const latency = (ms: number) => (answered ? ms : "-");
  return {
    request: label,
    "req/s": Math.round(result.requests.average),
    "p50 ms": latency(result.latency.p50),
    "p99 ms": latency(result.latency.p99),
    "max ms": latency(result.latency.max),
    "bytes/req": Math.round(result.throughput.total / Math.max(1, result.requests.total)),
    failures,
    target:
      result.requests.average >= TARGET.requestsPerSecond && result.latency.p99 <= TARGET.p99Ms && failures === 0
        ? "met"
        : "not met",
  };
}

/** Edits the announcement's title through the API and times how long each process takes to show it. */
async function editVisibility(writer: Site, readers: SiarProcess[]): Promise<Row[]> {
  const page = writer.announcement.path;
  // Every reader has the page cached before the edit.
  for (const reader of readers) await fetch(reader.url + page);
  const title = `Ralat pukul ${new Date().toISOString().slice(11, 19)}: posko pindah ke SDN 3 Kapuas`;
  const edited = await writer.humas.patch(`/api/posts/${writer.announcement.id}/published`, { title });
  if (edited.status !== 200) throw new Error(`editing: ${JSON.stringify(edited.body)}`);
  const answered = performance.now();
  return Promise.all(
    readers.map(async (reader, i) => {
      for (;;) {
        const html = await (await fetch(reader.url + page)).text();
        const elapsed = performance.now() - answered;
        if (html.includes(title))
          return {
            process: i === 0 ? "the one that edited" : "another process",
            "ms after the edit": Math.round(elapsed),
          };
        if (elapsed > 60_000) return { process: `process ${i + 1}`, "ms after the edit": "not within 60 s" };
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }),
  );
}
