import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Full-text search reads recent matches first and older ones only when a page needs them
// (server/inbox/listing.ts); whatever the age of the matches, the pages come newest first.

let siar: TestSiar;
let humas: ApiClient;
let officerKapuas: ApiClient;
const DAY_MS = 24 * 3600_000;

beforeAll(async () => {
  siar = await startTestSiar({ PUBLISH_INTERVAL_SECONDS: "59" });
  humas = await signedIn(siar.url, "humas@sanggau.demo");
  officerKapuas = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
});
afterAll(async () => siar?.close());

/** Items written straight into the inbox, `ageDays` old, routed to a unit. */
async function itemsAged(
  ages: { ageDays: number; text: string; unitCode: string; status?: "triaged" | "resolved" }[],
): Promise<string[]> {
  const { prisma } = siar.services;
  const ids: string[] = [];
  for (const [n, { ageDays, text, unitCode, status }] of ages.entries()) {
    const receivedAt = new Date(Date.now() - ageDays * DAY_MS);
    const unit = await prisma.unit.findFirstOrThrow({ where: { code: unitCode } });
    const conversation = await prisma.conversation.create({
      data: {
        source: "facebook_comment",
        threadKey: `aged-${ageDays}-${n}`,
        authorKey: `aged-${n}`,
        lastItemAt: receivedAt,
      },
    });
    const item = await prisma.inboxItem.create({
      data: {
        conversationId: conversation.id,
        source: "facebook_comment",
        platformId: `aged-${ageDays}-${n}-${text.length}`,
        authorName: "Warga",
        text,
        sentAt: receivedAt,
        receivedAt,
        status: status ?? "triaged",
        unitId: unit.id,
      },
    });
    ids.push(item.id);
  }
  return ids;
}

async function allPages(client: ApiClient, path: string, limit: number): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | null = null;
  do {
    const response: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } = await client.get(
      `${path}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
    );
    expect(response.status).toBe(200);
    found.push(...response.body.data.map((item) => item.id));
    cursor = response.body.nextCursor;
  } while (cursor);
  return found;
}

describe("full-text search over items of every age", () => {
  it("pages through matches of the last week, the last months and older, newest first, each once", async () => {
    const [lastWeek, lastMonth, lastYear, older] = await itemsAged([
      { ageDays: 2, text: "Jembatan gantung zorbakol goyang", unitCode: "dinas-pupr" },
      { ageDays: 40, text: "Jembatan zorbakol retak", unitCode: "dinas-pupr" },
      { ageDays: 200, text: "Zorbakol jembatannya ambruk", unitCode: "dinas-pupr" },
      { ageDays: 600, text: "Dulu jembatan zorbakol dibangun", unitCode: "dinas-pupr" },
    ]);
    await itemsAged([{ ageDays: 10, text: "Jalan berlubang di pasar", unitCode: "dinas-pupr" }]);
    for (const limit of [1, 2, 3, 50])
      expect(await allPages(humas, "/api/inbox?q=zorbakol", limit)).toEqual([lastWeek, lastMonth, lastYear, older]);
  });

  it("keeps the view, the filters and the caller's scope in every age band", async () => {
    const [kapuasRecent, , kapuasOld, kapuasResolved] = await itemsAged([
      { ageDays: 1, text: "Lampu jalan qwertala mati", unitCode: "kec-kapuas" },
      { ageDays: 3, text: "Lampu jalan qwertala mati juga", unitCode: "dinas-pupr" },
      { ageDays: 120, text: "Qwertala lampu padam", unitCode: "kec-kapuas" },
      { ageDays: 150, text: "Qwertala sudah diperbaiki", unitCode: "kec-kapuas", status: "resolved" },
    ]);
    expect(await allPages(officerKapuas, "/api/inbox?q=qwertala", 1)).toEqual([
      kapuasRecent,
      kapuasOld,
      kapuasResolved,
    ]);
    expect(await allPages(officerKapuas, "/api/inbox?q=qwertala&status=resolved", 1)).toEqual([kapuasResolved]);
    expect(await allPages(officerKapuas, "/api/inbox?q=qwertala&view=unassigned", 2)).toEqual([
      kapuasRecent,
      kapuasOld,
    ]);
  });

  it("refuses a cursor it did not make", async () => {
    const forged = Buffer.from("2026-01-01T00:00:00.000Z|not-a-uuid").toString("base64url");
    const response = await humas.get(`/api/inbox?q=zorbakol&cursor=${forged}`);
    expect(response.status).toBe(400);
  });
});
