import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeadlineWatch } from "@server/inbox/deadlineWatch.js";
import { storeIncoming } from "@server/inbox/ingest.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { testInbox } from "../helpers/inbox.js";
import { partOf, startMailbox, subjectOf } from "../helpers/mailbox.js";
import { publishNow } from "../helpers/publishing.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";
import { recordingSocket, type SocketEvent } from "../helpers/sockets.js";

// The notification centre: who is told what (and who is not: nobody outside the subject's
// scope), live counts over the socket, e-mail for what cannot wait, and each user's switches.

let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let siar: TestSiar;
let humas: ApiClient;
let admin: ApiClient;
let camatKapuas: ApiClient;
let kapuasOfficer: ApiClient;
let tayanHuluOfficer: ApiClient;
let kapuasOfficerId: string;
let humasEvents: SocketEvent[];
let closeSocket: () => void;

beforeAll(async () => {
  mailbox = await startMailbox();
  siar = await startTestSiar({
    SIAR_SANDBOX: "true",
    PUBLISH_INTERVAL_SECONDS: "59",
    SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
    SMTP_FROM: "Siar <siar@example.go.id>",
    PUBLIC_BASE_URL: "https://siar.example.go.id",
  });
  const as = (email: string) => signedIn(siar.url, `${email}@sanggau.demo`);
  [humas, admin, camatKapuas, kapuasOfficer, tayanHuluOfficer] = await Promise.all([
    as("humas"),
    as("admin"),
    as("camat.kapuas"),
    as("petugas.kapuas"),
    as("petugas.tayanhulu"),
  ]);
  kapuasOfficerId = (await kapuasOfficer.get("/api/auth/session")).body.user.id;
  const recording = await recordingSocket(siar.url, humas.cookie!);
  humasEvents = recording.events;
  closeSocket = () => recording.socket.close();
});
afterAll(async () => {
  closeSocket?.();
  await siar?.close();
  await mailbox?.close();
});

const list = async (client: ApiClient) => {
  const response = await client.get("/api/notifications");
  expect(response.status).toBe(200);
  return response.body as { data: { id: string; kind: string; path: string; read: boolean }[]; unread: number };
};
const kindsFor = async (client: ApiClient, subjectId: string) =>
  (await list(client)).data.filter((n) => n.path.endsWith(subjectId)).map((n) => n.kind);
/** Waits until `client` has a notification of `kind` about `subjectId`. */
const told = (client: ApiClient, kind: string, subjectId: string) =>
  expect.poll(() => kindsFor(client, subjectId), { timeout: 5000 }).toContain(kind);

let serial = 0;
/** A Facebook comment about Kapuas, filed and triaged (routed to `unitCode`); returns the item. */
async function kapuasItemArrives(
  text = "Pelayanan di kantor camat Kapuas lambat sekali, antri dari pagi",
  unitCode = "kec-kapuas",
) {
  const channel = await siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "facebook" } });
  const id = await storeIncoming(siar.services, channel, {
    source: "facebook_comment",
    platformId: `notify-${++serial}`,
    parentPlatformId: null,
    postRemoteId: "p",
    threadKey: "p",
    author: { platformId: `warga-notify-${serial}`, name: "Warga", handle: null },
    text: `${text} (${serial})`,
    sentAt: new Date(),
    attachments: [],
  });
  await testInbox(siar).desk.receive(id!);
  const item = await siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { id: id! }, include: { unit: true } });
  expect(item.unit?.code).toBe(unitCode);
  return item;
}

async function officerPost() {
  const session = (await kapuasOfficer.get("/api/auth/session")).body;
  const channels = (await humas.get("/api/channels")).body.data as { id: string; kind: string }[];
  return publishNow(kapuasOfficer, {
    unitId: session.user.units[0].id,
    title: `Jadwal posyandu ${++serial}`,
    body: "Posyandu Kecamatan Kapuas buka Sabtu pukul 08.00 WIB.",
    hashtags: [],
    channelIds: [channels.find((channel) => channel.kind === "website")!.id],
  });
}

describe("posts waiting for approval", () => {
  it("tells those who may approve, live, and the author when it is returned or approved", async () => {
    const post = await officerPost();
    expect(post.status).toBe("in_review");
    await told(humas, "post_review", post.id);
    await told(camatKapuas, "post_review", post.id);
    // The count rose on humas's open socket.
    await expect
      .poll(() => humasEvents.filter((e) => e.event === "notifications.count").at(-1)?.payload.unread ?? 0)
      .toBeGreaterThan(0);
    // Not the author, nor admins, nor a leader or officer of another kecamatan.
    expect(await kindsFor(kapuasOfficer, post.id)).toEqual([]);
    expect(await kindsFor(admin, post.id)).toEqual([]);
    expect(await kindsFor(tayanHuluOfficer, post.id)).toEqual([]);

    expect((await humas.post(`/api/posts/${post.id}/return`, { note: "Tambahkan alamat." })).status).toBe(200);
    await told(kapuasOfficer, "post_returned", post.id);
    expect((await kapuasOfficer.post(`/api/posts/${post.id}/submit`)).status).toBe(200);
    expect((await camatKapuas.post(`/api/posts/${post.id}/approve`, { note: null })).status).toBe(200);
    await told(kapuasOfficer, "post_approved", post.id);
    const entry = (await list(kapuasOfficer)).data.find((n) => n.kind === "post_approved")!;
    expect(entry).toMatchObject({ path: `/posts/${post.id}`, read: false, subject: { title: post.title } });
  });
});

describe("assignment", () => {
  it("tells the assignee in the app and by e-mail, in their language, and nobody else", async () => {
    const item = await kapuasItemArrives();
    const before = mailbox.messages.length;
    expect((await humas.post(`/api/inbox/${item.id}/assign`, { assigneeId: kapuasOfficerId })).status).toBe(200);
    await told(kapuasOfficer, "item_assigned", item.id);
    expect(await kindsFor(tayanHuluOfficer, item.id)).toEqual([]);
    expect(await kindsFor(humas, item.id)).not.toContain("item_assigned");
    await expect
      .poll(() => mailbox.messages.slice(before).filter((m) => m.to.includes("petugas.kapuas@sanggau.demo")).length)
      .toBe(1);
    const mail = mailbox.messages.slice(before).find((m) => m.to.includes("petugas.kapuas@sanggau.demo"))!;
    expect(subjectOf(mail.raw)).toMatch(/^Ditugaskan kepada Anda: Pelayanan di kantor camat Kapuas/);
    expect(partOf(mail.raw, "text/plain").toString("utf8")).toContain(
      `https://siar.example.go.id/app/inbox/${item.id}`,
    );
  });

  it("drops what the user may no longer read: an item moved to another kecamatan leaves the list", async () => {
    const item = await kapuasItemArrives("Pegawai kantor camat Kapuas tidak ramah saat melayani warga");
    await humas.post(`/api/inbox/${item.id}/assign`, { assigneeId: kapuasOfficerId });
    await told(kapuasOfficer, "item_assigned", item.id);
    const tayanHulu = (await humas.get("/api/units?limit=1000")).body.data.find(
      (unit: { code: string }) => unit.code === "kec-tayan-hulu",
    );
    const moved = await humas.post(`/api/inbox/${item.id}/assign`, { unitId: tayanHulu.id, assigneeId: null });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await kindsFor(kapuasOfficer, item.id)).toEqual([]);
  });

  it("follows the user's switches: no e-mail, then nothing at all", async () => {
    const settings = await kapuasOfficer.patch("/api/notifications/settings", {
      notificationsOff: [],
      emailsOff: ["item_assigned"],
    });
    expect(settings.status).toBe(200);
    expect(settings.body.kinds).toContainEqual({ kind: "item_assigned", inApp: true, email: false });
    expect(settings.body.kinds).toContainEqual({ kind: "post_review", inApp: true, email: null });
    const quiet = await kapuasItemArrives();
    const before = mailbox.messages.length;
    await humas.post(`/api/inbox/${quiet.id}/assign`, { assigneeId: kapuasOfficerId });
    await told(kapuasOfficer, "item_assigned", quiet.id);

    await kapuasOfficer.patch("/api/notifications/settings", { notificationsOff: ["item_assigned"], emailsOff: [] });
    const silent = await kapuasItemArrives();
    await humas.post(`/api/inbox/${silent.id}/assign`, { assigneeId: kapuasOfficerId });
    // The assignment after it is told to humas's own list, proving the jobs have run.
    const check = await kapuasItemArrives();
    const humasId = (await humas.get("/api/auth/session")).body.user.id;
    await kapuasOfficer.post(`/api/inbox/${check.id}/assign`, { assigneeId: humasId });
    await told(humas, "item_assigned", check.id);
    expect(await kindsFor(kapuasOfficer, silent.id)).toEqual([]);
    // Subjects end with the item's text, whose serial number tells the items apart.
    const aboutThese = mailbox.messages
      .slice(before)
      .map((m) => subjectOf(m.raw))
      .filter((subject) => [quiet, silent].some((item) => subject.endsWith(item.text)));
    expect(aboutThese).toEqual([]);
    await kapuasOfficer.patch("/api/notifications/settings", { notificationsOff: [], emailsOff: [] });
  });
});

describe("deadlines and emergencies", () => {
  it("reminds the unit's officers once per deadline, by e-mail too", async () => {
    const item = await kapuasItemArrives("Antrian pelayanan di kantor camat Kapuas sangat lama");
    const watch = new DeadlineWatch(siar.services);
    const nearly = new Date(item.firstResponseDueAt!.getTime() - 30 * 60_000);
    await watch.sweep(nearly);
    await watch.sweep(new Date(nearly.getTime() + 60_000));
    await told(kapuasOfficer, "deadline_near", item.id);
    expect((await kindsFor(kapuasOfficer, item.id)).filter((kind) => kind === "deadline_near")).toHaveLength(1);
    expect(await kindsFor(tayanHuluOfficer, item.id)).toEqual([]);
    await expect
      .poll(() => mailbox.messages.filter((m) => subjectOf(m.raw).startsWith("Tenggat hampir habis")).length)
      .toBeGreaterThan(0);
  });

  it("tells everyone who may read a darurat item, and not those who may not; its e-mail follows the switch", async () => {
    await camatKapuas.patch("/api/notifications/settings", { emailsOff: ["item_emergency"] });
    const before = mailbox.messages.length;
    const item = await kapuasItemArrives(
      "Tolong banjir besar di Kapuas, air sudah setinggi dada, ada warga terjebak",
      "bpbd",
    );
    await told(humas, "item_emergency", item.id);
    // The kecamatan kept informed is told too.
    await told(camatKapuas, "item_emergency", item.id);
    expect(await kindsFor(tayanHuluOfficer, item.id)).toEqual([]);
    expect(await kindsFor(admin, item.id)).toEqual([]);
    // The emergency alert's e-mail reaches humas, not the camat who turned it off.
    await expect
      .poll(() => mailbox.messages.slice(before).some((m) => m.to.includes("humas@sanggau.demo")), { timeout: 20_000 })
      .toBe(true);
    const recipients = mailbox.messages.slice(before).flatMap((m) => m.to);
    expect(recipients).not.toContain("camat.kapuas@sanggau.demo");
    await camatKapuas.patch("/api/notifications/settings", { emailsOff: [] });
  });
});

describe("reading", () => {
  it("marks one and then all read, and refuses another user's", async () => {
    const mine = (await list(humas)).data.filter((n) => !n.read);
    expect(mine.length).toBeGreaterThan(1);
    expect((await tayanHuluOfficer.post(`/api/notifications/${mine[0]!.id}/read`)).status).toBe(403);
    const marked = await humas.post(`/api/notifications/${mine[0]!.id}/read`);
    expect(marked.status).toBe(200);
    expect(marked.body.unread).toBe(mine.length - 1);
    expect((await humas.get("/api/notifications/count")).body.unread).toBe(mine.length - 1);
    expect((await humas.post("/api/notifications/read-all")).body.marked).toBe(mine.length - 1);
    expect((await list(humas)).unread).toBe(0);
    await expect
      .poll(() => humasEvents.filter((e) => e.event === "notifications.count").at(-1)?.payload.unread)
      .toBe(0);
  });
});
