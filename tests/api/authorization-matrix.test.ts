import fs from "node:fs";
import path from "node:path";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRoutes } from "../helpers/routes.js";
import {
  findLeaks,
  PEOPLE,
  PERSONS,
  scopeOf,
  seedMarkedRecords,
  type Person,
  type Scope,
  type Seeded,
} from "../helpers/accessMatrix.js";
import { ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";
import { ppidMatrixRows } from "../helpers/ppidMatrixRows.js";
import { recordingSocket } from "../helpers/sockets.js";

// Who may do what to which unit's data, proven endpoint by endpoint for every demo role.
// "allow" means a 2xx answer, "deny" a 403 (or 404 for what the caller may not know exists).
// Then, for every person: every read endpoint (lists with filters, every seeded record's detail
// and the lists nested in it, dashboards, reports) is scanned for other units' records; every
// write on another unit's record is refused and changes nothing; every socket event reaches only
// those who may see its record. Every /api route must appear here or in ROUTES_EXEMPT.

let siar: TestSiar;
let seeded: Seeded;
const clients = {} as Record<Person, ApiClient>;
const scopes = {} as Record<Person, Scope>;
const units: Record<string, string> = {};
const users: Record<string, string> = {};
let apiRoutes: string[] = [];
const covered = new Set<string>();
let requestsMade = 0;
let leaksFound = 0;

beforeAll(async () => {
  siar = await startTestSiar();
  apiRoutes = listRoutes(siar.services)
    .filter((route) => route.path.startsWith("/api/"))
    .map((route) => `${route.method} ${route.path}`)
    .sort();
  for (const [person, email] of Object.entries(PEOPLE)) {
    clients[person as Person] = await signedIn(siar.url, email);
    scopes[person as Person] = await scopeOf(siar, email);
  }
  const allUnits = (await clients.admin.get("/api/units?limit=1000")).body.data as { id: string; code: string }[];
  for (const unit of allUnits) units[unit.code] = unit.id;
  const allUsers = (await clients.admin.get("/api/users?limit=200")).body.data as { id: string; email: string }[];
  for (const user of allUsers) users[user.email] = user.id;
  seeded = await seedMarkedRecords(siar);
  // A notification about every seeded item and post for everyone: each list must show only what its reader may read.
  const subjects = [
    ...Object.values(seeded.items).map((id) => ({ subjectType: "InboxItem", subjectId: id })),
    ...Object.values(seeded.posts).map((id) => ({ subjectType: "Post", subjectId: id })),
  ];
  await siar.services.prisma.notification.createMany({
    data: Object.values(users).flatMap((userId) =>
      subjects.map((subject) => ({ userId, kind: "item_assigned" as const, ...subject })),
    ),
    skipDuplicates: true,
  });
});
afterAll(async () => siar?.close());

type Expectation = "allow" | "deny" | "any";
type Row = {
  /** The route template, as express knows it ("POST /api/units"). */
  route: string;
  what: string;
  call: (client: ApiClient) => Promise<{ status: number }>;
  expected: Record<Person, Expectation>;
};

const ALL: Record<Person, Expectation> = {
  admin: "allow",
  humas: "allow",
  leaderKabupaten: "allow",
  leaderKapuas: "allow",
  officerKapuas: "allow",
  officerTayanHulu: "allow",
  ppidUtama: "allow",
  ppidKapuas: "allow",
  operatorSungaiMawang: "allow",
};
const only = (...people: Person[]): Record<Person, Expectation> =>
  Object.fromEntries(PERSONS.map((p) => [p, people.includes(p) ? "allow" : "deny"])) as Record<Person, Expectation>;
/** Only admins get past the policy; what follows (a platform or SMTP not configured here) is not this matrix's concern. */
const adminOnly = { ...only(), admin: "any" } as Record<Person, Expectation>;

let counter = 0;
/** A dead letter of its own for each row that acts on one. */
const deadLetter = () =>
  siar.services.prisma.inboxDeadLetter.create({
    data: { origin: "poll", payloadKind: "receipt", payload: "{}", key: `matrix:${++counter}`, reason: "test" },
  });

/** A webhook endpoint of its own for each row that acts on one (a receiver nobody listens on), with one delivery done. */
const webhookEndpoint = async () => {
  const { prisma, secretBox } = siar.services;
  const endpoint = await prisma.webhookEndpoint.create({
    data: { url: "http://127.0.0.1:9/matriks", events: ["post.published"], secretSealed: secretBox.seal("whsec_eA==") },
  });
  const event = await prisma.webhookEvent.create({ data: { type: "post.published", data: {} } });
  const delivery = await prisma.webhookDelivery.create({
    data: { endpointId: endpoint.id, eventId: event.id, status: "succeeded", attempts: 1, nextAttemptAt: null },
  });
  return { id: endpoint.id, deliveryId: delivery.id };
};

/** A site entry of its own for each row that acts on one: an agenda item of the unit, as a draft or in review. */
const siteEntry = async (code: string, status: "draft" | "in_review" = "draft") =>
  (
    await siar.services.prisma.siteEntry.create({
      data: {
        unitId: units[code]!,
        kind: "agenda",
        status,
        draft: { title: `Rapat ${++counter}`, date: "2026-12-01", time: "", place: "", description: "" },
      },
    })
  ).id;
const agendaContent = {
  title: "Musyawarah desa",
  date: "2026-12-10",
  time: "09.00",
  place: "Balai desa",
  description: "",
};
const pdf = "%PDF-1.4\n%matriks\n";
/** Whoever writes a Kapuas desa's site: staff above it and its operator. */
const kapuasDesaWriters = only(
  "admin",
  "humas",
  "leaderKabupaten",
  "leaderKapuas",
  "officerKapuas",
  "operatorSungaiMawang",
);
const kapuasDesaReviewers = only("admin", "humas", "leaderKabupaten", "leaderKapuas", "officerKapuas");
const siteStaff = only("admin", "humas", "leaderKabupaten", "leaderKapuas", "officerKapuas", "officerTayanHulu");
// ---------------------------------------------------------------- the DIP and PPID profiles

/** Who keeps Kapuas's DIP: admins, the PPID Utama, and Kapuas's own PPID. */
const KEEPS_KAPUAS = ["admin", "ppidUtama", "ppidKapuas"] as const;

/** A DIP entry of its own for each row that changes one. */
const dipItem = async (code: string, status: "draft" | "published" = "published") =>
  (
    await siar.services.prisma.dipItem.create({
      data: {
        unitId: units[code]!,
        class: "berkala",
        title: `Entri matriks ${++counter}`,
        summary: "Ringkasan",
        responsibleOfficial: "Sekretaris",
        year: 2026,
        formats: ["softcopy"],
        retention: "5 tahun",
        status,
        publishedAt: status === "published" ? new Date() : null,
      },
    })
  ).id;
/** A document (a small CSV) on a fresh entry of `code`, uploaded by an admin. */
const dipDocument = async (code: string) => {
  const itemId = await dipItem(code);
  const uploaded = await uploadCsv(clients.admin, `/api/dip-items/${itemId}/files?name=Data`);
  return { itemId, fileId: uploaded.body.files[0].id as string };
};
const uploadCsv = (c: ApiClient, path: string) =>
  c.request("POST", path, "tahun,jumlah\n2026,1\n", { "content-type": "text/csv" });
const profileBody = {
  about: "Tentang",
  requestProcedure: "Cara meminta",
  objectionProcedure: "Cara keberatan",
  serviceStandard: "Standar",
  serviceHours: "Senin–Jumat",
  address: "Jalan Uji",
};

function dipRows(): Row[] {
  const entry = (code: string, extra: Record<string, unknown> = {}) => ({
    unitId: units[code],
    class: "berkala",
    title: `Entri baru ${++counter}`,
    summary: "Ringkasan",
    responsibleOfficial: "Sekretaris",
    year: 2026,
    formats: ["softcopy"],
    retention: "5 tahun",
    ...extra,
  });
  return [
    {
      route: "GET /api/dip-items",
      what: "list the DIP entries of their scope",
      call: (c) => c.get("/api/dip-items"),
      expected: only("admin", "humas", "ppidUtama", "ppidKapuas", "operatorSungaiMawang"),
    },
    {
      route: "GET /api/dip-items/export",
      what: "export the DIP entries of their scope",
      call: (c) => c.get("/api/dip-items/export?format=json"),
      expected: only("admin", "humas", "ppidUtama", "ppidKapuas", "operatorSungaiMawang"),
    },
    {
      route: "GET /api/dip-items/units",
      what: "list the units they may add DIP entries to",
      call: (c) => c.get("/api/dip-items/units"),
      expected: only(...KEEPS_KAPUAS, "operatorSungaiMawang"),
    },
    {
      route: "POST /api/dip-items",
      what: "add a DIP entry to Kecamatan Kapuas",
      call: (c) => c.post("/api/dip-items", entry("kec-kapuas")),
      expected: only(...KEEPS_KAPUAS),
    },
    {
      route: "POST /api/dip-items",
      what: "draft a DIP entry of Desa Sungai Mawang's BPD",
      call: (c) => c.post("/api/dip-items", entry("desa-sungai-mawang", { body: "bpd" })),
      expected: only(...KEEPS_KAPUAS, "operatorSungaiMawang"),
    },
    {
      route: "POST /api/dip-items",
      what: "add a DIP entry to Kecamatan Tayan Hulu",
      call: (c) => c.post("/api/dip-items", entry("kec-tayan-hulu")),
      expected: only("admin", "ppidUtama"),
    },
    {
      route: "GET /api/dip-items/:id",
      what: "read a Kapuas DIP entry",
      call: (c) => c.get(`/api/dip-items/${seeded.dipItems["kec-kapuas"]}`),
      expected: only("admin", "humas", "ppidUtama", "ppidKapuas"),
    },
    {
      route: "GET /api/dip-items/:id",
      what: "read a Desa Sungai Mawang DIP draft",
      call: (c) => c.get(`/api/dip-items/${seeded.dipItems["desa-sungai-mawang"]}`),
      expected: only("admin", "humas", "ppidUtama", "ppidKapuas", "operatorSungaiMawang"),
    },
    {
      route: "PATCH /api/dip-items/:id",
      what: "change a published Kapuas DIP entry",
      call: async (c) => c.patch(`/api/dip-items/${await dipItem("kec-kapuas")}`, { retention: "10 tahun" }),
      expected: only(...KEEPS_KAPUAS),
    },
    {
      route: "PATCH /api/dip-items/:id",
      what: "change a Desa Sungai Mawang DIP draft",
      call: async (c) => c.patch(`/api/dip-items/${await dipItem("desa-sungai-mawang", "draft")}`, { period: "2026" }),
      expected: only(...KEEPS_KAPUAS, "operatorSungaiMawang"),
    },
    {
      route: "PATCH /api/dip-items/:id",
      what: "change a published Desa Sungai Mawang DIP entry",
      call: async (c) => c.patch(`/api/dip-items/${await dipItem("desa-sungai-mawang")}`, { period: "2026" }),
      expected: only(...KEEPS_KAPUAS),
    },
    {
      route: "PATCH /api/dip-items/:id",
      what: "change a Tayan Hulu DIP entry",
      call: async (c) => c.patch(`/api/dip-items/${await dipItem("kec-tayan-hulu")}`, { period: "2026" }),
      expected: only("admin", "ppidUtama"),
    },
    {
      route: "POST /api/dip-items/:id/publish",
      what: "publish a Desa Sungai Mawang DIP draft",
      call: async (c) => c.post(`/api/dip-items/${await dipItem("desa-sungai-mawang", "draft")}/publish`),
      expected: only(...KEEPS_KAPUAS),
    },
    {
      route: "POST /api/dip-items/:id/withdraw",
      what: "withdraw a Kapuas DIP entry",
      call: async (c) => c.post(`/api/dip-items/${await dipItem("kec-kapuas")}/withdraw`, { reason: "Kedaluwarsa" }),
      expected: only(...KEEPS_KAPUAS),
    },
    {
      route: "DELETE /api/dip-items/:id",
      what: "delete a Kapuas DIP draft",
      call: async (c) => c.delete(`/api/dip-items/${await dipItem("kec-kapuas", "draft")}`),
      expected: only(...KEEPS_KAPUAS),
    },
    {
      route: "POST /api/dip-items/:id/files",
      what: "add a document to a Kapuas DIP entry",
      call: async (c) => uploadCsv(c, `/api/dip-items/${await dipItem("kec-kapuas")}/files?name=Data`),
      expected: only(...KEEPS_KAPUAS),
    },
    {
      route: "POST /api/dip-items/:id/files/:fileId/versions",
      what: "upload a new version of a Kapuas DIP document",
      call: async (c) => {
        const { itemId, fileId } = await dipDocument("kec-kapuas");
        return uploadCsv(c, `/api/dip-items/${itemId}/files/${fileId}/versions`);
      },
      expected: only(...KEEPS_KAPUAS),
    },
    {
      route: "GET /api/dip-items/:id/files/:fileId/versions/:version",
      what: "download a Kapuas DIP document",
      call: async (c) => {
        const { itemId, fileId } = await dipDocument("kec-kapuas");
        return c.get(`/api/dip-items/${itemId}/files/${fileId}/versions/1`);
      },
      expected: only("admin", "humas", "ppidUtama", "ppidKapuas"),
    },
    {
      route: "DELETE /api/dip-items/:id/files/:fileId",
      what: "take a document off a Kapuas DIP entry",
      call: async (c) => {
        const { itemId, fileId } = await dipDocument("kec-kapuas");
        return c.delete(`/api/dip-items/${itemId}/files/${fileId}`);
      },
      expected: only(...KEEPS_KAPUAS),
    },
    {
      route: "GET /api/ppid-profiles",
      what: "list the PPID profiles they may read",
      call: (c) => c.get("/api/ppid-profiles"),
      expected: ALL,
    },
    {
      route: "GET /api/ppid-profiles/:unitId",
      what: "read PPID Kapuas's profile",
      call: (c) => c.get(`/api/ppid-profiles/${units["kec-kapuas"]}`),
      expected: only("admin", "humas", "ppidUtama", "ppidKapuas"),
    },
    {
      route: "PUT /api/ppid-profiles/:unitId",
      what: "write PPID Kapuas's profile",
      call: (c) => c.request("PUT", `/api/ppid-profiles/${units["kec-kapuas"]}`, profileBody),
      expected: only(...KEEPS_KAPUAS),
    },
    {
      route: "PUT /api/ppid-profiles/:unitId",
      what: "write PPID PUPR's profile",
      call: (c) => c.request("PUT", `/api/ppid-profiles/${units["dinas-pupr"]}`, profileBody),
      expected: only("admin", "ppidUtama"),
    },
  ];
}

const rows: Row[] = [
  // The API reference is public like the code it describes: what the API accepts, never any record.
  {
    route: "GET /api/openapi.json",
    what: "read the API's OpenAPI document",
    call: (c) => c.get("/api/openapi.json"),
    expected: ALL,
  },
  { route: "GET /api/docs", what: "open the API reference page", call: (c) => c.get("/api/docs"), expected: ALL },
  {
    route: "GET /api/sites",
    what: "list the unit sites of one's scope",
    call: (c) => c.get("/api/sites"),
    expected: { ...siteStaff, operatorSungaiMawang: "allow" },
  },
  {
    route: "GET /api/sites/freshness",
    what: "see which sites went stale",
    call: (c) => c.get("/api/sites/freshness"),
    expected: siteStaff,
  },
  {
    route: "GET /api/sites/settings",
    what: "read the staleness setting",
    call: (c) => c.get("/api/sites/settings"),
    expected: siteStaff,
  },
  {
    route: "PATCH /api/sites/settings",
    what: "change after how many days a site is stale",
    call: (c) => c.patch("/api/sites/settings", { staleAfterDays: 30 }),
    expected: only("admin"),
  },
  {
    route: "GET /api/sites/:unitId",
    what: "read a Kapuas desa's site",
    call: (c) => c.get(`/api/sites/${units["desa-sungai-mawang"]}`),
    expected: kapuasDesaWriters,
  },
  {
    route: "PATCH /api/sites/:unitId",
    what: "change a desa site's address",
    call: (c) => c.patch(`/api/sites/${units["desa-sungai-mawang"]}`, { slug: "sungai-mawang" }),
    expected: only("admin"),
  },
  {
    route: "POST /api/sites/:unitId/push-token",
    what: "issue a desa's OpenSID token",
    call: (c) => c.post(`/api/sites/${units["desa-engkasan"]}/push-token`),
    expected: only("admin"),
  },
  {
    route: "DELETE /api/sites/:unitId/push-token",
    what: "revoke a desa's OpenSID token",
    call: async (c) => {
      await siar.services.prisma.sitePushToken.upsert({
        where: { unitId: units["desa-engkasan"]! },
        create: { unitId: units["desa-engkasan"]!, tokenHash: `matriks-${++counter}`, prefix: "siaropd_x" },
        update: {},
      });
      return c.delete(`/api/sites/${units["desa-engkasan"]}/push-token`);
    },
    expected: only("admin"),
  },
  {
    route: "POST /api/sites/:unitId/documents",
    what: "upload a PDF for a Kapuas desa's site",
    call: (c) =>
      c.request("POST", `/api/sites/${units["desa-sungai-mawang"]}/documents?name=perdes.pdf`, pdf, {
        "content-type": "application/pdf",
      }),
    expected: kapuasDesaWriters,
  },
  {
    route: "GET /api/site-entries",
    what: "list site entries",
    call: (c) => c.get("/api/site-entries"),
    expected: { ...siteStaff, operatorSungaiMawang: "allow" },
  },
  {
    route: "POST /api/site-entries/units/:unitId",
    what: "draft an agenda item of a Kapuas desa",
    call: (c) =>
      c.post(`/api/site-entries/units/${units["desa-sungai-mawang"]}`, { kind: "agenda", content: agendaContent }),
    expected: kapuasDesaWriters,
  },
  {
    route: "POST /api/site-entries/units/:unitId",
    what: "draft an agenda item of a Tayan Hulu desa",
    call: (c) =>
      c.post(`/api/site-entries/units/${units["desa-engkasan"]}`, { kind: "agenda", content: agendaContent }),
    expected: only("admin", "humas", "leaderKabupaten", "officerTayanHulu"),
  },
  {
    route: "POST /api/site-entries/units/:unitId",
    what: "draft an agenda item of Kecamatan Kapuas",
    call: (c) => c.post(`/api/site-entries/units/${units["kec-kapuas"]}`, { kind: "agenda", content: agendaContent }),
    expected: kapuasDesaReviewers,
  },
  {
    route: "GET /api/site-entries/:id",
    what: "read a Kapuas desa's entry",
    call: async (c) => c.get(`/api/site-entries/${await siteEntry("desa-sungai-mawang")}`),
    expected: kapuasDesaWriters,
  },
  {
    route: "PATCH /api/site-entries/:id",
    what: "edit a Kapuas desa's entry",
    call: async (c) =>
      c.patch(`/api/site-entries/${await siteEntry("desa-sungai-mawang")}`, { content: agendaContent }),
    expected: kapuasDesaWriters,
  },
  {
    route: "PATCH /api/site-entries/:id",
    what: "edit a Tayan Hulu desa's entry",
    call: async (c) => c.patch(`/api/site-entries/${await siteEntry("desa-engkasan")}`, { content: agendaContent }),
    expected: only("admin", "humas", "leaderKabupaten", "officerTayanHulu"),
  },
  {
    route: "POST /api/site-entries/:id/submit",
    what: "send a Kapuas desa's entry for review",
    call: async (c) => c.post(`/api/site-entries/${await siteEntry("desa-sungai-mawang")}/submit`),
    expected: kapuasDesaWriters,
  },
  {
    route: "POST /api/site-entries/:id/approve",
    what: "publish a Kapuas desa's entry",
    call: async (c) => c.post(`/api/site-entries/${await siteEntry("desa-sungai-mawang", "in_review")}/approve`),
    expected: kapuasDesaReviewers,
  },
  {
    route: "POST /api/site-entries/:id/approve",
    what: "publish a Tayan Hulu desa's entry",
    call: async (c) => c.post(`/api/site-entries/${await siteEntry("desa-engkasan", "in_review")}/approve`),
    expected: only("admin", "humas", "leaderKabupaten", "officerTayanHulu"),
  },
  {
    route: "POST /api/site-entries/:id/return",
    what: "return a Kapuas desa's entry with comments",
    call: async (c) =>
      c.post(`/api/site-entries/${await siteEntry("desa-sungai-mawang", "in_review")}/return`, {
        note: "Mohon dilengkapi.",
      }),
    expected: kapuasDesaReviewers,
  },
  {
    route: "DELETE /api/site-entries/:id",
    what: "delete a Kapuas desa's unpublished draft",
    call: async (c) => c.delete(`/api/site-entries/${await siteEntry("desa-sungai-mawang")}`),
    expected: kapuasDesaWriters,
  },
  {
    route: "GET /api/units/:id",
    what: "read Kecamatan Kapuas",
    call: (c) => c.get(`/api/units/${units["kec-kapuas"]}`),
    expected: only("admin", "humas", "leaderKabupaten", "leaderKapuas", "officerKapuas", "ppidKapuas"),
  },
  {
    route: "GET /api/units/:id",
    what: "read a desa below Kapuas",
    call: (c) => c.get(`/api/units/${units["desa-sungai-mawang"]}`),
    expected: only(
      "admin",
      "humas",
      "leaderKabupaten",
      "leaderKapuas",
      "officerKapuas",
      "ppidKapuas",
      "operatorSungaiMawang",
    ),
  },
  {
    route: "GET /api/units/:id",
    what: "read Kecamatan Tayan Hulu",
    call: (c) => c.get(`/api/units/${units["kec-tayan-hulu"]}`),
    expected: only("admin", "humas", "leaderKabupaten", "officerTayanHulu"),
  },
  {
    route: "PATCH /api/units/:id",
    what: "rename Kecamatan Kapuas",
    call: (c) => c.patch(`/api/units/${units["kec-kapuas"]}`, { name: `Kecamatan Kapuas ${++counter}` }),
    expected: only("admin"),
  },
  {
    route: "PATCH /api/units/:id",
    what: "deactivate a desa of Tayan Hulu",
    call: (c) => c.patch(`/api/units/${units["desa-engkasan"]}`, { active: false }),
    expected: only("admin"),
  },
  {
    route: "POST /api/units",
    what: "create a desa below Kapuas",
    call: (c) => c.post("/api/units", { name: `Desa Uji ${++counter}`, type: "desa", parentId: units["kec-kapuas"] }),
    expected: only("admin"),
  },
  {
    route: "GET /api/units/regions",
    what: "list the kabupaten/kota of the official area data",
    call: (c) => c.get("/api/units/regions"),
    expected: only("admin"),
  },
  {
    route: "GET /api/units/import-preview",
    what: "preview importing Sanggau's official areas",
    call: (c) => c.get(`/api/units/import-preview?region=61.03&parentId=${units["kab-sanggau"]}`),
    expected: only("admin"),
  },
  {
    route: "POST /api/units/import",
    what: "import Sanggau's official areas (nothing is missing)",
    call: (c) => c.post("/api/units/import", { region: "61.03", parentId: units["kab-sanggau"] }),
    expected: only("admin"),
  },
  {
    route: "POST /api/units/:id/merge",
    what: "merge a desa below Kapuas into another",
    call: async (c) => {
      const desa = async () =>
        (
          await clients.admin.post("/api/units", {
            name: `Desa Gabung ${++counter}`,
            type: "desa",
            parentId: units["kec-kapuas"],
          })
        ).body.id;
      return c.post(`/api/units/${await desa()}/merge`, { intoUnitId: await desa() });
    },
    expected: only("admin"),
  },
  {
    route: "GET /api/users/:id",
    what: "read the Kapuas officer",
    call: (c) => c.get(`/api/users/${users[PEOPLE.officerKapuas]}`),
    expected: only("admin", "humas", "leaderKabupaten", "leaderKapuas", "officerKapuas", "ppidKapuas"),
  },
  {
    route: "GET /api/users/:id",
    what: "read the Tayan Hulu officer",
    call: (c) => c.get(`/api/users/${users[PEOPLE.officerTayanHulu]}`),
    expected: only("admin", "humas", "leaderKabupaten", "officerTayanHulu"),
  },
  {
    route: "PATCH /api/users/:id",
    what: "edit the Tayan Hulu officer",
    call: (c) => c.patch(`/api/users/${users[PEOPLE.officerTayanHulu]}`, { name: `Siti ${++counter}` }),
    expected: only("admin"),
  },
  {
    route: "POST /api/users/:id/reset-password",
    what: "reset the PUPR officer's password",
    call: (c) => c.post(`/api/users/${users["petugas.pupr@sanggau.demo"]}/reset-password`),
    expected: only("admin"),
  },
  {
    route: "POST /api/users",
    what: "create a user in Tayan Hulu",
    call: (c) =>
      c.post("/api/users", {
        email: `baru${++counter}@sanggau.demo`,
        name: "Pengguna Baru",
        role: "officer",
        unitIds: [units["kec-tayan-hulu"]],
      }),
    expected: only("admin"),
  },
  {
    route: "GET /api/audit-events",
    what: "browse the audit log",
    call: (c) => c.get("/api/audit-events"),
    expected: only("admin", "leaderKabupaten", "leaderKapuas"),
  },
  { route: "GET /api/units", what: "list units", call: (c) => c.get("/api/units"), expected: ALL },
  { route: "GET /api/users", what: "list users", call: (c) => c.get("/api/users"), expected: ALL },
  ...notificationRows(),
  {
    route: "GET /api/inbox/:id/lapor",
    what: "read a Kapuas item's LAPOR! hand-off and ready text",
    call: (c) => c.get(`/api/inbox/${seeded.items.kapuas}/lapor`),
    expected: only("admin", "humas", "officerKapuas"),
  },
  {
    route: "GET /api/canned-responses",
    what: "list canned responses",
    call: (c) => c.get("/api/canned-responses"),
    expected: only("admin", "humas", "officerKapuas", "officerTayanHulu"),
  },
  {
    route: "GET /api/webhook-endpoints",
    what: "list the outgoing webhook endpoints",
    call: (c) => c.get("/api/webhook-endpoints"),
    expected: only("admin"),
  },
  {
    route: "POST /api/webhook-endpoints",
    what: "register an outgoing webhook endpoint",
    call: (c) => c.post("/api/webhook-endpoints", { url: "http://127.0.0.1:9/matriks", events: ["post.published"] }),
    expected: only("admin"),
  },
  {
    route: "GET /api/webhook-endpoints/:id",
    what: "read an outgoing webhook endpoint",
    call: async (c) => c.get(`/api/webhook-endpoints/${(await webhookEndpoint()).id}`),
    expected: only("admin"),
  },
  {
    route: "PATCH /api/webhook-endpoints/:id",
    what: "change an outgoing webhook endpoint",
    call: async (c) => c.patch(`/api/webhook-endpoints/${(await webhookEndpoint()).id}`, { enabled: false }),
    expected: only("admin"),
  },
  {
    route: "DELETE /api/webhook-endpoints/:id",
    what: "remove an outgoing webhook endpoint",
    call: async (c) => c.delete(`/api/webhook-endpoints/${(await webhookEndpoint()).id}`),
    expected: only("admin"),
  },
  {
    route: "POST /api/webhook-endpoints/:id/rotate-secret",
    what: "rotate an outgoing webhook endpoint's secret",
    call: async (c) => c.post(`/api/webhook-endpoints/${(await webhookEndpoint()).id}/rotate-secret`),
    expected: only("admin"),
  },
  {
    route: "GET /api/webhook-endpoints/:id/deliveries",
    what: "read an outgoing webhook endpoint's delivery log",
    call: async (c) => c.get(`/api/webhook-endpoints/${(await webhookEndpoint()).id}/deliveries`),
    expected: only("admin"),
  },
  {
    route: "POST /api/webhook-endpoints/:id/deliveries/:deliveryId/replay",
    what: "replay an outgoing webhook delivery",
    call: async (c) => {
      const endpoint = await webhookEndpoint();
      return c.post(`/api/webhook-endpoints/${endpoint.id}/deliveries/${endpoint.deliveryId}/replay`);
    },
    expected: only("admin"),
  },
  {
    route: "GET /api/system/health",
    what: "read the system health page",
    call: (c) => c.get("/api/system/health"),
    expected: only("admin"),
  },
  {
    route: "GET /api/inbox-dead-letters",
    what: "list the inbox's dead letters",
    call: (c) => c.get("/api/inbox-dead-letters"),
    expected: only("admin"),
  },
  {
    route: "POST /api/inbox-dead-letters/:id/dismiss",
    what: "dismiss an inbox dead letter",
    call: async (c) => c.post(`/api/inbox-dead-letters/${(await deadLetter()).id}/dismiss`),
    expected: only("admin"),
  },
  {
    route: "POST /api/inbox-dead-letters/:id/retry",
    what: "retry an inbox dead letter",
    // A receipt that is not a webhook fails again: the answer says so, to the admin alone.
    call: async (c) => c.post(`/api/inbox-dead-letters/${(await deadLetter()).id}/retry`),
    expected: adminOnly,
  },
  {
    route: "POST /api/canned-responses",
    what: "write a canned response",
    call: (c) =>
      c.post("/api/canned-responses", {
        title: `Templat ${++counter}`,
        body: "Terima kasih, {nama}.",
        unitId: null,
        language: "id",
      }),
    expected: only("admin"),
  },
  {
    route: "GET /api/demo-data",
    what: "count the demo's made-up posts and inbox items",
    call: (c) => c.get("/api/demo-data"),
    expected: only("admin"),
  },
  {
    route: "DELETE /api/demo-data",
    what: "remove the demo's made-up posts and inbox items",
    call: (c) => c.delete("/api/demo-data"),
    expected: only("admin"),
  },
  {
    route: "GET /api/organisation/letterhead",
    what: "read the office's letterhead",
    call: (c) => c.get("/api/organisation/letterhead"),
    expected: only("admin"),
  },
  {
    route: "PATCH /api/organisation/letterhead",
    what: "set the office's letterhead address",
    call: (c) => c.patch("/api/organisation/letterhead", { address: "Jl. Matriks 1", contact: "Telp. 1" }),
    expected: only("admin"),
  },
  {
    route: "POST /api/organisation/letterhead/logo",
    what: "upload the office's logo",
    // Past the policy the bytes are checked (this is no real PNG): only admins get that far.
    call: (c) => c.request("POST", "/api/organisation/letterhead/logo", "\x89PNG", { "content-type": "image/png" }),
    expected: adminOnly,
  },
  {
    route: "DELETE /api/organisation/letterhead/logo",
    what: "remove the office's logo",
    call: (c) => c.delete("/api/organisation/letterhead/logo"),
    expected: only("admin"),
  },
  {
    route: "GET /api/routing-rules",
    what: "read the routing rules",
    call: (c) => c.get("/api/routing-rules"),
    expected: only("admin", "humas"),
  },
  {
    route: "POST /api/routing-rules",
    what: "add a routing rule",
    call: (c) =>
      c.post("/api/routing-rules", {
        category: "ekonomi",
        placeUnitId: null,
        unitId: units["kec-kapuas"],
        priority: 1,
      }),
    expected: only("admin"),
  },
  {
    route: "PATCH /api/routing-rules/:id",
    what: "change a routing rule",
    call: async (c) => c.patch(`/api/routing-rules/${await ruleId()}`, { priority: 2 }),
    expected: only("admin"),
  },
  {
    route: "DELETE /api/routing-rules/:id",
    what: "delete a routing rule",
    call: async (c) => c.delete(`/api/routing-rules/${await ruleId()}`),
    expected: only("admin"),
  },
  {
    route: "POST /api/channels",
    what: "connect a channel for Tayan Hulu",
    call: (c) =>
      c.post("/api/channels", { unitId: units["kec-tayan-hulu"], kind: "wordpress", credentials: { token: "x" } }),
    expected: adminOnly,
  },
  {
    route: "PATCH /api/channels/:id",
    what: "rename a channel",
    call: async (c) => c.patch(`/api/channels/${await channelId()}`, { name: `Situs ${++counter}` }),
    expected: only("admin"),
  },
  {
    route: "GET /api/channels/:id/usage",
    what: "read a channel's request spend",
    call: async (c) => c.get(`/api/channels/${await channelId()}/usage`),
    expected: only("admin"),
  },
  {
    route: "GET /api/channels/:id/whatsapp-templates",
    what: "read the templates listed for the WhatsApp number",
    call: async (c) => c.get(`/api/channels/${await whatsappChannelId()}/whatsapp-templates`),
    expected: only("admin"),
  },
  {
    route: "GET /api/channels/:id/whatsapp-templates/approved",
    what: "read Meta's approved templates of the WhatsApp number",
    call: async (c) => c.get(`/api/channels/${await whatsappChannelId()}/whatsapp-templates/approved`),
    // Asks Meta: whether the admin's call succeeds depends on the platform being reachable.
    expected: adminOnly,
  },
  {
    route: "POST /api/channels/:id/whatsapp-templates",
    what: "list an approved WhatsApp template for staff",
    call: async (c) =>
      c.post(`/api/channels/${await whatsappChannelId()}/whatsapp-templates`, {
        name: "laporan_ditindaklanjuti",
        language: "id",
        parameters: ["item_reference", "reply_text"],
      }),
    expected: adminOnly,
  },
  {
    route: "DELETE /api/channels/:id/whatsapp-templates/:templateId",
    what: "take a WhatsApp template off the list",
    call: async (c) => {
      const template = await siar.services.prisma.whatsAppTemplate.findFirst();
      return c.delete(
        `/api/channels/${await whatsappChannelId()}/whatsapp-templates/${template?.id ?? "00000000-0000-4000-8000-000000000000"}`,
      );
    },
    expected: adminOnly,
  },
  {
    route: "GET /api/channels/webhooks",
    what: "see where Meta's webhooks reach Siar",
    call: (c) => c.get("/api/channels/webhooks"),
    expected: only("admin"),
  },
  {
    route: "POST /api/channels/webhooks/test",
    what: "send Siar a signed test webhook",
    call: (c) => c.post("/api/channels/webhooks/test"),
    expected: adminOnly,
  },
  {
    route: "GET /api/platform-prices",
    what: "read what X charges per item",
    call: (c) => c.get("/api/platform-prices"),
    expected: only("admin", "humas"),
  },
  {
    route: "PATCH /api/platform-prices/:item",
    what: "change what X charges for a post read",
    call: (c) => c.patch("/api/platform-prices/x.post_read", { unitPrice: 0.005 }),
    expected: only("admin"),
  },
  {
    route: "GET /api/channels/oauth",
    what: "see which platforms can be connected",
    call: (c) => c.get("/api/channels/oauth"),
    expected: only("admin"),
  },
  {
    route: "GET /api/channels/oauth/meta/start",
    what: "start connecting Facebook",
    call: (c) => c.get(`/api/channels/oauth/meta/start?unitId=${units["kec-kapuas"]}`),
    expected: adminOnly,
  },
  {
    route: "GET /api/channels/oauth/meta/pages",
    what: "list the Facebook Pages of a connection",
    call: (c) => c.get("/api/channels/oauth/meta/pages"),
    expected: adminOnly,
  },
  {
    route: "POST /api/channels/oauth/meta/complete",
    what: "finish connecting Facebook",
    call: (c) => c.post("/api/channels/oauth/meta/complete", {}),
    expected: adminOnly,
  },
  {
    route: "GET /api/channels/oauth/x/start",
    what: "start connecting X",
    call: (c) => c.get(`/api/channels/oauth/x/start?unitId=${units["kec-kapuas"]}`),
    expected: adminOnly,
  },
  {
    route: "POST /api/reports/send-test",
    what: "send the weekly report as a test",
    call: (c) => c.post("/api/reports/send-test", { to: "me" }),
    expected: adminOnly,
  },
  {
    route: "ALL /api/sandbox/{*path}",
    what: "drive the simulated platforms",
    call: (c) => c.get("/api/sandbox/state"),
    expected: adminOnly,
  },
  {
    route: "GET /api/dashboard/glossary",
    what: "read the figures' definitions",
    call: (c) => c.get("/api/dashboard/glossary"),
    expected: only("admin", "humas", "leaderKabupaten", "leaderKapuas"),
  },
  {
    route: "GET /api/settings/reporting",
    what: "read the reporting time zone and on-time tolerance",
    call: (c) => c.get("/api/settings/reporting"),
    expected: only("admin", "humas", "leaderKabupaten", "leaderKapuas"),
  },
  {
    route: "GET /api/working-calendar/:year",
    what: "read a year of the working calendar with the source of each date",
    call: (c) => c.get("/api/working-calendar/2027"),
    expected: only("admin", "humas"),
  },
  {
    route: "GET /api/working-calendar/notice",
    what: "whether next year's holiday decree is still missing",
    call: (c) => c.get("/api/working-calendar/notice"),
    expected: only("admin", "humas"),
  },
  {
    route: "POST /api/working-calendar/days",
    what: "add a day off with its decree (a regional holiday far ahead, touching no open deadline)",
    call: (c) =>
      c.post("/api/working-calendar/days", {
        date: "2031-03-03",
        kind: "libur_daerah",
        name: "Hari jadi kabupaten",
        decree: "Perbup No. 1 Tahun 2031",
      }),
    expected: only("admin"),
  },
  {
    route: "POST /api/working-calendar/days/move",
    what: "move a day off (the package's New Year of 2032)",
    call: (c) =>
      c.post("/api/working-calendar/days/move", { from: "2032-01-01", to: "2032-01-02", decree: "SKB 2031" }),
    expected: adminOnly,
  },
  {
    route: "POST /api/working-calendar/days/remove",
    what: "remove a day off (the regional holiday added above)",
    call: (c) => c.post("/api/working-calendar/days/remove", { date: "2031-03-03", decree: "Perbup No. 2 Tahun 2031" }),
    expected: adminOnly,
  },
  {
    route: "POST /api/working-calendar/:year/confirm",
    what: "confirm a year against its SKB",
    call: (c) => c.post("/api/working-calendar/2031/confirm", { decree: "SKB 2030" }),
    expected: only("admin"),
  },
  {
    route: "PATCH /api/settings/reporting",
    what: "set the reporting time zone (unchanged here, so nothing is recounted)",
    call: (c) => c.patch("/api/settings/reporting", { timeZone: "Asia/Jakarta", onTimeToleranceMinutes: 5 }),
    expected: only("admin"),
  },
  ...ppidMatrixRows({ clients, units }),
  ...dipRows(),
];

/** Everyone has their own notifications; nobody marks another's read. */
function notificationRows(): Row[] {
  const own = (path: string, method: "get" | "post" = "get") => ({
    route: `${method.toUpperCase()} ${path}`,
    what: `use their own notifications (${method.toUpperCase()} ${path})`,
    call: (c: ApiClient) => (method === "get" ? c.get(path) : c.post(path)),
    expected: ALL,
  });
  return [
    own("/api/notifications"),
    own("/api/notifications/count"),
    own("/api/notifications/settings"),
    own("/api/notifications/read-all", "post"),
    {
      route: "PATCH /api/notifications/settings",
      what: "choose their own notifications",
      call: (c) => c.patch("/api/notifications/settings", { emailsOff: [] }),
      expected: ALL,
    },
    {
      route: "POST /api/notifications/:id/read",
      what: "mark an admin's notification read",
      call: async (c) => {
        const notification = await siar.services.prisma.notification.findFirstOrThrow({
          where: { userId: users[PEOPLE.admin]! },
        });
        return c.post(`/api/notifications/${notification.id}/read`);
      },
      expected: only("admin"),
    },
  ];
}

async function ruleId(): Promise<string> {
  return (await siar.services.prisma.routingRule.findFirstOrThrow({ orderBy: { createdAt: "desc" } })).id;
}
async function whatsappChannelId(): Promise<string> {
  const { prisma, secretBox } = siar.services;
  const existing = await prisma.channel.findFirst({ where: { kind: "whatsapp" } });
  if (existing) return existing.id;
  // A fresh PostgreSQL database has no simulated number: one whose platform cannot be reached serves as well.
  const root = await prisma.unit.findFirstOrThrow({ where: { parentId: null }, orderBy: { createdAt: "asc" } });
  const channel = await prisma.channel.create({
    data: {
      unitId: root.id,
      kind: "whatsapp",
      name: "WhatsApp 62 811-0000-0000",
      externalId: "matrix-whatsapp",
      credentials: secretBox.seal(JSON.stringify({ accessToken: "matrix" })),
      settings: { baseUrl: "http://127.0.0.1:9", wabaId: "matrix-waba" },
    },
  });
  return channel.id;
}
async function channelId(): Promise<string> {
  return (await siar.services.prisma.channel.findFirstOrThrow({ orderBy: { createdAt: "asc" } })).id;
}

describe("authorization matrix: role × endpoint × unit", () => {
  for (const row of rows) {
    covered.add(row.route);
    for (const person of PERSONS) {
      const expected = row.expected[person];
      if (expected === "any") continue;
      it(`${person} ${expected === "allow" ? "may" : "may not"} ${row.what}`, async () => {
        const { status } = await row.call(clients[person]);
        requestsMade++;
        if (expected === "allow") expect(status, `${person}: ${row.what}`).toBeLessThan(300);
        else expect([403, 404], `${person}: ${row.what} gave ${status}`).toContain(status);
      });
    }
  }
});

/** allFor: persons who may read every unit's records at this endpoint (the PPID Utama keeps every unit's DIP). */
type Read = { route: string; path: string; unitList?: boolean; allFor?: Person[] };

/** Every read the web app makes, with the filters that pick another unit, and the detail of every seeded record. */
function reads(): Read[] {
  const list: Read[] = [];
  const add = (route: string, ...paths: string[]) => paths.forEach((p) => list.push({ route, path: p }));
  const each = <T>(values: T[], fn: (value: T) => string) => values.map(fn);
  const seededUnits = ["kab-sanggau", "kec-kapuas", "kec-tayan-hulu", "desa-sungai-mawang", "desa-engkasan"].map(
    (code) => units[code]!,
  );
  const items = Object.values(seeded.items);
  const tayanHulu = units["kec-tayan-hulu"];
  add("GET /api/auth/session", "/api/auth/session");
  add("GET /api/auth/tokens", "/api/auth/tokens");
  add("GET /api/notifications", "/api/notifications?limit=200");
  list.push({ route: "GET /api/units", path: "/api/units?limit=1000", unitList: true });
  list.push({ route: "GET /api/units", path: `/api/units?limit=1000&parentId=${tayanHulu}`, unitList: true });
  add("GET /api/units/:id", ...each(seededUnits, (id) => `/api/units/${id}`));
  add("GET /api/users", "/api/users?limit=200", `/api/users?limit=200&unitId=${tayanHulu}`);
  add("GET /api/users/:id", ...each(Object.values(users), (id) => `/api/users/${id}`));
  add(
    "GET /api/audit-events",
    "/api/audit-events?limit=200",
    `/api/audit-events?limit=200&unitId=${tayanHulu}`,
    "/api/audit-events?limit=200&action=matrix",
  );
  add("GET /api/channels", "/api/channels");
  add(
    "GET /api/posts",
    "/api/posts?limit=100",
    `/api/posts?limit=100&unitId=${tayanHulu}`,
    "/api/posts?limit=100&status=withdrawn",
    "/api/posts?limit=100&q=RAHASIA",
  );
  add("GET /api/posts/:id", ...each(Object.values(seeded.posts), (id) => `/api/posts/${id}`));
  add(
    "GET /api/inbox",
    ...each(
      ["all", "mine", "my_units", "unassigned", "overdue", "urgent"],
      (view) => `/api/inbox?limit=100&view=${view}`,
    ),
    `/api/inbox?limit=100&unitId=${tayanHulu}`,
    "/api/inbox?limit=100&q=RAHASIA",
    "/api/inbox?limit=100&q=Keluhan",
    "/api/inbox?limit=100&status=resolved",
    // A dashboard's drill-down (leaders and camat list too): a unit with those below, a place, a period.
    `/api/inbox?limit=100&underUnitId=${tayanHulu}`,
    `/api/inbox?limit=100&underUnitId=${units["kab-sanggau"]}&from=2020-01-01&to=2030-01-01`,
    `/api/inbox?limit=100&placeUnitId=${tayanHulu}`,
    "/api/inbox?limit=100&sort=deadline",
    // What names one report: a phone number, an e-mail address.
    "/api/inbox?limit=100&q=081200000000",
    "/api/inbox?limit=100&q=warga%40contoh.id",
  );
  add("GET /api/inbox/:id", ...each(items, (id) => `/api/inbox/${id}`));
  add("GET /api/inbox/:id/photo", ...each(items, (id) => `/api/inbox/${id}/photo`));
  add("GET /api/inbox/:id/files/:index", ...each(items, (id) => `/api/inbox/${id}/files/0`));
  // The ready text repeats the item's own text: one item per kecamatan shows whether it leaks.
  add(
    "GET /api/inbox/:id/lapor",
    `/api/inbox/${seeded.items.kapuas}/lapor`,
    `/api/inbox/${seeded.items.tayanHulu}/lapor`,
  );
  add(
    "GET /api/canned-responses",
    "/api/canned-responses",
    ...each(items, (id) => `/api/canned-responses?forItem=${id}`),
  );
  add("GET /api/early-warnings", "/api/early-warnings?limit=200", "/api/early-warnings?status=open");
  add("GET /api/early-warnings/:id", ...each(Object.values(seeded.warnings), (id) => `/api/early-warnings/${id}`));
  add("GET /api/routing-rules", "/api/routing-rules");
  add("GET /api/demo-data", "/api/demo-data");
  for (const report of ["summary", "units", "backlog", "areas", "publishing"]) {
    add(
      `GET /api/dashboard/${report}`,
      `/api/dashboard/${report}`,
      `/api/dashboard/${report}?unitId=${tayanHulu}`,
      `/api/dashboard/${report}?placeUnitId=${tayanHulu}`,
      `/api/dashboard/${report}?format=csv`,
    );
  }
  add(
    "GET /api/dashboard/volume",
    "/api/dashboard/volume?groupBy=category",
    `/api/dashboard/volume?unitId=${tayanHulu}`,
    "/api/dashboard/volume?format=csv",
  );
  add("GET /api/dashboard/glossary", "/api/dashboard/glossary");
  add("GET /api/sites", "/api/sites");
  add("GET /api/sites/freshness", "/api/sites/freshness");
  add(
    "GET /api/site-entries",
    "/api/site-entries?limit=200",
    `/api/site-entries?limit=200&unitId=${units["desa-engkasan"]}`,
  );
  add("GET /api/reports/monthly.pdf", "/api/reports/monthly.pdf", `/api/reports/monthly.pdf?unitId=${tayanHulu}`);
  add("GET /api/reports/dashboard.pdf", "/api/reports/dashboard.pdf", `/api/reports/dashboard.pdf?unitId=${tayanHulu}`);
  const ppidReads: [string, string[]][] = [
    [
      "GET /api/dip-items",
      ["/api/dip-items?limit=200", `/api/dip-items?limit=200&unitId=${tayanHulu}`, "/api/dip-items?q=RAHASIA"],
    ],
    ["GET /api/dip-items/export", ["/api/dip-items/export?format=json", "/api/dip-items/export?format=csv"]],
    ["GET /api/dip-items/:id", each(Object.values(seeded.dipItems), (id) => `/api/dip-items/${id}`)],
    ["GET /api/ppid-profiles", ["/api/ppid-profiles"]],
  ];
  for (const [route, paths] of ppidReads) for (const path of paths) list.push({ route, path, allFor: ["ppidUtama"] });
  list.push({ route: "GET /api/dip-items/units", path: "/api/dip-items/units", unitList: true, allFor: ["ppidUtama"] });
  return list;
}

describe("no response carries another unit's records", () => {
  for (const person of PERSONS) {
    it(`${person} reads nothing of units outside their scope, at any endpoint, in any nested list`, async () => {
      // Units made by the rows above belong in the scope too.
      scopes[person] = await scopeOf(siar, PEOPLE[person]);
      const leaks: string[] = [];
      for (const read of reads()) {
        covered.add(read.route);
        const response = await clients[person].get(read.path);
        requestsMade++;
        expect(response.status, `${person} GET ${read.path}`).toBeLessThan(500);
        const scope = read.allFor?.includes(person) ? { ...scopes[person], all: true } : scopes[person];
        for (const leak of findLeaks(response.body, scope, {
          unitList: read.unitList,
          items: seeded.itemUnits,
        }))
          leaks.push(`GET ${read.path}: ${leak}`);
      }
      leaksFound += leaks.length;
      expect(leaks, `${person} received other units' records`).toEqual([]);
    });
  }

  it("the checks have something to find: admins do read the Tayan Hulu item's conversation with the Kapuas item in it", async () => {
    const detail = await clients.admin.get(`/api/inbox/${seeded.items.tayanHulu}`);
    expect(detail.body.conversation.map((item: { id: string }) => item.id)).toContain(seeded.items.kapuas);
    expect(findLeaks(detail.body, scopes.officerTayanHulu).length).toBeGreaterThan(0);
  });
});

describe("the leaks issue 12 reported stay closed", () => {
  it("the Kapuas officer and camat read their item's conversation without the Tayan Hulu item of the same thread", async () => {
    for (const person of ["officerKapuas", "leaderKapuas"] as const) {
      const { status, body } = await clients[person].get(`/api/inbox/${seeded.items.kapuas}`);
      expect(status).toBe(200);
      const ids = body.conversation.map((item: { id: string }) => item.id);
      expect(ids).toContain(seeded.items.desaKapuas);
      expect(ids).not.toContain(seeded.items.tayanHulu);
      expect(ids).not.toContain(seeded.items.unrouted);
      expect((await clients[person].get(`/api/inbox/${seeded.items.tayanHulu}`)).status).toBe(403);
    }
  });

  it("the post an item answers is shown to readers of the item while it is public, and otherwise only to those who may read the post", async () => {
    const postId = seeded.posts["kec-tayan-hulu:withdrawn"]!;
    expect((await clients.officerKapuas.get(`/api/inbox/${seeded.items.kapuas}`)).body.post).toBeNull();
    expect((await clients.humas.get(`/api/inbox/${seeded.items.kapuas}`)).body.post?.id).toBe(postId);
    await siar.services.prisma.post.update({ where: { id: postId }, data: { status: "published" } });
    try {
      expect((await clients.officerKapuas.get(`/api/inbox/${seeded.items.kapuas}`)).body.post?.id).toBe(postId);
    } finally {
      await siar.services.prisma.post.update({ where: { id: postId }, data: { status: "withdrawn" } });
    }
  });

  it("bulk assign to another kecamatan is refused like the single assign, and moves nothing", async () => {
    const own = seeded.items.kapuasEarlier!;
    const single = await clients.officerKapuas.post(`/api/inbox/${own}/assign`, { unitId: units["kec-tayan-hulu"] });
    expect(single.status).toBe(403);
    const bulk = await clients.officerKapuas.post("/api/inbox/bulk", {
      ids: [own],
      action: { type: "assign", unitId: units["kec-tayan-hulu"] },
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.results).toEqual([{ id: own, ok: false, error: expect.objectContaining({ code: "forbidden" }) }]);
    expect((await siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { id: own } })).unitId).toBe(
      units["kec-kapuas"],
    );
  });

  it("bulk assign within the officer's own scope still works and is audited", async () => {
    const own = seeded.items.kapuasEarlier!;
    const bulk = await clients.officerKapuas.post("/api/inbox/bulk", {
      ids: [own],
      action: { type: "assign", unitId: units["desa-sungai-mawang"] },
    });
    expect(bulk.body.results).toEqual([{ id: own, ok: true }]);
    const audit = await siar.services.prisma.auditEvent.findFirst({
      where: { targetId: own, action: "inbox.assigned" },
      orderBy: { id: "desc" },
    });
    expect(audit?.unitId).toBe(units["desa-sungai-mawang"]);
    await clients.officerKapuas.post(`/api/inbox/${own}/assign`, { unitId: units["kec-kapuas"] });
    expect((await siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { id: own } })).unitId).toBe(
      units["kec-kapuas"],
    );
  });

  it("canned responses without forItem list global templates and those of the caller's units, not other kecamatan's", async () => {
    const unitsOf = async (person: Person) =>
      ((await clients[person].get("/api/canned-responses")).body.data as { unit: { id: string } | null }[]).map(
        (r) => r.unit?.id ?? null,
      );
    const kapuas = await unitsOf("officerKapuas");
    expect(kapuas).toContain(null);
    expect(kapuas).toContain(units["kec-kapuas"]);
    expect(kapuas).toContain(units["desa-sungai-mawang"]);
    expect(kapuas).not.toContain(units["kec-tayan-hulu"]);
    expect(kapuas).not.toContain(units["desa-engkasan"]);
    expect(await unitsOf("humas")).toContain(units["kec-tayan-hulu"]);
  });
});

type Write = {
  route: string;
  what: string;
  /** The other unit's records are `their`, the caller's own are `mine`. */
  call: (client: ApiClient, their: Side, mine: Side) => Promise<{ status: number; body: any }>;
};
type Side = {
  unit: string;
  item: string;
  earlierItem: string;
  post: string;
  warning: string;
  template: string;
  officer: string;
  dipItem: string;
};

const refused = (response: { status: number; body: any }) =>
  [403, 404].includes(response.status) ||
  (response.status === 200 &&
    Array.isArray(response.body?.results) &&
    response.body.results.every(
      (r: { ok: boolean; error?: { code: string } }) =>
        !r.ok && ["forbidden", "not_found", "assignee_cannot_handle"].includes(r.error!.code),
    )) ||
  (response.status === 422 && response.body?.error?.code === "assignee_cannot_handle") ||
  (response.status === 400 && response.body?.error?.code === "assignee_cannot_handle");

const bulk = (c: ApiClient, ids: string[], action: Record<string, unknown>) =>
  c.post("/api/inbox/bulk", { ids, action });
const writes: Write[] = [
  {
    route: "POST /api/dip-items",
    what: "add a DIP entry to their unit",
    call: (c, t) =>
      c.post("/api/dip-items", {
        unitId: t.unit,
        class: "berkala",
        title: "Entri",
        summary: "Ringkasan",
        responsibleOfficial: "Sekretaris",
        year: 2026,
        formats: ["softcopy"],
        retention: "5 tahun",
      }),
  },
  {
    route: "PATCH /api/dip-items/:id",
    what: "change their DIP entry",
    call: (c, t) => c.patch(`/api/dip-items/${t.dipItem}`, { title: "Diubah" }),
  },
  {
    route: "POST /api/dip-items/:id/withdraw",
    what: "withdraw their DIP entry",
    call: (c, t) => c.post(`/api/dip-items/${t.dipItem}/withdraw`, { reason: "Tarik" }),
  },
  {
    route: "POST /api/dip-items/:id/files",
    what: "add a document to their DIP entry",
    call: (c, t) => uploadCsv(c, `/api/dip-items/${t.dipItem}/files?name=Data`),
  },
  {
    route: "PUT /api/ppid-profiles/:unitId",
    what: "write their unit's PPID profile",
    call: (c, t) => c.request("PUT", `/api/ppid-profiles/${t.unit}`, profileBody),
  },
  {
    route: "POST /api/inbox/:id/reply",
    what: "reply to their item",
    call: (c, t) => c.post(`/api/inbox/${t.item}/reply`, { text: "Balasan" }),
  },
  {
    route: "POST /api/inbox/:id/notes",
    what: "note on their item",
    call: (c, t) => c.post(`/api/inbox/${t.item}/notes`, { text: "Catatan" }),
  },
  {
    route: "POST /api/inbox/:id/lapor",
    what: "mark their item forwarded to LAPOR!",
    call: (c, t) => c.post(`/api/inbox/${t.item}/lapor`, { direction: "forwarded", trackingNumber: "LPR123456" }),
  },
  {
    route: "PATCH /api/inbox/:id/lapor",
    what: "record LAPOR!'s status of their item",
    call: (c, t) => c.patch(`/api/inbox/${t.item}/lapor`, { status: "selesai" }),
  },
  {
    route: "POST /api/inbox/:id/assign",
    what: "pull their item into my unit",
    call: (c, t, m) => c.post(`/api/inbox/${t.item}/assign`, { unitId: m.unit }),
  },
  {
    route: "POST /api/inbox/:id/assign",
    what: "take their item myself",
    call: (c, t) => c.post(`/api/inbox/${t.item}/assign`, { assigneeId: null }),
  },
  {
    route: "POST /api/inbox/:id/assign",
    what: "send my item to their unit",
    call: (c, t, m) => c.post(`/api/inbox/${m.earlierItem}/assign`, { unitId: t.unit }),
  },
  {
    route: "POST /api/inbox/:id/assign",
    what: "give my item to their officer",
    call: (c, t, m) => c.post(`/api/inbox/${m.earlierItem}/assign`, { assigneeId: t.officer }),
  },
  {
    route: "POST /api/inbox/:id/status",
    what: "resolve their item",
    call: (c, t) => c.post(`/api/inbox/${t.item}/status`, { status: "resolved" }),
  },
  {
    route: "PATCH /api/inbox/:id/triage",
    what: "correct their item's triage",
    call: (c, t) => c.patch(`/api/inbox/${t.item}/triage`, { urgency: "rendah" }),
  },
  {
    route: "POST /api/inbox/:id/merge",
    what: "merge their item into mine",
    call: (c, t, m) => c.post(`/api/inbox/${t.earlierItem}/merge`, { intoId: m.item }),
  },
  {
    route: "POST /api/inbox/:id/merge",
    what: "merge my item into theirs",
    call: (c, t, m) => c.post(`/api/inbox/${m.earlierItem}/merge`, { intoId: t.item }),
  },
  {
    route: "POST /api/inbox/:id/merge",
    what: "merge my item into one not routed yet",
    call: (c, _t, m) => c.post(`/api/inbox/${m.earlierItem}/merge`, { intoId: seeded.items.unrouted }),
  },
  {
    route: "POST /api/inbox/bulk",
    what: "bulk-resolve their item",
    call: (c, t) => bulk(c, [t.item], { type: "status", status: "resolved" }),
  },
  {
    route: "POST /api/inbox/bulk",
    what: "bulk-close an item not routed yet",
    call: (c) => bulk(c, [seeded.items.unrouted!], { type: "status", status: "closed_spam" }),
  },
  {
    route: "POST /api/inbox/bulk",
    what: "bulk-assign their item to me",
    call: (c, t, m) => bulk(c, [t.item], { type: "assign", unitId: m.unit }),
  },
  {
    route: "POST /api/inbox/bulk",
    what: "bulk-send my item to their unit",
    call: (c, t, m) => bulk(c, [m.earlierItem], { type: "assign", unitId: t.unit }),
  },
  {
    route: "POST /api/inbox/bulk",
    what: "bulk-give my item to their officer",
    call: (c, t, m) => bulk(c, [m.earlierItem], { type: "assign", assigneeId: t.officer }),
  },
  {
    route: "POST /api/posts",
    what: "write a post for their unit",
    call: async (c, t) =>
      c.post("/api/posts", { unitId: t.unit, title: "Pengumuman", body: "Isi", channelIds: [await channelId()] }),
  },
  {
    route: "PATCH /api/posts/:id",
    what: "edit their post",
    call: (c, t) => c.patch(`/api/posts/${t.post}`, { title: "Diubah orang lain" }),
  },
  {
    route: "POST /api/posts/:id/submit",
    what: "submit their post",
    call: (c, t) => c.post(`/api/posts/${t.post}/submit`),
  },
  {
    route: "POST /api/posts/:id/approve",
    what: "approve their post",
    call: (c, t) => c.post(`/api/posts/${t.post}/approve`, {}),
  },
  {
    route: "POST /api/posts/:id/return",
    what: "return their post",
    call: (c, t) => c.post(`/api/posts/${t.post}/return`, { note: "Perbaiki" }),
  },
  {
    route: "POST /api/posts/:id/reschedule",
    what: "reschedule their post",
    call: (c, t) =>
      c.post(`/api/posts/${t.post}/reschedule`, { scheduledAt: new Date(Date.now() + 86_400_000).toISOString() }),
  },
  {
    route: "POST /api/posts/:id/cancel",
    what: "cancel their post",
    call: (c, t) => c.post(`/api/posts/${t.post}/cancel`),
  },
  {
    route: "PATCH /api/posts/:id/published",
    what: "correct their published post",
    call: (c, t) => c.patch(`/api/posts/${t.post}/published`, { title: "Ralat" }),
  },
  {
    route: "POST /api/posts/:id/withdraw",
    what: "withdraw their post",
    call: (c, t) => c.post(`/api/posts/${t.post}/withdraw`),
  },
  {
    route: "POST /api/media",
    what: "upload media for their unit",
    call: (c, t) =>
      c.request("POST", `/api/media?unitId=${t.unit}&name=foto.png`, "\x89PNG", { "content-type": "image/png" }),
  },
  {
    route: "POST /api/early-warnings/:id/acknowledge",
    what: "acknowledge their early warning",
    call: (c, t) => c.post(`/api/early-warnings/${t.warning}/acknowledge`),
  },
  {
    route: "POST /api/early-warnings/:id/resolve",
    what: "resolve their early warning",
    call: (c, t) => c.post(`/api/early-warnings/${t.warning}/resolve`),
  },
  {
    route: "PATCH /api/canned-responses/:id",
    what: "edit their canned response",
    call: (c, t) => c.patch(`/api/canned-responses/${t.template}`, { title: "Diubah" }),
  },
  {
    route: "DELETE /api/canned-responses/:id",
    what: "delete their canned response",
    call: (c, t) => c.delete(`/api/canned-responses/${t.template}`),
  },
];

/** What a refused write must leave as it was: every item, post, warning, template and the audit log. */
async function snapshot() {
  const prisma = siar.services.prisma;
  return {
    items: await prisma.inboxItem.findMany({
      select: {
        id: true,
        unitId: true,
        assigneeId: true,
        status: true,
        mergedIntoId: true,
        urgency: true,
        updatedAt: true,
      },
      orderBy: { id: "asc" },
    }),
    events: await prisma.inboxEvent.count(),
    posts: await prisma.post.findMany({
      select: { id: true, status: true, title: true, updatedAt: true },
      orderBy: { id: "asc" },
    }),
    media: await prisma.mediaAsset.count(),
    warnings: await prisma.earlyWarning.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } }),
    templates: await prisma.cannedResponse.findMany({
      select: { id: true, title: true, updatedAt: true },
      orderBy: { id: "asc" },
    }),
    audit: await prisma.auditEvent.count({ where: { NOT: { action: { startsWith: "auth." } } } }),
    dipItems: await prisma.dipItem.findMany({
      select: { id: true, status: true, title: true, updatedAt: true },
      orderBy: { id: "asc" },
    }),
    dipFiles: await prisma.dipFileVersion.count(),
    ppidProfiles: await prisma.ppidProfile.findMany({ select: { unitId: true, updatedAt: true } }),
  };
}

describe("writes on another unit's records are refused and change nothing", () => {
  const side = (kecamatan: "kapuas" | "tayanHulu"): Side => {
    const code = kecamatan === "kapuas" ? "kec-kapuas" : "kec-tayan-hulu";
    return {
      unit: units[code]!,
      item: seeded.items[kecamatan]!,
      earlierItem: seeded.items[`${kecamatan}Earlier`]!,
      post: seeded.posts[`${code}:in_review`]!,
      warning: seeded.warnings[code]!,
      template: seeded.cannedResponses[code]!,
      dipItem: seeded.dipItems[code]!,
      officer: users[kecamatan === "kapuas" ? PEOPLE.officerKapuas : PEOPLE.officerTayanHulu]!,
    };
  };
  const actors: [Person, "kapuas" | "tayanHulu", "kapuas" | "tayanHulu"][] = [
    ["officerKapuas", "tayanHulu", "kapuas"],
    ["leaderKapuas", "tayanHulu", "kapuas"],
    ["officerTayanHulu", "kapuas", "tayanHulu"],
    ["ppidKapuas", "tayanHulu", "kapuas"],
  ];
  for (const [person, theirs, mine] of actors) {
    it(`${person} changes nothing of ${theirs}, through any single or bulk route`, async () => {
      const before = await snapshot();
      const accepted: string[] = [];
      for (const write of writes) {
        covered.add(write.route);
        const response = await write.call(clients[person], side(theirs), side(mine));
        requestsMade++;
        if (!refused(response))
          accepted.push(
            `${write.route} (${write.what}): ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
          );
      }
      leaksFound += accepted.length;
      expect(accepted, `${person} was let through`).toEqual([]);
      expect(await snapshot()).toEqual(before);
    });
  }
});

/** Routes outside the matrix, each with the reason. */
const ROUTES_EXEMPT: Record<string, string> = {
  "POST /api/auth/login": "before sign-in; throttling has its own tests (tests/api/auth.test.ts)",
  "POST /api/auth/logout": "ends the caller's own session",
  "POST /api/auth/password": "changes the caller's own password",
  "PATCH /api/auth/profile": "changes the caller's own profile",
  "POST /api/auth/tokens": "creates a token for the caller only",
  "DELETE /api/auth/tokens/:id": "revokes the caller's own tokens (tests/api/auth.test.ts)",
  "GET /api/channels/oauth/meta/callback": "a platform's redirect back, checked against the flow the admin started",
  "GET /api/channels/oauth/x/callback": "a platform's redirect back, checked against the flow the admin started",
  "POST /api/v1/auth/login": "OpenSID's push API: a desa's token, no person (tests/api/opendk-push.test.ts)",
  "POST /api/v1/identitas-desa": "OpenSID's push API: a desa's token, no person (tests/api/opendk-push.test.ts)",
  "POST /api/v1/pembangunan": "OpenSID's push API: a desa's token, no person (tests/api/opendk-push.test.ts)",
  "POST /api/v1/pembangunan/dokumentasi":
    "OpenSID's push API: a desa's token, no person (tests/api/opendk-push.test.ts)",
  "POST /api/v1/laporan-apbdes": "OpenSID's push API: a desa's token, no person (tests/api/opendk-push.test.ts)",
};

/** Events the server sends on sockets, each checked in "socket events" below or exempted here with the reason. */
const SOCKET_EVENTS_EXEMPT: Record<string, string> = {
  ready: "tells a socket its own rooms, nothing else",
  "notifications.count": "a user's own unread count, to their own room only (tests/api/notifications.test.ts)",
};

describe("every route and socket event is in the matrix", () => {
  it("knows the routes of the running app", () => {
    expect(apiRoutes).toContain("GET /api/inbox/:id");
    expect(apiRoutes).toContain("POST /api/inbox/bulk");
  });

  it("leaves no /api route out", () => {
    const missing = apiRoutes.filter((route) => !covered.has(route) && !(route in ROUTES_EXEMPT));
    expect(missing, "routes neither in the matrix nor exempted").toEqual([]);
    expect(
      Object.keys(ROUTES_EXEMPT).filter((route) => !apiRoutes.includes(route)),
      "exemptions of routes that no longer exist",
    ).toEqual([]);
  });
});

describe("socket events reach only those who may see their records", () => {
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((socket) => socket.close()));

  async function connect(person: Person) {
    const connected = await recordingSocket(siar.url, clients[person].cookie!);
    sockets.push(connected.socket);
    return connected;
  }

  it("pushes item, post, warning, escalation and presence events of Tayan Hulu to nobody outside it", async () => {
    const connected = {} as Record<Person, Awaited<ReturnType<typeof connect>>>;
    for (const person of PERSONS) connected[person] = await connect(person);
    const checked = new Set<string>();

    // Client-sent events: only a socket that may read an item joins its room.
    for (const person of ["officerTayanHulu", "officerKapuas", "leaderKapuas"] as const) {
      connected[person].socket.emit("inbox.viewing", { itemId: seeded.items.tayanHulu });
      connected[person].socket.emit("inbox.typing", { itemId: seeded.items.tayanHulu, typing: true });
    }
    connected.officerKapuas.socket.emit("inbox.viewing", { itemId: seeded.items.unrouted });
    // Server-sent events, about records of both kecamatan and of no unit.
    for (const name of ["kapuas", "tayanHulu", "unrouted"] as const) {
      expect(
        (await clients.admin.post(`/api/inbox/${seeded.items[name]}/notes`, { text: "Catatan admin" })).status,
      ).toBe(200);
      siar.services.events.emit("inbox.escalated", {
        itemId: seeded.items[name]!,
        to: "unit_head",
        unitId: name === "unrouted" ? null : units[name === "kapuas" ? "kec-kapuas" : "kec-tayan-hulu"]!,
      });
    }
    for (const code of ["kec-kapuas", "kec-tayan-hulu"]) {
      expect((await clients.admin.post(`/api/early-warnings/${seeded.warnings[code]}/acknowledge`)).status).toBe(200);
      expect(
        (
          await clients.admin.post(`/api/posts/${seeded.posts[`${code}:in_review`]}/return`, {
            note: "Mohon diperbaiki",
          })
        ).status,
      ).toBe(200);
    }
    siar.services.events.emit("channel.needsReconnect", { channelId: await channelId(), reason: "token kedaluwarsa" });

    const heard = (person: Person, event: string) => connected[person].events.some((e) => e.event === event);
    const deadline = Date.now() + 8000;
    while (
      Date.now() < deadline &&
      !(
        ["inbox.item.updated", "post.updated", "inbox.earlyWarning", "inbox.presence"].every((e) =>
          heard("officerTayanHulu", e),
        ) &&
        heard("leaderKapuas", "inbox.escalated") &&
        heard("admin", "channel.needsReconnect")
      )
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));

    const leaks: string[] = [];
    for (const person of PERSONS) {
      for (const { event, payload } of connected[person].events) {
        checked.add(event);
        for (const leak of findLeaks(payload, scopes[person], { items: seeded.itemUnits }))
          leaks.push(`${person} ${event}: ${leak}`);
        const itemId = payload?.itemId ?? payload?.item?.id;
        const item = itemId
          ? await siar.services.prisma.inboxItem.findUnique({ where: { id: itemId }, select: { unitId: true } })
          : null;
        if (item && !scopes[person].all && (item.unitId === null || !scopes[person].units.has(item.unitId)))
          leaks.push(`${person} ${event} about item ${itemId}`);
        if (event === "channel.needsReconnect" && person !== "admin") leaks.push(`${person} ${event}`);
      }
    }
    leaksFound += leaks.length;
    expect(leaks).toEqual([]);
    // The pushes did go out to those who may see them, so an empty list above means something.
    for (const event of ["inbox.item.updated", "post.updated", "inbox.earlyWarning", "inbox.presence"])
      expect(heard("officerTayanHulu", event), event).toBe(true);
    expect(heard("leaderKapuas", "inbox.escalated")).toBe(true);
    expect(heard("admin", "channel.needsReconnect")).toBe(true);

    const source = fs
      .readdirSync("server/realtime")
      .map((file) => fs.readFileSync(path.join("server/realtime", file), "utf8"))
      .join("\n");
    const emitted = [...new Set([...source.matchAll(/\.emit\("([\w.]+)"/g)].map(([, name]) => name!))];
    expect(
      emitted.filter((event) => !checked.has(event) && !(event in SOCKET_EVENTS_EXEMPT)),
      "socket events the matrix did not see",
    ).toEqual([]);
    report.socketEvents = emitted.length;
  });
});

describe("a token's scopes narrow its user's rights, never widen them", () => {
  /** A client for `person` that acts through a new token with these scopes (and unit limit). */
  const tokenFor = async (person: Person, scopes: string[], unitLimitId?: string) => {
    const created = await clients[person].post("/api/auth/tokens", { name: "matriks", scopes, unitLimitId });
    expect(created.status, person).toBe(201);
    const script = new ApiClient(siar.url);
    script.bearer = created.body.token;
    return script;
  };
  type ScopeRow = {
    what: string;
    scopes: string[];
    call: (client: ApiClient) => Promise<{ status: number; body: any }>;
    allowed: (person: Person) => boolean;
    missing?: string;
  };
  const rows: ScopeRow[] = [
    { what: "read: GET the session", scopes: ["read"], call: (c) => c.get("/api/auth/session"), allowed: () => true },
    {
      what: "read: no write, even one's own notifications",
      scopes: ["read"],
      call: (c) => c.post("/api/notifications/read-all", {}),
      allowed: () => false,
      missing: "inbox",
    },
    {
      what: "inbox: no posts",
      scopes: ["inbox"],
      call: (c) => c.get("/api/posts"),
      allowed: () => false,
      missing: "publishing",
    },
    {
      what: "publishing: no PPID requests",
      scopes: ["publishing"],
      call: (c) => c.get("/api/ppid/requests"),
      allowed: () => false,
      missing: "ppid",
    },
    {
      what: "ppid: no audit log",
      scopes: ["ppid"],
      call: (c) => c.get("/api/audit-events"),
      allowed: () => false,
      missing: "admin",
    },
    // The admin scope lets the request through; the role still decides.
    {
      what: "admin: the dead letters, for admins only",
      scopes: ["admin"],
      call: (c) => c.get("/api/inbox-dead-letters"),
      allowed: (p) => p === "admin",
    },
  ];
  for (const row of rows) {
    it(row.what, async () => {
      for (const person of PERSONS) {
        const answer = await row.call(await tokenFor(person, row.scopes));
        requestsMade++;
        if (row.allowed(person)) expect(answer.status, person).toBeLessThan(300);
        else {
          expect(answer.status, person).toBe(403);
          if (row.missing) expect(answer.body.error.details.scope, person).toBe(row.missing);
        }
      }
    });
  }

  it("a unit limit narrows even an admin's token to that unit's subtree", async () => {
    const script = await tokenFor("admin", ["read"], units["kec-kapuas"]);
    expect((await script.get(`/api/units/${units["kec-tayan-hulu"]}`)).status).toBeGreaterThanOrEqual(403);
    expect((await script.get(`/api/units/${units["desa-sungai-mawang"]}`)).status).toBe(200);
    const outside = await clients.officerKapuas.post("/api/auth/tokens", {
      name: "x",
      unitLimitId: units["kec-tayan-hulu"],
    });
    expect(outside.status).toBe(400);
  });

  it("Open311 files only with an api_key that has the inbox scope", async () => {
    for (const person of PERSONS) {
      const key = (await clients[person].post("/api/auth/tokens", { name: "open311", scopes: ["read"] })).body.token;
      const answer = await fetch(`${siar.url}/open311/v2/requests.json`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          api_key: key,
          service_code: "infrastruktur",
          address_string: "Desa Sungai Mawang",
          description: "Jalan rusak sekali.",
          email: "w@contoh.id",
        }),
      });
      expect(answer.status, person).toBe(403);
      expect((await answer.json())[0].description, person).toMatch(/inbox/);
    }
  });
});

const report = { socketEvents: 0 };
afterAll(() => {
  console.info(
    `authorization matrix: ${apiRoutes.length} /api routes (${Object.keys(ROUTES_EXEMPT).length} exempt), ${PERSONS.length} persons, ${report.socketEvents} socket events, ${requestsMade} requests, ${leaksFound} leaks or bypasses`,
  );
});
