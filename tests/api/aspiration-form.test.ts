import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Prisma } from "@server/db/client.js";
import { issueFormToken } from "@server/routes/public/aspirasi.js";
import { signedIn } from "../helpers/client.js";
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
  const response = await fetch(siar.url + path, {
    ...init,
    redirect: "manual",
    headers: { ...init.headers, "X-Forwarded-For": address },
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function postForm(fields: Record<string, string>, address: string): Promise<Page> {
  return request("/aspirasi", address, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The form as a browser sends it with a file chosen: multipart, the photo in the "foto" part. */
function postWithPhoto(
  fields: Record<string, string>,
  photo: { body: Buffer; name: string; type: string },
  address: string,
): Promise<Page> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("foto", new Blob([new Uint8Array(photo.body)], { type: photo.type }), photo.name);
  return request("/aspirasi", address, { method: "POST", body: form });
}

/** A phone photo: 1200×900 JPEG whose EXIF holds the camera and the GPS position where it was taken. */
function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 900, channels: 3, background: "#3a7d44" } })
    .withExif({
      IFD0: { Make: "KameraHP", Model: "Siti's phone" },
      IFD3: { GPSLatitudeRef: "S", GPSLatitude: "0/1 7/1 24/1", GPSLongitudeRef: "E", GPSLongitude: "110/1 35/1 4/1" },
    })
    .jpeg()
    .toBuffer();
}

function hiddenFields(page: string): Record<string, string> {
  return Object.fromEntries(
    [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) => [
      name!,
      value!,
    ]),
  );
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
  await vi.waitFor(
    async () => expect((await prisma.inboxItem.findUniqueOrThrow({ where: { trackingNumber } })).kind).not.toBeNull(),
    { timeout: 10_000 },
  );
  return prisma.inboxItem.update({ where: { trackingNumber }, data });
}

function countReportsBy(authorName: string): Promise<number> {
  return siar.services.prisma.inboxItem.count({ where: { source: "web_report", authorName } });
}

beforeAll(async () => {
  siar = await startTestSiar();
  const unitId = async (code: string) => (await siar.services.prisma.unit.findUniqueOrThrow({ where: { code } })).id;
  places = {
    kapuas: await unitId("kec-kapuas"),
    beringin: await unitId("kel-beringin"),
    sosok: await unitId("desa-sosok"),
    pupr: await unitId("dinas-pupr"),
  };
});
afterAll(async () => siar?.close());

describe("aspiration form", () => {
  it("offers labelled fields, the kecamatan with their desa/kelurahan, every category and no script", async () => {
    const form = await request("/aspirasi", newAddress());
    expect(form.headers.get("cache-control")).toBe("no-store");
    for (const name of [
      "nama",
      "telepon",
      "email",
      "kecamatan",
      "desa",
      "lintang",
      "bujur",
      "kategori",
      "isi",
      "foto",
      "setuju",
    ]) {
      expect(form.text).toContain(`for="isian-${name}"`);
      expect(form.text).toContain(`id="isian-${name}" name="${name}"`);
    }
    expect(form.text).toContain(`<option value="${places.kapuas}">Kecamatan Kapuas</option>`);
    expect(form.text).toMatch(
      new RegExp(
        `<optgroup label="Kecamatan Kapuas">[^]*<option value="${places.beringin}">Kelurahan Beringin</option>`,
      ),
    );
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

    const item = await siar.services.prisma.inboxItem.findUniqueOrThrow({
      where: { trackingNumber },
      include: { conversation: true, events: true },
    });
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
    expect(item.conversation).toMatchObject({
      source: "web_report",
      threadKey: trackingNumber,
      authorKey: "+6281234567890",
    });
    expect(item.events[0]?.type).toBe("received");
    expect(received).toEqual([item.id]);

    const confirmation = await request(`/aspirasi/terkirim/${trackingNumber}`, newAddress());
    expect(confirmation.status).toBe(200);
    expect(confirmation.text).toContain(`<p class="nomor">${trackingNumber}</p>`);
    expect(confirmation.text).toContain(`href="/lacak/${trackingNumber}"`);
  });

  it("places a report without a desa in its kecamatan and leaves an unknown category to staff", async () => {
    const trackingNumber = await fileReport({
      desa: "",
      lintang: "",
      bujur: "",
      kategori: "tidak_tahu",
      telepon: "",
      email: "warga@contoh.id",
    });
    const item = await siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { trackingNumber } });
    expect(item).toMatchObject({
      placeUnitId: places.kapuas,
      location: null,
      triage: { citizenCategory: null },
      contact: { email: "warga@contoh.id" },
    });
  });

  it("keeps the citizen's input after validation errors and names each field next to it", async () => {
    const address = newAddress();
    const fields = openedAMinuteAgo(
      await filledForm(address, {
        nama: "Rina",
        telepon: "12345",
        email: "bukan-email",
        desa: places.sosok,
        lintang: "0,5",
        bujur: "",
        isi: "pendek",
        setuju: "",
      }),
    );
    const page = await postForm(fields, address);
    expect(page.status).toBe(400);
    expect(page.text).toContain("Ada 6 isian yang perlu diperbaiki");
    for (const name of ["telepon", "email", "desa", "bujur", "isi", "setuju"]) {
      expect(page.text).toContain(`<li><a href="#isian-${name}">`);
      expect(page.text).toMatch(
        new RegExp(`id="isian-${name}" name="${name}" aria-describedby="[^"]*isian-${name}-galat" aria-invalid="true"`),
      );
      expect(page.text).toContain(`<p class="galat" id="isian-${name}-galat">`);
    }
    expect(page.text).toContain("Nomor HP tidak dikenali");
    expect(page.text).toContain("Pilih desa/kelurahan yang berada di Kecamatan Kapuas");
    expect(page.text).toContain('name="nama" value="Rina"');
    expect(page.text).toContain(
      'name="telepon" aria-describedby="isian-telepon-petunjuk isian-telepon-galat" aria-invalid="true" value="12345"',
    );
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

    const json = await request("/aspirasi", address, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(403);
    const huge = await request("/aspirasi", address, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `isi=${"a".repeat(200_000)}`,
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get("content-type")).toContain("text/html");
    for (const contentType of ["multipart/form-data", "multipart/form-data; boundary=xyz"]) {
      const broken = await request("/aspirasi", address, {
        method: "POST",
        headers: { "Content-Type": contentType },
        body: '--xyz\r\nContent-Disposition: form-data; name="nama"\r\n\r\nRina',
      });
      expect(broken.status).toBe(400);
      expect(broken.text).toContain("Laporan tidak dapat dibaca");
    }
  });

  it("escapes the citizen's text on every page", async () => {
    const address = newAddress();
    const invalid = await postForm(
      openedAMinuteAgo(await filledForm(address, { nama: HOSTILE, isi: `Tolong ${HOSTILE}`, setuju: "" })),
      address,
    );
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain(`value="${ESCAPED_HOSTILE}"`);
    expect(invalid.text).toContain(`>Tolong ${ESCAPED_HOSTILE}</textarea>`);
    expect(invalid.text).not.toMatch(/<script/i);

    const trackingNumber = await fileReport({ nama: HOSTILE, isi: `Tolong ${HOSTILE}` });
    const item = await siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { trackingNumber } });
    await siar.services.prisma.inboxEvent.create({
      data: { itemId: item.id, type: "reply", visibility: "public", body: `Kami cek ${HOSTILE}` },
    });
    for (const path of [`/aspirasi/terkirim/${trackingNumber}`, `/lacak/${trackingNumber}`]) {
      const page = await request(path, newAddress());
      expect(page.status).toBe(200);
      expect(page.text).not.toMatch(/<script/i);
    }
    expect((await request(`/lacak/${trackingNumber}`, newAddress())).text).toContain(`Kami cek ${ESCAPED_HOSTILE}`);
    expect((await request(`/aspirasi/terkirim/%3Cscript%3E`, newAddress())).status).toBe(404);
  });
});

describe("photo on the form", () => {
  it("keeps only the pixels of the citizen's photo, shows it to staff and never on the tracking page", async () => {
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const address = newAddress();
    const sent = await postWithPhoto(
      openedAMinuteAgo(await filledForm(address, { nama: "Siti Foto" })),
      { body: original, name: "IMG_0001.jpg", type: "image/jpeg" },
      address,
    );
    expect(sent.status).toBe(303);
    const trackingNumber = sent.headers.get("location")!.replace("/aspirasi/terkirim/", "");

    const { prisma } = siar.services;
    const item = await prisma.inboxItem.findUniqueOrThrow({ where: { trackingNumber }, include: { photo: true } });
    expect(item.photo).toMatchObject({
      uploadedById: null,
      mimeType: "image/jpeg",
      width: 1200,
      height: 900,
      unitId: places.beringin,
    });
    const stored = fs.readFileSync(path.join(siar.services.config.dataDir, "citizen-photos", item.photo!.storageKey));
    const metadata = await sharp(stored).metadata();
    expect(metadata).toMatchObject({ format: "jpeg", width: 1200, height: 900 });
    expect(metadata.exif).toBeUndefined();
    expect(stored.includes("KameraHP")).toBe(false);
    expect((await prisma.auditEvent.findFirstOrThrow({ where: { targetId: item.photo!.id } })).action).toBe(
      "media.upload",
    );
    // Not under the public /media folder.
    expect((await request(`/media/${item.photo!.storageKey}`, newAddress())).status).toBe(404);

    const handler = await signedIn(siar.url, "humas@sanggau.demo");
    const detail = await handler.get(`/api/inbox/${item.id}`);
    expect(detail.body.item.photo).toEqual({ url: `/api/inbox/${item.id}/photo` });
    const image = await fetch(siar.url + detail.body.item.photo.url, { headers: { cookie: handler.cookie! } });
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await image.arrayBuffer()).equals(stored)).toBe(true);
    expect((await fetch(siar.url + detail.body.item.photo.url)).status).toBe(401);
    await changeReport(trackingNumber, { unit: { connect: { id: places.pupr } } });
    const elsewhere = await signedIn(siar.url, "petugas.tayanhulu@sanggau.demo");
    expect((await elsewhere.get(`/api/inbox/${item.id}/photo`)).status).toBe(403);

    // Not even by its id can it become part of a public post.
    const website = await prisma.channel.findFirstOrThrow({ where: { kind: "website" } });
    const post = await handler.post("/api/posts", {
      unitId: places.beringin,
      title: "Uji",
      body: "Uji foto warga",
      channelIds: [website.id],
      mediaIds: [item.photo!.id],
    });
    expect(post.status).toBe(404);
    expect(post.body.error.details).toEqual({ field: "mediaIds" });

    const tracking = await request(`/lacak/${trackingNumber}`, newAddress());
    expect(tracking.status).toBe(200);
    expect(tracking.text).not.toMatch(/<img|\/photo|foto/i);
  });

  it("re-encodes a PNG photo (transparency and all) to JPEG, and files a report with an empty file input without a photo", async () => {
    const png = await sharp({
      create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const address = newAddress();
    const sent = await postWithPhoto(
      openedAMinuteAgo(await filledForm(address, { nama: "Warga PNG" })),
      { body: png, name: "peta.png", type: "image/png" },
      address,
    );
    expect(sent.status).toBe(303);
    const item = await siar.services.prisma.inboxItem.findFirstOrThrow({
      where: { authorName: "Warga PNG" },
      include: { photo: true },
    });
    expect(item.photo).toMatchObject({ mimeType: "image/jpeg", width: 40, height: 30 });

    const empty = newAddress();
    const withoutPhoto = await postWithPhoto(
      openedAMinuteAgo(await filledForm(empty, { nama: "Warga Tanpa Foto" })),
      { body: Buffer.alloc(0), name: "", type: "application/octet-stream" },
      empty,
    );
    expect(withoutPhoto.status).toBe(303);
    expect(
      (await siar.services.prisma.inboxItem.findFirstOrThrow({ where: { authorName: "Warga Tanpa Foto" } })).photoId,
    ).toBeNull();
  });

  it("refuses a file that is not a JPEG, PNG or WebP by its bytes, keeping the rest of the input", async () => {
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000" } })
      .gif()
      .toBuffer();
    const disguises = [
      {
        body: gif,
        name: "foto.jpg",
        type: "image/jpeg",
        status: 415,
        message: "Foto harus berupa gambar JPEG, PNG atau WebP.",
      },
      {
        body: Buffer.from(
          "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><script>alert(1)</script><rect width='10' height='10'/></svg>",
        ),
        name: "foto.png",
        type: "image/png",
        status: 415,
        message: "Foto harus berupa gambar JPEG, PNG atau WebP.",
      },
      {
        body: Buffer.from("MZ this is a program, not a picture"),
        name: "foto.webp",
        type: "image/webp",
        status: 400,
        message: "Foto tidak dapat dibaca",
      },
    ];
    for (const file of disguises) {
      const address = newAddress();
      const page = await postWithPhoto(
        openedAMinuteAgo(await filledForm(address, { nama: "Warga Berkas Aneh" })),
        file,
        address,
      );
      expect(page.status).toBe(file.status);
      expect(page.text).toContain('<li><a href="#isian-foto">');
      expect(page.text).toContain(file.message);
      expect(page.text).toContain('name="nama" value="Warga Berkas Aneh"');
      expect(page.text).toContain(">Jalan di depan SD Negeri 3 berlubang besar sejak bulan lalu.</textarea>");
    }
    expect(await countReportsBy("Warga Berkas Aneh")).toBe(0);
  });

  it("refuses a photo over the size limit with the input kept, and asks again for a good photo when other fields fail", async () => {
    const address = newAddress();
    const tooLarge = await postWithPhoto(
      openedAMinuteAgo(await filledForm(address, { nama: "Warga Foto Besar" })),
      { body: Buffer.alloc(10 * 1024 * 1024 + 1, 0xff), name: "besar.jpg", type: "image/jpeg" },
      address,
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toContain("Foto terlalu besar. Ukuran paling besar 10 MB.");
    expect(tooLarge.text).toContain('name="nama" value="Warga Foto Besar"');
    expect(tooLarge.text).toContain(`<option value="${places.kapuas}" selected>`);

    const other = newAddress();
    const invalid = await postWithPhoto(
      openedAMinuteAgo(await filledForm(other, { nama: "Warga Foto Baik", isi: "pendek" })),
      { body: await phonePhoto(), name: "a.jpg", type: "image/jpeg" },
      other,
    );
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain("Foto Anda baik, tetapi perlu dipilih lagi");
    expect((await countReportsBy("Warga Foto Besar")) + (await countReportsBy("Warga Foto Baik"))).toBe(0);
  });

  it("leaves no photo on disk when the report cannot be stored", async () => {
    const { prisma } = siar.services;
    const folder = path.join(siar.services.config.dataDir, "citizen-photos");
    const filesBefore = fs.existsSync(folder) ? fs.readdirSync(folder).sort() : [];
    const assetsBefore = await prisma.mediaAsset.count();
    // The database refuses this one report: a stand-in for any failure while it is filed.
    await prisma.$executeRawUnsafe(
      `CREATE FUNCTION test_refuse_report() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`,
    );
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER test_refuse_report BEFORE INSERT ON "InboxItem" FOR EACH ROW WHEN (NEW."text" LIKE '%(tolak)%') EXECUTE FUNCTION test_refuse_report()`,
    );
    try {
      const address = newAddress();
      const form = openedAMinuteAgo(
        await filledForm(address, { isi: "Jalan di depan SD Negeri 3 berlubang besar (tolak)." }),
      );
      const sent = await postWithPhoto(
        form,
        { body: await phonePhoto(), name: "IMG_0002.jpg", type: "image/jpeg" },
        address,
      );
      expect(sent.status).toBe(500);
      expect(fs.existsSync(folder) ? fs.readdirSync(folder).sort() : []).toEqual(filesBefore);
      expect(await prisma.mediaAsset.count()).toBe(assetsBefore);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER test_refuse_report ON "InboxItem"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION test_refuse_report()`);
    }
  });
});

describe("spam protection", () => {
  it("refuses a report whose hidden honeypot field was filled", async () => {
    const address = newAddress();
    const page = await postForm(
      openedAMinuteAgo(await filledForm(address, { nama: "Robot Madu", situs: "https://spam.example" })),
      address,
    );
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
    const fields = {
      ...(await filledForm(address, { nama: "Warga Lupa" })),
      token: issueFormToken(siar.services.hasher, Date.now() - 13 * 60 * 60_000),
    };
    const page = await postForm(fields, address);
    expect(page.status).toBe(400);
    expect(page.text).toContain('value="Warga Lupa"');
    expect(await countReportsBy("Warga Lupa")).toBe(0);
  });

  it("accepts five reports an hour from one address and refuses the sixth", async () => {
    const address = newAddress();
    const fields = await filledForm(address, { nama: "Warga Rajin" });
    for (let i = 0; i < 5; i++) expect((await postForm(openedAMinuteAgo(fields), address)).status).toBe(303);
    const refused = await postForm(openedAMinuteAgo(fields), address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.text).toContain("Terlalu banyak permintaan");
    expect(await countReportsBy("Warga Rajin")).toBe(5);
    expect((await postForm(openedAMinuteAgo(fields), newAddress())).status).toBe(303);
  });

  it("files one report per form: the same token sent again is refused and the form comes back with a fresh one", async () => {
    const address = newAddress();
    const fields = openedAMinuteAgo(await filledForm(address, { nama: "Warga Dua Kali" }));
    expect((await postForm(fields, address)).status).toBe(303);
    const again = await postForm(fields, newAddress());
    expect(again.status).toBe(409);
    expect(again.text).toContain("Formulir ini sudah pernah dikirim");
    expect(again.text).toContain("This form was already sent");
    expect(again.text).toContain('value="Warga Dua Kali"');
    const fresh = hiddenFields(again.text).token!;
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(fields.token);
    expect(await countReportsBy("Warga Dua Kali")).toBe(1);

    // Two deliveries of one form at the same moment still file one report.
    const twice = openedAMinuteAgo(fields);
    const answers = await Promise.all([postForm(twice, newAddress()), postForm(twice, newAddress())]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 409]);
    expect(await countReportsBy("Warga Dua Kali")).toBe(2);
  });
});

describe("tracking page", () => {
  it("shows the status, the handling unit and public replies, never notes, staff or the citizen's contact", async () => {
    const trackingNumber = await fileReport({
      nama: "Dewi Lestari",
      telepon: "+62 813 1111 2222",
      email: "dewi@contoh.id",
    });
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
        {
          itemId: item.id,
          actorId: staff.id,
          type: "note",
          visibility: "internal",
          body: "Catatan internal: cek anggaran dulu.",
        },
        {
          itemId: item.id,
          actorId: staff.id,
          type: "reply",
          visibility: "public",
          body: "Tim kami akan memperbaiki jalan minggu depan.",
        },
        {
          itemId: item.id,
          actorId: staff.id,
          type: "reply",
          visibility: "internal",
          body: "Balasan yang belum dikirim.",
        },
      ],
    });
    const page = await request(`/lacak/${trackingNumber}`, newAddress());
    expect(page.text).toContain("<strong>Diteruskan ke Dinas Pekerjaan Umum dan Penataan Ruang</strong>");
    expect(page.text).toContain("Tim kami akan memperbaiki jalan minggu depan.");
    for (const hidden of [
      "Catatan internal",
      "Balasan yang belum dikirim",
      staff.name,
      staff.email,
      "Dewi",
      "8131111",
      "813 1111",
      "dewi@contoh.id",
    ]) {
      expect(page.text).not.toContain(hidden);
    }
  });

  it("says in plain Indonesian when a report was closed as spam", async () => {
    const trackingNumber = await fileReport();
    await changeReport(trackingNumber, { status: "closed_spam" });
    expect((await request(`/lacak/${trackingNumber}`, newAddress())).text).toContain(
      "<strong>Tidak dapat diproses</strong>",
    );
  });

  it("finds a number typed in lower case with spaces around it", async () => {
    const trackingNumber = await fileReport();
    const typed = await request(
      `/lacak?nomor=${encodeURIComponent(`  ${trackingNumber.toLowerCase()} `)}`,
      newAddress(),
    );
    expect(typed.status).toBe(303);
    expect(typed.headers.get("location")).toBe(`/lacak/${trackingNumber}`);
    expect(
      (await request(`/lacak/${encodeURIComponent(` ${trackingNumber.toLowerCase()}`)}`, newAddress())).status,
    ).toBe(200);
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
    for (let i = 0; i < 30; i++)
      expect((await request(`/lacak/SIAR-2001-AAAAA${"23456789AB"[i % 10]}`, address)).status).toBe(404);
    const refused = await request("/lacak/SIAR-2001-AAAAAA", address);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
  });
});
