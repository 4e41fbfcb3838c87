import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateColumn, officeCalendar } from "@server/ppid/calendar.js";
import { issuePurposeToken } from "@server/routes/public/formTokens.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { partOf, startMailbox, subjectOf } from "../helpers/mailbox.js";
import { extractPdfText } from "../helpers/pdfText.js";
import { fileWebRequest, NOTICES, pdfAt, postForm } from "../helpers/ppid.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Objections (Pasal 35–36) from the applicant's case page and from the PPID's desk: filed as soon
// as their reason exists and within 30 working days after it, answered in writing by the atasan
// PPID named on the PPID unit, and taken to the Komisi Informasi as a recorded dispute.

let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let siar: TestSiar;
let utama: ApiClient;
let kapuas: ApiClient;
let camatKapuas: ApiClient;
let sekda: ApiClient;
let kapuasUnit: string;

beforeAll(async () => {
  mailbox = await startMailbox();
  siar = await startTestSiar({ SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`, SMTP_FROM: "PPID <ppid@example.go.id>" });
  utama = await signedIn(siar.url, "ppid@sanggau.demo");
  kapuas = await signedIn(siar.url, "ppid.kapuas@sanggau.demo");
  camatKapuas = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
  sekda = await signedIn(siar.url, "pimpinan@sanggau.demo");
  kapuasUnit = (await siar.services.prisma.unit.findUniqueOrThrow({ where: { code: "kec-kapuas" } })).id;
});
afterAll(async () => {
  await siar?.close();
  await mailbox?.close();
});

/** A request at the Kapuas PPID, decided as `notice` says (or not at all). */
async function kapuasCase(
  notice?: Record<string, unknown>,
  email = `pemohon.${Math.random().toString(36).slice(2, 8)}@contoh.id`,
) {
  const filed = await fileWebRequest(siar, { email });
  const today = (await officeCalendar(siar.services.prisma)).dateOf(new Date());
  await utama.post(`/api/ppid/requests/${filed.id}/forward`, { toUnitId: kapuasUnit, internalDueOn: today });
  if (notice) expect((await kapuas.post(`/api/ppid/requests/${filed.id}/decide`, notice)).status).toBe(200);
  return { ...filed, email };
}

/** The applicant's objection through the case page's form. */
async function objectOnline(
  base: string,
  reasons: string[],
  statement = "Informasi ini menyangkut uang rakyat dan harus dibuka.",
) {
  return postForm(siar, `${base}/keberatan`, {
    alasan: reasons,
    kasus: statement,
    kuasa: "",
    situs: "",
    token: issuePurposeToken(siar.services.hasher, "ppid-keberatan", Date.now() - 60_000),
  });
}

describe("filing an objection", () => {
  it("objects to a refusal at once from the case page, with a number, a receipt and the answer's deadline", async () => {
    const filed = await kapuasCase(NOTICES.refused);
    const response = await objectOnline(filed.base!, ["a"]);
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    const number = /keberatan=(KEB-\d{4}-\d{5})/.exec(location)![1]!;
    const page = await (await fetch(`${siar.url}${location}`)).text();
    expect(page).toContain(`Keberatan Anda sudah kami terima dengan nomor ${number}`);
    expect(page).toContain("Belum ditanggapi");
    const objection = await siar.services.prisma.ppidObjection.findUniqueOrThrow({
      where: { registrationNumber: number },
    });
    const calendar = await officeCalendar(siar.services.prisma);
    expect(objection.answerDueOn.toISOString().slice(0, 10)).toBe(calendar.objectionAnswerDue(objection.filedAt));
    const receipt = await pdfAt(siar, `${filed.base}/keberatan/${number}/surat/receipt`);
    expect(receipt).toContain(number);
    expect(receipt).toContain("huruf a: permohonan informasi ditolak dengan alasan pengecualian Pasal 17");
  });

  it("does not take a reason that does not exist yet: 'not answered' only after the deadline passed", async () => {
    const filed = await kapuasCase();
    const online = await objectOnline(filed.base!, ["c"]);
    expect(online.status).toBe(422);
    expect(await online.text()).toContain("Alasan keberatan yang dipilih belum ada untuk permohonan ini.");
    const paper = await kapuas.post(`/api/ppid/requests/${filed.id}/objections`, {
      channel: "letter",
      reasons: ["c"],
      statement: "Permohonan saya tidak dijawab.",
    });
    expect(paper.status).toBe(422);
    expect(paper.body.error).toMatchObject({ code: "ppid_objection_reason_absent", details: { reasons: ["c"] } });

    // Once the deadline is a week behind, the same objection is taken.
    const weekAgo = new Date(Date.now() - 7 * 86_400_000);
    await siar.services.prisma.ppidRequest.update({
      where: { id: filed.id! },
      data: { noticeDueOn: dateColumn((await officeCalendar(siar.services.prisma)).dateOf(weekAgo)) },
    });
    const later = await kapuas.post(`/api/ppid/requests/${filed.id}/objections`, {
      channel: "letter",
      reasons: ["c"],
      statement: "Permohonan saya tidak dijawab.",
    });
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    expect(later.body.objections[0]).toMatchObject({ channel: "letter", reasons: ["c"], status: "filed" });
  });

  it("refuses an objection filed more than 30 working days after its reason", async () => {
    const filed = await kapuasCase(NOTICES.refused);
    // Decided on Monday 5 January 2026: counted from the 6th, past Isra Mikraj (16 Jan) and Imlek with its
    // cuti bersama (16–17 Feb), the 30th working day is 19 February.
    await siar.services.prisma.ppidRequest.update({
      where: { id: filed.id! },
      data: { decidedAt: new Date("2026-01-05T03:00:00Z") },
    });
    const response = await kapuas.post(`/api/ppid/requests/${filed.id}/objections`, {
      channel: "in_person",
      reasons: ["a"],
      statement: "Saya keberatan atas penolakan ini.",
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: "ppid_objection_window_closed",
      details: { reasons: [{ reason: "a", filingEndsOn: "2026-02-19" }] },
    });
  });
});

describe("the atasan PPID's answer", () => {
  it("only the atasan named on the PPID unit answers; the answer is a PDF, e-mailed, and shown to the applicant", async () => {
    const filed = await kapuasCase(NOTICES.refused, "keberatan.dijawab@contoh.id");
    await objectOnline(filed.base!, ["a"]);
    const objection = await siar.services.prisma.ppidObjection.findFirstOrThrow({ where: { requestId: filed.id! } });

    const mine = await camatKapuas.get("/api/ppid/objections?view=mine");
    expect(mine.body.data.map((o: { id: string }) => o.id)).toContain(objection.id);
    expect(
      (await sekda.get("/api/ppid/objections?view=mine")).body.data.map((o: { id: string }) => o.id),
    ).not.toContain(objection.id);

    const body = {
      outcome: "accepted",
      answer: "Keberatan diterima. PPID memberikan informasi dengan menghitamkan data pribadi.",
      signedAs: "Camat Kapuas",
    };
    for (const client of [sekda, kapuas, utama]) {
      expect((await client.post(`/api/ppid/objections/${objection.id}/answer`, body)).status).toBe(403);
    }
    const answered = await camatKapuas.post(`/api/ppid/objections/${objection.id}/answer`, body);
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const calendar = await officeCalendar(siar.services.prisma);
    expect(answered.body.answer).toMatchObject({
      outcome: "accepted",
      signedAs: "Camat Kapuas",
      disputeFilingEndsOn: calendar.disputeFilingEnds(new Date()),
      email: { status: "sent" },
    });
    const letter = await pdfAt(siar, `/api/ppid/objections/${objection.id}/letters/answer`, camatKapuas);
    expect(letter).toContain("TANGGAPAN ATASAN PPID ATAS KEBERATAN");
    expect(letter).toContain("[X] Keberatan diterima");
    expect(letter).toContain("Camat Kapuas");
    const mail = mailbox.messages.find(
      (m) => m.to.includes("keberatan.dijawab@contoh.id") && subjectOf(m.raw).includes("Tanggapan"),
    );
    expect(extractPdfText(partOf(mail!.raw, "application/pdf"))).toContain(objection.registrationNumber);
    const page = await (await fetch(`${siar.url}${filed.base}`)).text();
    expect(page).toContain("Keberatan diterima. PPID memberikan informasi dengan menghitamkan data pribadi.");
    expect(page).toContain("Komisi Informasi");
    expect((await camatKapuas.post(`/api/ppid/objections/${objection.id}/answer`, body)).body.error.code).toBe(
      "ppid_objection_answered",
    );
  });
});

describe("disputes at the Komisi Informasi", () => {
  it("records the dispute, its hearings and its outcome, once", async () => {
    const filed = await kapuasCase(NOTICES.refused);
    await objectOnline(filed.base!, ["a"]);
    const objection = await siar.services.prisma.ppidObjection.findFirstOrThrow({ where: { requestId: filed.id! } });
    await camatKapuas.post(`/api/ppid/objections/${objection.id}/answer`, {
      outcome: "rejected",
      answer: "Keberatan ditolak; informasi tetap dikecualikan sesuai uji konsekuensi.",
      signedAs: "Camat Kapuas",
    });
    const today = (await officeCalendar(siar.services.prisma)).dateOf(new Date());
    const dispute = await kapuas.post(`/api/ppid/objections/${objection.id}/dispute`, {
      filedOn: today,
      caseNumber: "012/KI-KB/2026",
    });
    expect(dispute.status).toBe(201);
    expect(
      (await kapuas.post(`/api/ppid/objections/${objection.id}/dispute`, { filedOn: today })).body.error.code,
    ).toBe("ppid_dispute_exists");
    await kapuas.post(`/api/ppid/objections/${objection.id}/dispute/hearings`, { heldOn: today, kind: "Mediasi" });
    const ended = await kapuas.post(`/api/ppid/objections/${objection.id}/dispute/outcome`, {
      outcome: "mediation_agreement",
      outcomeOn: today,
      outcomeNote: "Para pihak sepakat informasi diberikan sebagian.",
    });
    expect(ended.body.dispute).toMatchObject({
      caseNumber: "012/KI-KB/2026",
      outcome: "mediation_agreement",
      hearings: [{ kind: "Mediasi", heldOn: today }],
    });
    expect((await camatKapuas.post(`/api/ppid/objections/${objection.id}/dispute`, { filedOn: today })).status).toBe(
      403,
    );
    const page = await (await fetch(`${siar.url}${filed.base}`)).text();
    expect(page).toContain("Sengketa diajukan ke Komisi Informasi");
    expect(page).toContain("Kesepakatan mediasi");
  });
});

describe("the satisfaction survey", () => {
  it("takes one rating per decided request", async () => {
    const filed = await kapuasCase(NOTICES.granted);
    const rate = (nilai: string) =>
      postForm(siar, `${filed.base}/survei`, {
        nilai,
        tepat_waktu: "ya",
        sesuai: "tidak",
        saran: "Mohon dikirim lebih cepat.",
        token: issuePurposeToken(siar.services.hasher, "ppid-survei", Date.now() - 60_000),
      });
    expect((await rate("9")).status).toBe(400);
    expect((await rate("4")).status).toBe(303);
    expect((await rate("1")).status).toBe(303);
    const survey = await siar.services.prisma.ppidSurvey.findUniqueOrThrow({ where: { requestId: filed.id! } });
    expect(survey).toMatchObject({ satisfaction: 4, timely: true, asRequested: false });
  });
});
