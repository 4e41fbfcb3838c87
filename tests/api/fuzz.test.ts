import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signedIn } from "../helpers/client.js";
import {
  badBody,
  FRESH_PPID_TOKEN,
  FRESH_TOKEN,
  OPEN311_KEY,
  PPID_STAFF_REQUEST,
  requestsFor,
  sweepRequests,
  type FuzzRequest,
} from "../helpers/fuzzRequests.js";
import { issuePurposeToken } from "@server/routes/public/formTokens.js";
import { REQUEST_FORM_PURPOSE } from "@server/routes/public/ppid/requestForm.js";
import { issueFormToken } from "@server/routes/public/aspirasi.js";
import { listRoutes, type RouteInfo } from "../helpers/routes.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Every route of the API and the public site, driven with generated bad input. Whatever comes
// in, the answer is never a 5xx, and an API error is the catalogue's well-formed body.
// `npm test` runs a fixed seed for about a minute; `npm run fuzz` runs longer (FUZZ_SECONDS)
// with a fresh seed (or FUZZ_SEED) and prints requests by status.

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 45);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
/** Routes that only redirect to a platform's sign-in page or stream a built file. */
const SKIPPED = new Set(["GET /app/{*path}"]);

let siar: TestSiar;
let admin: ApiClient;
let anonymous: ApiClient;
let routes: RouteInfo[];
const ids: Record<string, string[]> = {};
let open311Key: string;

beforeAll(async () => {
  siar = await startTestSiar();
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  anonymous = new ApiClient(siar.url);
  routes = listRoutes(siar.services)
    .filter((route) => !SKIPPED.has(`${route.method} ${route.path}`))
    .flatMap((route) => (route.method === "ALL" ? ["GET", "POST"].map((method) => ({ ...route, method })) : [route]));
  const { prisma } = siar.services;
  // Real ids, so that bad bodies also reach the operations behind the id checks.
  ids.units = (await prisma.unit.findMany({ select: { id: true }, take: 5 })).map((row) => row.id);
  ids.users = (await prisma.user.findMany({ where: { role: { not: "admin" } }, select: { id: true }, take: 3 })).map(
    (row) => row.id,
  );
  ids.inbox = (await prisma.inboxItem.findMany({ select: { id: true }, take: 5 })).map((row) => row.id);
  ids.posts = (await prisma.post.findMany({ select: { id: true }, take: 5 })).map((row) => row.id);
  ids.notifications = (await prisma.notification.findMany({ select: { id: true }, take: 3 })).map((row) => row.id);
  ids.channels = (await prisma.channel.findMany({ select: { id: true }, take: 3 })).map((row) => row.id);
  ids.siteUnits = (
    await prisma.unit.findMany({ where: { type: { in: ["kecamatan", "desa"] } }, select: { id: true }, take: 3 })
  ).map((row) => row.id);
  ids.siteEntries = (await prisma.siteEntry.findMany({ select: { id: true }, take: 3 })).map((row) => row.id);
  ids.slugs = (await prisma.post.findMany({ select: { slug: true }, take: 3 })).map((row) => row.slug);
  ids.dipItems = (await prisma.dipItem.findMany({ select: { id: true }, take: 5 })).map((row) => row.id);
  ids.dipFiles = (await prisma.dipFile.findMany({ select: { id: true }, take: 3 })).map((row) => row.id);
  ids.dipVersions = (await prisma.dipFileVersion.findMany({ select: { id: true }, take: 3 })).map((row) => row.id);
  const ppidUnits = await prisma.unit.findMany({
    where: { ppidLevel: { not: null } },
    select: { id: true, code: true },
  });
  ids.ppidUnits = ppidUnits.map((unit) => unit.id);
  ids.ppidCodes = ppidUnits.flatMap((unit) => (unit.code ? [unit.code] : []));
  const webReports = await prisma.inboxItem.findMany({
    where: { trackingNumber: { not: null } },
    select: { id: true, trackingNumber: true },
    take: 3,
  });
  ids.tracking = webReports.map((row) => row.trackingNumber!);
  ids.webReports = webReports.map((row) => row.id);
  // One information request with an objection and a file, so that bad input reaches the PPID's handlers too.
  const filed = await admin.post("/api/ppid/requests", PPID_STAFF_REQUEST);
  ids.ppidRequests = [filed.body.request.id];
  ids.ppidNumbers = [filed.body.request.registrationNumber];
  ids.ppidAccessCodes = [filed.body.accessCode];
  open311Key = (await admin.post("/api/auth/tokens", { name: "fuzz open311", scopes: ["inbox"] })).body.token;
  ids.ppidObjections = (await prisma.ppidObjection.findMany({ select: { id: true }, take: 3 })).map((row) => row.id);
}, 120_000);
afterAll(async () => siar?.close());

type Outcome = { request: FuzzRequest; status: number; problem?: string };

/** Sends one request as the person it names and judges the answer's shape. */
async function send(request: FuzzRequest): Promise<Outcome> {
  const client = request.as === "admin" ? admin : anonymous;
  const headers: Record<string, string> = { "accept-language": request.language, ...request.headers };
  if (client.cookie) headers.cookie = client.cookie;
  if (client.csrfToken && request.csrf) headers["x-csrf-token"] = client.csrfToken;
  // A form token issued a minute ago, so that bad fields get past the anti-abuse check to the validation behind it.
  const body = request.body
    ?.replace(FRESH_TOKEN, issueFormToken(siar.services.hasher, Date.now() - 60_000))
    .replace(FRESH_PPID_TOKEN, issuePurposeToken(siar.services.hasher, REQUEST_FORM_PURPOSE, Date.now() - 60_000))
    .replace(OPEN311_KEY, open311Key);
  const response = await fetch(siar.url + request.path, { method: request.method, headers, body, redirect: "manual" });
  const text = await response.text();
  if (response.status >= 500) return { request, status: response.status, problem: text.slice(0, 300) };
  // 431 and 414 come from Node's HTTP parser before the app sees the request.
  if (request.path.startsWith("/api/") && response.status >= 400 && response.status !== 431) {
    let parsed: { error?: { code?: unknown; message?: unknown } } | null = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { request, status: response.status, problem: `not JSON: ${text.slice(0, 120)}` };
    }
    if (typeof parsed?.error?.code !== "string" || typeof parsed.error.message !== "string" || !parsed.error.message) {
      return {
        request,
        status: response.status,
        problem: `error body without code and message: ${text.slice(0, 120)}`,
      };
    }
  }
  // A sign-out by the fuzz itself would leave the rest of the run unauthenticated.
  if (response.status === 401 && request.as === "admin") admin = await signedIn(siar.url, "admin@sanggau.demo");
  return { request, status: response.status };
}

describe("fuzz: bad input never gives a 5xx", () => {
  it("every route answers generated bad input with a 4xx or a success, and API errors are well formed", {
    timeout: (SECONDS + 120) * 1000,
  }, async () => {
    const started = Date.now();
    const outcomes: Outcome[] = [];
    for (const request of sweepRequests(routes, ids)) outcomes.push(await send(request));
    let round = 0;
    // Every route gets a round of requests before the time budget is looked at, so all are covered.
    do {
      for (const route of routes) {
        const requests = fc.sample(requestsFor(route, ids), { seed: SEED + round * 7919 + hash(route), numRuns: 10 });
        for (const request of requests) outcomes.push(await send(request));
      }
      for (const request of fc.sample(badBody(routes), { seed: SEED + round, numRuns: 40 }))
        outcomes.push(await send(request));
      round++;
    } while (Date.now() - started < SECONDS * 1000);

    const seconds = (Date.now() - started) / 1000;
    const byStatus = new Map<number, number>();
    for (const { status } of outcomes) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    const problems = outcomes.filter((outcome) => outcome.problem);
    console.log(
      `fuzz: ${routes.length} routes, ${outcomes.length} requests in ${seconds.toFixed(1)} s (seed ${SEED}, ${round} rounds); by status: ` +
        [...byStatus.entries()]
          .sort(([a], [b]) => a - b)
          .map(([status, count]) => `${status}×${count}`)
          .join(", ") +
        `; 5xx: ${outcomes.filter((o) => o.status >= 500).length}; malformed error bodies: ${problems.filter((o) => o.status < 500).length}`,
    );
    const report = problems
      .slice(0, 30)
      .map(
        ({ request, status, problem }) =>
          `${status} ${request.method} ${request.path.slice(0, 300)} ${request.body?.slice(0, 200) ?? ""} → ${problem?.slice(0, 200)}`,
      );
    expect(report).toEqual([]);
  });
});

function hash(route: RouteInfo): number {
  let h = 0;
  for (const char of `${route.method} ${route.path}`) h = (h * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(h);
}
