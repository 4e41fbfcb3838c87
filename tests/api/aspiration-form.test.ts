import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Prisma } from "../../server/db/client.js";
import { issueFormToken } from "../../server/routes/public/aspirasi.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

const HOSTILE = `<script>alert("xss")</script>`;
const ESCAPED_HOSTILE = "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;";
const TRACKING_NUMBER = /^SIAR-\d{4}-[2-9A-HJ-NP-Z]{6}$/;

let siar: TestSiar;
let places: { kapuas: string; beringin: string; sosok: string; pupr: string };
let lastAddress = 0;

/** Each test writes from an address of its own (the server trusts the loopback proxy), so rate limits do not interfere. */
function newAddress(): string {
  return `203.0.113.${++lastAddress}`;
}

type Page = { status: number; headers: Headers; text: string };

async function request(path: string, address: string, init: RequestInit = {}): Promise<Page> {
  const response = await fetch(siar.url + path, { ...init, redirect: "manual", headers: { ...init.headers, "X-Forwarded-For": address } });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function postForm(fields: Record<string, string>, address: string): Promise<Page> {
  return request("/aspirasi", address, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

function hiddenFields(page: string): Record<string, string> {
  return Object.fromEntries([...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) => [name!, value!]));
}

/** The form as the site serves it, with its hidden fields, filled in like a citizen would. */
async function filledForm(address: string, fields: Record<string, string> = {}): Promise<Record<string, string>> {
  const form = await request("/aspirasi", address);
  expect(form.status).toBe(200);
  return {
    ...hiddenFields(form.text),
    nama: "Siti Aminah",
    telepon: "0812-3456-7890",
    email: "",
    kecamatan: places.kapuas,
    desa: places.beringin,
    lintang: "0,1234",
    bujur: "110.5678",
    kategori: "infrastruktur",
    isi: "Jalan di depan SD Negeri 3 berlubang besar sejak bulan lalu.",
    setuju: "ya",
    situs: "",
    ...fields,
  };
}

/** As if the citizen had spent a minute on the form: past the minimum fill time. */
function openedAMinuteAgo(fields: Record<string, string>): Record<string, string> {
  return { ...fields, token: issueFormToken(siar.services.hasher, Date.now() - 60_000) };
}

async function fileReport(fields: Record<string, string> = {}): Promise<string> {
  const address = newAddress();
  const response = await postForm(openedAMinuteAgo(await filledForm(address, fields)), address);
  expect(response.status).toBe(303);
  const trackingNumber = response.headers.get("location")!.replace("/aspirasi/terkirim/", "");
  expect(trackingNumber).toMatch(TRACKING_NUMBER);
  return trackingNumber;
}

/**
 * Waits for the automatic triage that follows every arrival, then changes the report as staff
 * would, so the test and the triage never race.
 */
async function changeReport(trackingNumber: string, data: Prisma.InboxItemUpdateInput) {
  const { prisma } = siar.services;
  await vi.waitFor(async () => expect((await prisma.inboxItem.findUniqueOrThrow({ where: { trackingNumber } })).kind).not.toBeNull(), { timeout: 10_000 });
  return prisma.inboxItem.update({ where: { trackingNumber }, data });
}

function countReportsBy(authorName: string): Promise<number> {
  return siar.services.prisma.inboxItem.count({ where: { source: "web_report", authorName } });
}

beforeAll(async () => {
  siar = await startTestSiar();
  const unitId = async (code: string) => (await siar.services.prisma.unit.findUniqueOrThrow({ where: { code } })).id;
  places = { kapuas: await unitId("kec-kapuas"), beringin: await unitId("kel-beringin"), sosok: await unitId("desa-sosok"), pupr: await unitId("dinas-pupr") };
});
afterAll(async () => siar?.close());

describe("aspiration form", () => {
  it("offers labelled fields, the kecamatan with their desa/kelurahan, every category and no script", async () => {
    const form = await request("/aspirasi", newAddress());
    expect(form.headers.get("cache-control")).toBe("no-store");
    for (const name of ["nama", "telepon", "email", "kecamatan", "desa", "lintang", "bujur", "kategori", "isi", "setuju"]) {
      expect(form.text).toContain(`for="isian-${name}"`);
      expect(form.text).toContain(`id="isian-${name}" name="${name}"`);
    }
    expect(form.text).toContain(`<option value="${places.kapuas}">Kecamatan Kapuas</option>`);
    expect(form.text).toMatch(new RegExp(`<optgroup label="Kecamatan Kapuas">[^]*<option value="${places.beringin}">Kelurahan Beringin</option>`));
    expect(form.text).toContain('<option value="pelayanan_publik">');
    expect(form.text).toContain('<option value="tidak_tahu">Tidak tahu</option>');
    expect(form.text).toContain("Pelindungan Data Pribadi");
    expect(Object.keys(hiddenFields(form.text))).toEqual(["token"]);
    expect(form.text).not.toMatch(/<script/i);
  });

  it("files a valid report with its place, contact, map point and category hint, and gives a tracking number", async () => {
    const received: string[] = [];
    const stopListening = siar.services.events.on("inbox.itemReceived", ({ itemId }) => received.push(itemId));
    const trackingNumber = await fileReport({ nama: "Budi Santoso", email: " Budi@Contoh.ID " });
    stopListening();

    const item = await siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { trackingNumber }, include: { conversation: true, events: true } });
    expect(item).toMatchObject({
      source: "web_report",
      platformId: trackingNumber,
      authorName: "Budi Santoso",
      contact: { phone: "+6281234567890", email: "budi@contoh.id" },
      placeUnitId: places.beringin,
      location: { lat: 0.1234, lng: 110.5678 },
      triage: { citizenCategory: "infrastruktur" },
      text: "Jalan di depan SD Negeri 3 berlubang besar sejak bulan lalu.",
    });
    expect(item.conversation).toMatchObject({ source: "web_report", threadKey: trackingNumber, authorKey: "+6281234567890" });
    expect(item.events[0]?.type).toBe("received");
    expect(received).toEqual([item.id]);

    const confirmation = await request(`/aspirasi/terkirim/${trackingNumber}`, newAddress());
    expect(confirmation.status).toBe(200);
    expect(confirmation.text).toContain(`<p class="nomor">${trackingNumber}</p>`);
    expect(confirmation.text).toContain(`href="/lacak/${trackingNumber}"`);
  });

  it("places a report without a desa in its kecamatan and leaves an unknown category to staff", async () => {
    const trackingNumber = await fileReport({ desa: "", lintang: "", bujur: "", kategori: "tidak_tahu", telepon: "", email: "warga@contoh.id" });
    const item = await siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { trackingNumber } });
    expect(item).toMatchObject({ placeUnitId: places.kapuas, location: null, triage: { citizenCategory: null }, contact: { email: "warga@contoh.id" } });
  });

  it("keeps the citizen's input after validation errors and names each field next to it", async () => {
    const address = newAddress();
    const fields = openedAMinuteAgo(
      await filledForm(address, { nama: "Rina", telepon: "12345", email: "bukan-email", desa: places.sosok, lintang: "0,5", bujur: "", isi: "pendek", setuju: "" }),
    );
    const page = await postForm(fields, address);
    expect(page.status).toBe(400);
    expect(page.text).toContain("Ada 6 isian yang perlu diperbaiki");
    for (const name of ["telepon", "email", "desa", "bujur", "isi", "setuju"]) {
      expect(page.text).toContain(`<li><a href="#isian-${name}">`);
      expect(page.text).toMatch(new RegExp(`id="isian-${name}" name="${name}" aria-describedby="[^"]*isian-${name}-galat" aria-invalid="true"`));
      expect(page.text).toContain(`<p class="galat" id="isian-${name}-galat">`);
    }
    expect(page.text).toContain("Nomor HP tidak dikenali");
    expect(page.text).toContain("Pilih desa/kelurahan yang berada di Kecamatan Kapuas");
    expect(page.text).toContain('name="nama" value="Rina"');
    expect(page.text).toContain('name="telepon" aria-describedby="isian-telepon-petunjuk isian-telepon-galat" aria-invalid="true" value="12345"');
    expect(page.text).toContain(`<option value="${places.kapuas}" selected>`);
    expect(page.text).toContain(">pendek</textarea>");
    expect(await countReportsBy("Rina")).toBe(0);
  });

  it("asks for at least one way to reach the citizen", async () => {
    const address = newAddress();
    const page = await postForm(openedAMinuteAgo(await filledForm(address, { telepon: " ", email: "" })), address);
    expect(page.status).toBe(400);
    expect(page.text).toContain('<p class="galat" id="isian-kontak-galat">');
    expect(page.text).toMatch(/name="email" aria-describedby="isian-kontak-galat" aria-invalid="true"/);
  });

  it("answers malformed submissions with a page, never a server error", async () => {
    const address = newAddress();
    const token = issueFormToken(siar.services.hasher, Date.now() - 60_000);
    const repeated = await request("/aspirasi", address, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `token=${token}&nama=a&nama=b&kecamatan=not-a-uuid&lintang=abc&kategori=hoax`,
    });
    expect(repeated.status).toBe(400);
    expect(repeated.text).toContain('<li><a href="#isian-nama">');
    expect(repeated.text).toContain('<li><a href="#isian-kecamatan">');
    expect(repeated.text).toContain('<li><a href="#isian-lintang">');

    const json = await request("/aspirasi", address, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(json.status).toBe(403);
    const huge = await request("/aspirasi", address, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: `isi=${"a".repeat(200_000)}` });
    expect(huge.status).toBe(413);
    expect(huge.headers.get("content-type")).toContain("text/html");
  });

  it("escapes the citizen's text on every page", async () => {
    const address = newAddress();
    const invalid = await postForm(openedAMinuteAgo(await filledForm(address, { nama: HOSTILE, isi: `Tolong ${HOSTILE}`, setuju: "" })), address);
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain(`value="${ESCAPED_HOSTILE}"`);
    expect(invalid.text).toContain(`>Tolong ${ESCAPED_HOSTILE}</textarea>`);
    expect(invalid.text).not.toMatch(/<script/i);

    const trackingNumber = await fileReport({ nama: HOSTILE, isi: `Tolong ${HOSTILE}` });
    const item = await siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { trackingNumber } });
    await siar.services.prisma.inboxEvent.create({ data: { itemId: item.id, type: "reply", visibility: "public", body: `Kami cek ${HOSTILE}` } });
    for (const path of [`/aspirasi/terkirim/${trackingNumber}`, `/lacak/${trackingNumber}`]) {
      const page = await request(path, newAddress());
      expect(page.status).toBe(200);
      expect(page.text).not.toMatch(/<script/i);
    }
    expect((await request(`/lacak/${trackingNumber}`, newAddress())).text).toContain(`Kami cek ${ESCAPED_HOSTILE}`);
    expect((await request(`/aspirasi/terkirim/%3Cscript%3E`, newAddress())).status).toBe(404);
  });
});

describe("spam protection", () => {
  it("refuses a report whose hidden honeypot field was filled", async () => {
    const address = newAddress();
    const page = await postForm(openedAMinuteAgo(await filledForm(address, { nama: "Robot Madu", situs: "https://spam.example" })), address);
    expect(page.status).toBe(400);
    expect(page.text).toContain("Laporan tidak dapat dikirim");
    expect(await countReportsBy("Robot Madu")).toBe(0);
  });

  it("refuses a form sent back faster than a person can fill it, keeping the input", async () => {
    const address = newAddress();
    const page = await postForm(await filledForm(address, { nama: "Robot Cepat" }), address);
    expect(page.status).toBe(429);
    expect(page.text).toContain("Formulir terkirim terlalu cepat");
    expect(page.text).toContain('value="Robot Cepat"');
    expect(hiddenFields(page.text).token).toBeTruthy();
    expect(await countReportsBy("Robot Cepat")).toBe(0);
  });

  it("refuses a form without a token signed by this server", async () => {
    const address = newAddress();
    const fields = await filledForm(address, { nama: "Robot Palsu" });
    const [issuedAt] = fields.token!.split(".");
    const page = await postForm({ ...fields, token: `${Number(issuedAt) - 60_000}.forged` }, address);
    expect(page.status).toBe(403);
    expect(await countReportsBy("Robot Palsu")).toBe(0);
  });

  it("re-issues an expired form with the input kept", async () => {
    const address = newAddress();
    const fields = { ...(await filledForm(address, { nama: "Warga Lupa" })), token: issueFormToken(siar.services.hasher, Date.now() - 13 * 60 * 60_000) };
    const page = await postForm(fields, address);
    expect(page.status).toBe(400);
    expect(page.text).toContain('value="Warga Lupa"');
    expect(await countReportsBy("Warga Lupa")).toBe(0);
  });

  it("accepts five reports an hour from one address and refuses the sixth", async () => {
    const address = newAddress();
    const fields = openedAMinuteAgo(await filledForm(address, { nama: "Warga Rajin" }));
    for (let i = 0; i < 5; i++) expect((await postForm(fields, address)).status).toBe(303);
    const refused = await postForm(fields, address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.text).toContain("Terlalu banyak permintaan");
    expect(await countReportsBy("Warga Rajin")).toBe(5);
    expect((await postForm(fields, newAddress())).status).toBe(303);
  });
});

describe("tracking page", () => {
  it("shows the status, the handling unit and public replies, never notes, staff or the citizen's contact", async () => {
    const trackingNumber = await fileReport({ nama: "Dewi Lestari", telepon: "+62 813 1111 2222", email: "dewi@contoh.id" });
    await changeReport(trackingNumber, { status: "new", unit: { disconnect: true } });
    const first = await request(`/lacak/${trackingNumber}`, newAddress());
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(first.text).toContain("<strong>Diterima</strong>");
    expect(first.text).toContain("Belum ada tanggapan");

    const { prisma } = siar.services;
    const staff = await prisma.user.findFirstOrThrow();
    const item = await changeReport(trackingNumber, { status: "assigned", unit: { connect: { id: places.pupr } } });
    await prisma.inboxEvent.createMany({
      data: [
        { itemId: item.id, actorId: staff.id, type: "note", visibility: "internal", body: "Catatan internal: cek anggaran dulu." },
        { itemId: item.id, actorId: staff.id, type: "reply", visibility: "public", body: "Tim kami akan memperbaiki jalan minggu depan." },
        { itemId: item.id, actorId: staff.id, type: "reply", visibility: "internal", body: "Balasan yang belum dikirim." },
      ],
    });
    const page = await request(`/lacak/${trackingNumber}`, newAddress());
    expect(page.text).toContain("<strong>Diteruskan ke Dinas Pekerjaan Umum dan Penataan Ruang</strong>");
    expect(page.text).toContain("Tim kami akan memperbaiki jalan minggu depan.");
    for (const hidden of ["Catatan internal", "Balasan yang belum dikirim", staff.name, staff.email, "Dewi", "8131111", "813 1111", "dewi@contoh.id"]) {
      expect(page.text).not.toContain(hidden);
    }
  });

  it("says in plain Indonesian when a report was closed as spam", async () => {
    const trackingNumber = await fileReport();
    await changeReport(trackingNumber, { status: "closed_spam" });
    expect((await request(`/lacak/${trackingNumber}`, newAddress())).text).toContain("<strong>Tidak dapat diproses</strong>");
  });

  it("finds a number typed in lower case with spaces around it", async () => {
    const trackingNumber = await fileReport();
    const typed = await request(`/lacak?nomor=${encodeURIComponent(`  ${trackingNumber.toLowerCase()} `)}`, newAddress());
    expect(typed.status).toBe(303);
    expect(typed.headers.get("location")).toBe(`/lacak/${trackingNumber}`);
    expect((await request(`/lacak/${encodeURIComponent(` ${trackingNumber.toLowerCase()}`)}`, newAddress())).status).toBe(200);
  });

  it("answers an unknown or malformed number with 404 and the lookup form", async () => {
    const unknown = await request("/lacak/SIAR-2001-AAAAAA", newAddress());
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain("Nomor pelacakan ini tidak ditemukan");
    expect(unknown.text).toContain('value="SIAR-2001-AAAAAA"');
    expect((await request("/lacak/%3Cscript%3E", newAddress())).status).toBe(404);
    expect((await request("/lacak?nomor=abc", newAddress())).status).toBe(400);
    expect((await request("/lacak", newAddress())).status).toBe(200);
  });

  it("limits lookups per address so numbers cannot be tried at random", async () => {
    const address = newAddress();
    for (let i = 0; i < 30; i++) expect((await request(`/lacak/SIAR-2001-AAAAA${"23456789AB"[i % 10]}`, address)).status).toBe(404);
    const refused = await request("/lacak/SIAR-2001-AAAAAA", address);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
  });
});
