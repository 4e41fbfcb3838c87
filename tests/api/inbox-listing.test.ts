import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { submitWebReport } from "@server/inbox/webReports.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The inbox list as a link can describe it: search by what names one report (tracking number,
// the citizen's phone or e-mail), sort by the deadline still owed, and a leader's read-only
// drill-down into a unit with the units below it, a period and the dashboard's filters.

let siar: TestSiar;
let humas: ApiClient;
let camat: ApiClient;
const units: Record<string, { id: string; parentId: string | null }> = {};
type Listed = { id: string; deadlines: { owed: { target: string; at: string } | null } };

beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  humas = await signedIn(siar.url, "humas@sanggau.demo");
  camat = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
  for (const unit of await siar.services.prisma.unit.findMany()) units[unit.code!] = unit;
});
afterAll(async () => siar?.close());

const unitId = (code: string) => units[code]!.id;
/** A desa (or kelurahan) directly below a kecamatan. */
const desaOf = (kecamatan: string) => Object.values(units).find((unit) => unit.parentId === unitId(kecamatan))!.id;

/** A web report, triaged, then routed to a unit (and, if given, with its times set). */
async function report(
  contact: { phone?: string; email?: string },
  text: string,
  routedTo: string,
  times: { receivedAt?: Date; firstResponseDueAt?: Date | null; firstRespondedAt?: Date | null; urgency?: string } = {},
) {
  const { prisma } = siar.services;
  const filed = await submitWebReport(siar.services, {
    name: "Warga",
    contact,
    placeUnitId: unitId("kec-kapuas"),
    citizenCategory: null,
    text,
    location: null,
  });
  await vi.waitFor(
    async () => expect((await prisma.inboxItem.findUniqueOrThrow({ where: { id: filed.itemId } })).kind).not.toBeNull(),
    { timeout: 10_000 },
  );
  await prisma.inboxItem.update({ where: { id: filed.itemId }, data: { unitId: routedTo, ...times } });
  return filed;
}

const ids = (body: { data: Listed[] }) => body.data.map((item) => item.id);

describe("searching the inbox for one report", () => {
  it("finds a web report by its tracking number, the citizen's phone in any writing, or e-mail", async () => {
    const byPhone = await report({ phone: "+62 812-7777-1234" }, "Jembatan desa retak", unitId("kec-kapuas"));
    const byEmail = await report({ email: "Warga.Kapuas@Contoh.id" }, "Air PDAM keruh", unitId("kec-kapuas"));
    const other = await report({ phone: "081288889999" }, "Sampah menumpuk", unitId("kec-kapuas"));

    const search = async (q: string) => ids((await humas.get(`/api/inbox?q=${encodeURIComponent(q)}`)).body);
    expect(await search(byPhone.trackingNumber.toLowerCase())).toEqual([byPhone.itemId]);
    expect(await search("0812 7777 1234")).toEqual([byPhone.itemId]);
    expect(await search("6281277771234")).toEqual([byPhone.itemId]);
    expect(await search("warga.kapuas@contoh.id")).toEqual([byEmail.itemId]);
    expect(await search("081288889999")).toEqual([other.itemId]);
    // Words still search the messages.
    expect(await search("jembatan")).toContain(byPhone.itemId);
    // An officer of another kecamatan finds nothing by a Kapuas citizen's number.
    const tayanHulu = await signedIn(siar.url, "petugas.tayanhulu@sanggau.demo");
    expect(ids((await tayanHulu.get(`/api/inbox?q=${byPhone.trackingNumber}`)).body)).toEqual([]);
  });
});

describe("sorting by deadline", () => {
  it("lists the deadline still owed soonest first, overdue at the top, none last, page after page", async () => {
    const desa = desaOf("kec-tayan-hulu");
    const hour = 3600_000;
    const now = Date.now();
    const due = async (text: string, offsetHours: number | null, responded = false) =>
      (
        await report({ phone: "081200001111" }, text, desa, {
          firstResponseDueAt: offsetHours === null ? null : new Date(now + offsetHours * hour),
          firstRespondedAt: responded ? new Date(now) : null,
          // Not an open emergency, which would be pinned above any order.
          urgency: "normal",
        })
      ).itemId;
    const inTwoDays = await due("Dua hari lagi", 48);
    const late = await due("Sudah lewat", -5);
    const inAnHour = await due("Satu jam lagi", 1);
    // Answered already: its resolution is what is owed now (the SLA's, days away), not the passed first response.
    const answered = await due("Sudah dijawab", -10, true);

    // Closed: owes nothing, so it comes last (the cursor pages past it as "infinity").
    const closed = await due("Sudah ditutup", -20);
    const closedToo = await due("Juga ditutup", 3);
    await siar.services.prisma.inboxItem.updateMany({
      where: { id: { in: [closed, closedToo] } },
      data: { status: "closed_spam" },
    });

    const first = await humas.get(`/api/inbox?unitId=${desa}&sort=deadline`);
    expect(first.status).toBe(200);
    const order = ids(first.body);
    expect(order.slice(0, 3)).toEqual([late, inAnHour, inTwoDays]);
    expect(order.slice(3, 4)).toEqual([answered]);
    expect(order.slice(4).sort()).toEqual([closed, closedToo].sort());
    const owed = (first.body.data as Listed[]).find((item) => item.id === inAnHour)!.deadlines.owed;
    expect(owed).toEqual({ target: "firstResponse", at: new Date(now + hour).toISOString() });
    // The sort parameter accepts only its names.
    expect((await humas.get("/api/inbox?sort=oldest")).status).toBe(400);

    // The same order, one item per page.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/inbox?unitId=${desa}&sort=deadline&limit=1${cursor ? `&cursor=${cursor}` : ""}`;
      const page: { status: number; body: { data: Listed[]; nextCursor: string | null } } = await humas.get(url);
      expect(page.status).toBe(200);
      paged.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor && paged.length < 20);
    expect(paged).toEqual(order);
  });
});

describe("a leader's drill-down", () => {
  it("lets a camat list his kecamatan's items with the units below, by period, and never act on them", async () => {
    const desa = desaOf("kec-kapuas");
    const old = new Date(Date.now() - 60 * 24 * 3600_000);
    const inDesa = await report({ phone: "081211112222" }, "Drainase tersumbat di desa", desa);
    const inKecamatan = await report({ phone: "081211113333" }, "Kantor camat tutup", unitId("kec-kapuas"));
    const longAgo = await report({ phone: "081211114444" }, "Laporan lama", desa, { receivedAt: old });
    const elsewhere = await report({ phone: "081211115555" }, "Jalan rusak", unitId("kec-tayan-hulu"));

    const under = await camat.get(`/api/inbox?underUnitId=${unitId("kec-kapuas")}&limit=200`);
    expect(under.status).toBe(200);
    expect(ids(under.body)).toEqual(expect.arrayContaining([inDesa.itemId, inKecamatan.itemId, longAgo.itemId]));
    expect(ids(under.body)).not.toContain(elsewhere.itemId);
    // The own row: the kecamatan's own items only.
    const own = ids((await camat.get(`/api/inbox?unitId=${unitId("kec-kapuas")}&limit=200`)).body);
    expect(own).toContain(inKecamatan.itemId);
    expect(own).not.toContain(inDesa.itemId);
    // A period as the dashboard writes it (WIB days), leaving out what came before.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const lastMonth = new Date(Date.now() - 29 * 24 * 3600_000 + 7 * 3600_000).toISOString().slice(0, 10);
    const period = ids(
      (await camat.get(`/api/inbox?underUnitId=${unitId("kec-kapuas")}&from=${lastMonth}&to=${today}&limit=200`)).body,
    );
    expect(period).toContain(inDesa.itemId);
    expect(period).not.toContain(longAgo.itemId);
    // Another kecamatan's tree shows nothing of it to this camat.
    const other = await camat.get(`/api/inbox?underUnitId=${unitId("kec-tayan-hulu")}&limit=200`);
    expect(other.status).toBe(200);
    expect(ids(other.body)).toEqual([]);
    // Read-only: no contact details, no replies, no status changes.
    const item = await camat.get(`/api/inbox/${inDesa.itemId}`);
    expect(item.body.item).toMatchObject({ contact: null, permissions: { handle: false } });
    expect((await camat.post(`/api/inbox/${inDesa.itemId}/reply`, { text: "Baik" })).status).toBe(403);
    expect((await camat.post(`/api/inbox/${inDesa.itemId}/status`, { status: "resolved" })).status).toBe(403);
    // The session tells the app that this leader may list the inbox but not act in it.
    const session = await camat.get("/api/auth/session");
    expect(session.body.abilities).toMatchObject({ inbox: true, handleInbox: false });
  });

  it("keeps the list to those who may read it: not PPID staff or desa operators", async () => {
    for (const email of ["ppid.kapuas@sanggau.demo", "operator.sungaimawang@sanggau.demo"]) {
      expect((await (await signedIn(siar.url, email)).get("/api/inbox")).status).toBe(403);
    }
  });
});

describe("searching posts", () => {
  it("finds posts by words in the title or body, whatever their case", async () => {
    const channel = await siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "facebook" } });
    const create = (title: string, body: string) =>
      humas.post("/api/posts", { unitId: channel.unitId, title, body, channelIds: [channel.id] });
    const festival = await create("Festival Danau Laet", "Acara budaya tahunan.");
    const vaccine = await create("Jadwal imunisasi", "Posyandu membuka layanan FESTIVAL sehat.");
    const unrelated = await create("Rapat koordinasi", "Agenda bulanan.");
    for (const created of [festival, vaccine, unrelated])
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    const found = (await humas.get("/api/posts?q=festival&limit=200")).body.data.map((post: { id: string }) => post.id);
    expect(found).toEqual(expect.arrayContaining([festival.body.id, vaccine.body.id]));
    expect(found).not.toContain(unrelated.body.id);
    expect((await humas.get("/api/posts?q=x")).status).toBe(400);
  });
});
