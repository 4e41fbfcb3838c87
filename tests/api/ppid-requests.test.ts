import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { officeCalendar } from "@server/ppid/calendar.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { partOf, startMailbox, subjectOf } from "../helpers/mailbox.js";
import { extractPdfText } from "../helpers/pdfText.js";
import { APPLICANT, download, fileWebRequest, NOTICES, pdfAt, postForm, requestFormToken } from "../helpers/ppid.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Information requests end to end over HTTP: the website's form and receipt, the PPID Utama's
// forwarding, the Pelaksana's extension and decisions with their written notices (PDF and
// e-mail), and the identity number kept from everyone but the PPID holding the case.

let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let siar: TestSiar;
let utama: ApiClient;
let kapuas: ApiClient;
let admin: ApiClient;
let units: Record<string, string>;

beforeAll(async () => {
  mailbox = await startMailbox();
  siar = await startTestSiar({ SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`, SMTP_FROM: "PPID <ppid@example.go.id>" });
  utama = await signedIn(siar.url, "ppid@sanggau.demo");
  kapuas = await signedIn(siar.url, "ppid.kapuas@sanggau.demo");
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  const all = await siar.services.prisma.unit.findMany({ select: { id: true, code: true } });
  units = Object.fromEntries(all.map((unit) => [unit.code, unit.id]));
});
afterAll(async () => {
  await siar?.close();
  await mailbox?.close();
});

const mailsTo = (address: string) => mailbox.messages.filter((mail) => mail.to.includes(address));

/** Files a request and hands it to the Kapuas PPID, as the PPID Utama does. */
async function forwardedToKapuas(overrides: Record<string, string> = {}) {
  const filed = await fileWebRequest(siar, {
    email: `pemohon${Math.random().toString(36).slice(2, 8)}@contoh.id`,
    ...overrides,
  });
  const today = (await officeCalendar(siar.services.prisma)).dateOf(new Date());
  const forwarded = await utama.post(`/api/ppid/requests/${filed.id}/forward`, {
    toUnitId: units["kec-kapuas"],
    internalDueOn: today,
    note: "Mohon dijawab",
  });
  expect(forwarded.status, JSON.stringify(forwarded.body)).toBe(200);
  return filed;
}

describe("filing on the website", () => {
  it("registers the request, shows its number and access code at once, and e-mails the receipt", async () => {
    const filed = await fileWebRequest(siar);
    expect(filed.response.status).toBe(303);
    const page = await (await fetch(`${siar.url}${filed.base}?baru=1`)).text();
    expect(page).toContain(filed.number);
    expect(page).toContain(filed.code);
    expect(page).toContain("Permohonan Anda sudah kami terima");
    expect(page).toContain("••••••••••••0007");
    expect(page).not.toContain(APPLICANT.nomor_identitas);

    const stored = await siar.services.prisma.ppidRequest.findUniqueOrThrow({ where: { id: filed.id! } });
    expect(stored.identityNumberSealed).not.toContain(APPLICANT.nomor_identitas);
    expect(stored.channel).toBe("web");
    const calendar = await officeCalendar(siar.services.prisma);
    expect(stored.noticeDueOn.toISOString().slice(0, 10)).toBe(calendar.noticeDue(stored.receivedAt));

    const receipt = await pdfAt(siar, `${filed.base}/surat/receipt`);
    expect(receipt).toContain("TANDA BUKTI PENERIMAAN PERMOHONAN INFORMASI PUBLIK");
    expect(receipt).toContain(filed.number);
    expect(receipt).toContain(filed.code);
    expect(receipt).toMatch(/\x95{12}0007/); // the mask's bullets, in the PDF's WinAnsi encoding
    expect(receipt).not.toContain(APPLICANT.nomor_identitas);

    const [mail] = mailsTo(APPLICANT.email);
    expect(subjectOf(mail!.raw)).toContain(filed.number);
    expect(partOf(mail!.raw, "text/plain").toString("utf8")).toContain(`${filed.base}`);
    expect(extractPdfText(partOf(mail!.raw, "application/pdf"))).toContain(filed.number);
  });

  it("refuses a wrong NIK, a missing contact and a missing consent with a message per field, and files nothing", async () => {
    const before = await siar.services.prisma.ppidRequest.count();
    const filed = await fileWebRequest(siar, { nomor_identitas: "12345", telepon: "", email: "", setuju: "" });
    expect(filed.response.status).toBe(400);
    const page = await filed.response.text();
    expect(page).toContain("NIK terdiri dari 16 angka.");
    expect(page).toContain("Isi nomor HP atau email, paling tidak salah satu.");
    expect(page).toContain("Centang pernyataan ini untuk mengirim permohonan.");
    expect(page).toContain("12345"); // the typed input is kept
    expect(await siar.services.prisma.ppidRequest.count()).toBe(before);
  });

  it("keeps the applicant's language (?lang=en) from the form through its errors to the case page", async () => {
    const form = await (await fetch(`${siar.url}/ppid/permohonan?lang=en`)).text();
    expect(form).toContain('<html lang="en">');
    expect(form).toContain("Request for public information");
    expect(form).toContain('action="/ppid/permohonan?lang=en"');
    expect(form).toContain('href="/ppid/permohonan" lang="id" hreflang="id">Bahasa Indonesia</a>');

    const ppidUtama = await siar.services.prisma.unit.findFirstOrThrow({ where: { ppidLevel: "utama" } });
    const fields = { ...APPLICANT, ditujukan: ppidUtama.id, token: requestFormToken(siar) };
    const refused = await postForm(siar, "/ppid/permohonan?lang=en", { ...fields, nomor_identitas: "12345" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("A NIK has 16 digits.");

    const filed = await postForm(siar, "/ppid/permohonan?lang=en", fields, { "x-forwarded-for": "203.0.113.251" });
    const location = filed.headers.get("location") ?? "";
    expect(location).toMatch(/^\/ppid\/lacak\/PPID-\d{4}-\d{5}\/[A-Z0-9-]+\?baru=1&lang=en$/);
    const casePage = await (await fetch(`${siar.url}${location}`)).text();
    expect(casePage).toContain('<html lang="en">');
    expect(casePage).toContain("We have received your request.");
  });

  it("does not open a case without its access code", async () => {
    const filed = await fileWebRequest(siar);
    const response = await fetch(`${siar.url}/ppid/lacak/${filed.number}/AAAA-BBBB-CCCC`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(APPLICANT.nama);
  });
});

describe("forwarding and the identity number", () => {
  it("the PPID Utama forwards to the PPID Pelaksana; only the PPID holding the case sees the full identity number", async () => {
    const filed = await fileWebRequest(siar);
    expect((await utama.get(`/api/ppid/requests/${filed.id}/identity`)).body.identityNumber).toBe(
      APPLICANT.nomor_identitas,
    );
    expect((await kapuas.get(`/api/ppid/requests/${filed.id}`)).status).toBe(403);

    const today = (await officeCalendar(siar.services.prisma)).dateOf(new Date());
    const forwarded = await utama.post(`/api/ppid/requests/${filed.id}/forward`, {
      toUnitId: units["kec-kapuas"],
      internalDueOn: today,
    });
    expect(forwarded.body.unit.name).toBe("Kecamatan Kapuas");
    expect(forwarded.body.status).toBe("in_process");
    expect(forwarded.body.forwardings[0]).toMatchObject({
      from: { name: "Dinas Komunikasi dan Informatika" },
      to: { name: "Kecamatan Kapuas" },
    });

    const atKapuas = await kapuas.get(`/api/ppid/requests/${filed.id}`);
    expect(atKapuas.body.applicant.identityNumberMasked).toBe("••••••••••••0007");
    expect(atKapuas.body.permissions).toMatchObject({ handle: true, readIdentity: true, forward: false });
    expect(JSON.stringify(atKapuas.body)).not.toContain(APPLICANT.nomor_identitas);
    expect((await kapuas.get(`/api/ppid/requests/${filed.id}/identity`)).body.identityNumber).toBe(
      APPLICANT.nomor_identitas,
    );
    // Not the Utama once it forwarded, not admins: they administer, they do not handle the case.
    expect((await utama.get(`/api/ppid/requests/${filed.id}/identity`)).status).toBe(403);
    expect((await admin.get(`/api/ppid/requests/${filed.id}/identity`)).status).toBe(403);
    const views = await siar.services.prisma.auditEvent.findMany({
      where: { targetId: filed.id!, action: "ppid_request.identity_viewed" },
    });
    expect(views).toHaveLength(2);
  });

  it("refuses a forwarding to a unit that is not a PPID, or with an internal date past the notice's deadline", async () => {
    const filed = await fileWebRequest(siar);
    const notPpid = await utama.post(`/api/ppid/requests/${filed.id}/forward`, {
      toUnitId: units["kec-tayan-hulu"],
      internalDueOn: (await officeCalendar(siar.services.prisma)).dateOf(new Date()),
    });
    expect(notPpid.status).toBe(400);
    expect(notPpid.body.error.code).toBe("not_a_ppid_unit");
    const late = await utama.post(`/api/ppid/requests/${filed.id}/forward`, {
      toUnitId: units["kec-kapuas"],
      internalDueOn: "2099-01-01",
    });
    expect(late.status).toBe(400);
    expect(late.body.error.details[0].path).toBe("internalDueOn");
  });
});

describe("extending the deadline (Pasal 22(8))", () => {
  it("extends once by 7 working days with written reasons, sends the notice of extension, and refuses a second time", async () => {
    const filed = await forwardedToKapuas();
    const extended = await kapuas.post(`/api/ppid/requests/${filed.id}/extend`, {
      reason: "Dokumen masih dikumpulkan dari arsip desa.",
    });
    expect(extended.status).toBe(200);
    const calendar = await officeCalendar(siar.services.prisma);
    expect(extended.body.deadline.extendedDueOn).toBe(calendar.extendedNoticeDue(extended.body.deadline.noticeDueOn));
    expect(extended.body.deadline.effectiveDueOn).toBe(extended.body.deadline.extendedDueOn);
    const letter = await pdfAt(siar, `/api/ppid/requests/${filed.id}/letters/extension`, kapuas);
    expect(letter).toContain("Dokumen masih dikumpulkan dari arsip desa.");
    const again = await kapuas.post(`/api/ppid/requests/${filed.id}/extend`, { reason: "Sekali lagi, mohon maaf." });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ppid_already_extended");
  });
});

describe("decisions and their written notices", () => {
  const expectations: Record<keyof typeof NOTICES, string[]> = {
    granted: ["[X] Dikabulkan seluruhnya", "Tidak dipungut biaya", "1 hari kerja"],
    granted_in_part: [
      "[X] Dikabulkan sebagian",
      "huruf b",
      "Nilai penawaran peserta lain",
      "Rp15.000",
      "31 Desember 2030",
    ],
    refused: ["[X] Ditolak (informasi dikecualikan)", "huruf a", "huruf h", "Uji konsekuensi", "30 Juni 2029"],
    not_held: ["[X] Informasi tidak dikuasai", "Balai Wilayah Sungai Kalimantan I"],
    not_yet_documented: ["[X] Informasi belum didokumentasikan", "Maret 2027"],
  };

  for (const [decision, phrases] of Object.entries(expectations) as [keyof typeof NOTICES, string[]][]) {
    it(`${decision}: issues the notice as a PDF, e-mails it, and shows it to the applicant`, async () => {
      const email = `keputusan.${decision}@contoh.id`;
      const filed = await forwardedToKapuas({ email });
      const decided = await kapuas.post(`/api/ppid/requests/${filed.id}/decide`, NOTICES[decision]);
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      expect(decided.body).toMatchObject({
        status: "decided",
        decision,
        notice: { decision, email: { status: "sent" } },
      });
      const notice = await pdfAt(siar, `/api/ppid/requests/${filed.id}/letters/notice`, kapuas);
      expect(notice).toContain("PEMBERITAHUAN TERTULIS");
      expect(notice).toContain(filed.number);
      for (const phrase of phrases) expect(notice).toContain(phrase);
      expect(notice).not.toContain(APPLICANT.nomor_identitas);
      const mail = mailsTo(email).find((m) => subjectOf(m.raw).includes("Pemberitahuan tertulis"));
      expect(extractPdfText(partOf(mail!.raw, "application/pdf"))).toContain(phrases[0]!);
      expect(await pdfAt(siar, `${filed.base}/surat/notice`)).toContain(phrases[0]!);
      const again = await kapuas.post(`/api/ppid/requests/${filed.id}/decide`, NOTICES.granted);
      expect(again.body.error.code).toBe("ppid_already_decided");
    });
  }

  it("refuses to withhold information without the consequence test, the exemption or its period, and stores nothing", async () => {
    const filed = await forwardedToKapuas();
    const { consequenceTest: _, ...withoutTest } = NOTICES.refused;
    for (const body of [
      withoutTest,
      { ...NOTICES.refused, consequenceTest: "Rahasia." },
      { ...NOTICES.refused, exemptions: [] },
      { ...NOTICES.refused, exemptionEndsOn: null },
      { ...NOTICES.granted_in_part, consequenceTest: null },
    ]) {
      const response = await kapuas.post(`/api/ppid/requests/${filed.id}/decide`, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error.code).toBe("ppid_exemption_required");
      expect(response.body.error.message).toContain("uji konsekuensi");
    }
    const stored = await siar.services.prisma.ppidRequest.findUniqueOrThrow({ where: { id: filed.id! } });
    expect(stored.decision).toBeNull();
  });

  it("asks a partial grant what is blacked out and a 'not held' notice where to ask", async () => {
    const filed = await forwardedToKapuas();
    const partial = await kapuas.post(`/api/ppid/requests/${filed.id}/decide`, {
      ...NOTICES.granted_in_part,
      redactedParts: null,
    });
    expect(partial.body.error).toMatchObject({
      code: "ppid_decision_details_required",
      details: { field: "redactedParts" },
    });
    const notHeld = await kapuas.post(`/api/ppid/requests/${filed.id}/decide`, { decision: "not_held" });
    expect(notHeld.body.error).toMatchObject({
      code: "ppid_decision_details_required",
      details: { field: "whereToAsk" },
    });
  });

  it("lets only the PPID holding the case decide", async () => {
    const filed = await forwardedToKapuas();
    for (const client of [utama, admin]) {
      const response = await client.post(`/api/ppid/requests/${filed.id}/decide`, NOTICES.granted);
      expect(response.status).toBe(403);
    }
  });
});

describe("files: originals, redacted copies and what the applicant downloads", () => {
  it("keeps the original beside its redacted copy, shares only the copy, and names who redacted what", async () => {
    const filed = await forwardedToKapuas();
    const upload = (name: string, body: Buffer, query: string) =>
      fetch(`${siar.url}/api/ppid/requests/${filed.id}/files?name=${encodeURIComponent(name)}&${query}`, {
        method: "POST",
        headers: { cookie: kapuas.cookie!, "x-csrf-token": kapuas.csrfToken!, "content-type": "application/pdf" },
        body: new Uint8Array(body),
      }).then(async (response) => ({ status: response.status, body: await response.json() }));
    const original = await upload(
      "kontrak.pdf",
      Buffer.from("%PDF-1.4 kontrak asli dengan nilai penawaran"),
      "shared=true",
    );
    expect(original.status).toBe(201);
    const originalId = original.body.files[0].id;
    const copy = await upload(
      "kontrak-hitam.pdf",
      Buffer.from("%PDF-1.4 kontrak dengan bagian hitam"),
      `shared=true&redactedFromId=${originalId}&redactionNote=${encodeURIComponent("Nilai penawaran peserta lain")}`,
    );
    expect(copy.status).toBe(201);
    const files = copy.body.files as {
      id: string;
      shared: boolean;
      withheld: boolean;
      redactionNote: string | null;
      uploadedBy: { name: string };
    }[];
    expect(files.find((f) => f.id === originalId)).toMatchObject({ shared: false, withheld: true });
    const redacted = files.find((f) => f.id !== originalId)!;
    expect(redacted).toMatchObject({
      shared: true,
      redactionNote: "Nilai penawaran peserta lain",
      uploadedBy: { name: "Yuli PPID Kapuas" },
    });
    const reshare = await kapuas.patch(`/api/ppid/requests/${filed.id}/files/${originalId}`, { shared: true });
    expect(reshare.body.error.code).toBe("ppid_original_withheld");
    const refused = await upload("virus.exe", Buffer.from("MZ\x90\x00"), "shared=true");
    expect(refused.status).toBe(415);

    // Before the notice the applicant sees no files; after a partial grant, the redacted copy only.
    expect((await download(siar, `${filed.base}/berkas/${redacted.id}`)).status).toBe(404);
    await kapuas.post(`/api/ppid/requests/${filed.id}/decide`, NOTICES.granted_in_part);
    const got = await download(siar, `${filed.base}/berkas/${redacted.id}`);
    expect(got.status).toBe(200);
    expect(got.body.toString()).toContain("bagian hitam");
    expect(got.headers.get("content-disposition")).toContain("attachment");
    expect((await download(siar, `${filed.base}/berkas/${originalId}`)).status).toBe(404);
    // Staff of the case still read the original.
    expect(
      (await download(siar, `/api/ppid/requests/${filed.id}/files/${originalId}`, kapuas)).body.toString(),
    ).toContain("asli");
  });
});

describe("the public register", () => {
  const register = async () => {
    const response = await fetch(`${siar.url}/ppid/register`);
    return { cache: response.headers.get("x-cache"), text: await response.text() };
  };

  it("is kept by the page cache, yet shows a new request, its summary and its decision at once", async () => {
    await register();
    expect((await register()).cache).toBe("HIT");

    const filed = await forwardedToKapuas();
    const listed = await register();
    expect(listed.cache).toBe("MISS");
    expect(listed.text).toContain(filed.number);

    const summary = `Dokumen kontrak jembatan ${filed.number}`;
    expect((await kapuas.patch(`/api/ppid/requests/${filed.id}`, { publicSummary: summary })).status).toBe(200);
    expect((await register()).text).toContain(summary);

    expect((await kapuas.post(`/api/ppid/requests/${filed.id}/decide`, NOTICES.not_held)).status).toBe(200);
    const row = (await register()).text.split("<tr>").find((cells) => cells.includes(filed.number!));
    expect(row).toContain("Informasi tidak dikuasai");
  });
});
