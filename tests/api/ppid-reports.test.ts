import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateColumn, officeCalendar } from "@server/ppid/calendar.js";
import { DIP_OBLIGATIONS, type DipObligationCode, dipCompliance } from "@server/ppid/dipCompliance.js";
import { selfAssessment } from "@server/ppid/selfAssessment.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { dipEntry } from "../helpers/dip.js";
import { extractPdfText } from "../helpers/pdfText.js";
import { APPLICANT, download, fileWebRequest, NOTICES, STAFF_REQUEST } from "../helpers/ppid.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The registers (Perki 1/2021) as CSV and PDF, the service figures, the warnings before deadlines,
// the annual report with its prose and figures, the self-assessment, and the inbox link.

let siar: TestSiar;
let utama: ApiClient;
let kapuas: ApiClient;
let camat: ApiClient;
let officer: ApiClient;
let kapuasUnit: string;
let year: number;
let ids: { granted: string; refused: string; late: string; open: string };

beforeAll(async () => {
  siar = await startTestSiar();
  utama = await signedIn(siar.url, "ppid@sanggau.demo");
  kapuas = await signedIn(siar.url, "ppid.kapuas@sanggau.demo");
  camat = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
  officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
  kapuasUnit = (await siar.services.prisma.unit.findUniqueOrThrow({ where: { code: "kec-kapuas" } })).id;
  const calendar = await officeCalendar(siar.services.prisma);
  year = Number(calendar.dateOf(new Date()).slice(0, 4));
  const atKapuas = async (notice?: Record<string, unknown>, overrides: Record<string, string> = {}) => {
    const filed = await fileWebRequest(siar, overrides);
    await utama.post(`/api/ppid/requests/${filed.id}/forward`, {
      toUnitId: kapuasUnit,
      internalDueOn: calendar.dateOf(new Date()),
    });
    if (notice) await kapuas.post(`/api/ppid/requests/${filed.id}/decide`, notice);
    return filed.id!;
  };
  ids = {
    granted: await atKapuas(NOTICES.granted),
    refused: await atKapuas(NOTICES.refused, { telepon: "", email: "tolak@contoh.id" }),
    late: await atKapuas(),
    open: await atKapuas(),
  };
  // One request past its deadline, answered late: the figures count it as late, the lists as overdue first.
  await siar.services.prisma.ppidRequest.update({
    where: { id: ids.late },
    data: { noticeDueOn: dateColumn(calendar.dateOf(new Date(Date.now() - 10 * 86_400_000))) },
  });
  await kapuas.post(`/api/ppid/requests/${ids.refused}/objections`, {
    channel: "letter",
    reasons: ["a"],
    statement: "Saya keberatan atas penolakan ini.",
  });
});
afterAll(async () => siar?.close());

describe("the registers", () => {
  it("export every request of the year with the Perki 1/2021 columns, without the identity number", async () => {
    const csv = (
      await download(siar, `/api/ppid/registers/requests.csv?year=${year}&unitId=${kapuasUnit}`, kapuas)
    ).body.toString("utf8");
    const [header, ...lines] = csv.trim().split("\r\n");
    expect(header).toBe(
      "No,Nomor pendaftaran,Tanggal diterima,Nama,Alamat,Nomor kontak,Pekerjaan,Informasi yang diminta,Tujuan penggunaan informasi,Kanal,PPID,Status informasi,Bentuk informasi yang dikuasai,Jenis permohonan,Keputusan,Alasan penolakan (Pasal 17),Hari dan tanggal pemberitahuan tertulis,Hari kerja sampai pemberitahuan,Biaya dan cara pembayaran,Keberatan",
    );
    expect(lines).toHaveLength(4);
    expect(csv).toContain(APPLICANT.nama);
    expect(csv).toContain("Ditolak (informasi dikecualikan)");
    expect(csv).toContain("huruf a, huruf h");
    expect(csv).not.toContain(APPLICANT.nomor_identitas);
    const pdf = extractPdfText(
      (await download(siar, `/api/ppid/registers/requests.pdf?year=${year}&unitId=${kapuasUnit}`, kapuas)).body,
    );
    expect(pdf).toContain(`Register Permohonan Informasi Publik Tahun ${year}`);
    expect(pdf).not.toContain(APPLICANT.nomor_identitas);
    const audited = await siar.services.prisma.auditEvent.count({ where: { action: "ppid_register.exported" } });
    expect(audited).toBe(2);
  });

  it("export the objections with the atasan's decision and the dispute", async () => {
    const csv = (await download(siar, `/api/ppid/registers/objections.csv?year=${year}`, utama)).body.toString("utf8");
    expect(csv.split("\r\n")[0]).toContain("Nomor registrasi keberatan,Tanggal diterima,Nama pemohon / kuasa");
    expect(csv).toContain("Belum ditanggapi");
    expect(csv).not.toContain(APPLICANT.nomor_identitas);
    expect((await download(siar, `/api/ppid/registers/objections.pdf?year=${year}`, utama)).status).toBe(200);
  });

  it("are not exported to leaders or officers", async () => {
    for (const client of [camat, officer])
      expect((await download(siar, `/api/ppid/registers/requests.csv?unitId=${kapuasUnit}`, client)).status).toBe(403);
  });
});

describe("figures and deadlines", () => {
  it("count the year's requests by channel and decision, notices on time and late, and the time to the notice", async () => {
    const { figures } = (await camat.get(`/api/ppid/figures?year=${year}&unitId=${kapuasUnit}`)).body;
    expect(figures.requests).toMatchObject({
      received: 4,
      pending: 2,
      byChannel: { web: 4 },
      byDecision: { granted: 1, refused: 1 },
    });
    expect(figures.requests.exemptions).toMatchObject({ a: 1, h: 1 });
    expect(figures.notice).toMatchObject({
      decided: 2,
      onTime: 2,
      late: 0,
      overdue: 1,
      onTimeRate: 1,
      averageWorkingDays: 0,
    });
    expect(figures.objections).toMatchObject({ filed: 1, pending: 1 });
  });

  it("list what is overdue and what is due soon, with numbers and units only", async () => {
    const lists = (await camat.get(`/api/ppid/deadlines?unitId=${kapuasUnit}`)).body;
    expect(lists.requests.overdue.count).toBe(1);
    expect(lists.requests.overdue.rows[0]).toMatchObject({ id: ids.late, unitName: "Kecamatan Kapuas" });
    expect(lists.requests.overdue.rows[0].workingDays).toBeGreaterThan(0);
    expect(JSON.stringify(lists)).not.toContain(APPLICANT.nama);
  });
});

describe("the transparency page", () => {
  it("shows the year's information requests as aggregates, without applicants", async () => {
    const page = await (await fetch(`${siar.url}/transparansi`)).text();
    expect(page).toContain(`Layanan informasi publik tahun ${year}`);
    expect(page).toMatch(/Permohonan informasi diterima<\/th><td class="n">4</);
    expect(page).not.toContain(APPLICANT.nama);
  });
});

describe("the annual report", () => {
  it("keeps the prose staff write and fills every figure from the registers, as PDF and CSV", async () => {
    const saved = await kapuas.patch(`/api/ppid/annual-reports/${year}?unitId=${kapuasUnit}`, {
      policy: "Layanan informasi dibuka setiap hari kerja pukul 08.00–15.00.",
      staff: "Dua petugas layanan informasi.",
      facilities: "Meja layanan dan komputer.",
      budget: "Rp25.000.000 dari APBD.",
      obstacles: "Arsip desa belum digital.",
      recommendations: "Digitalisasi arsip desa.",
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      complete: true,
      dueOn: `${year + 1}-03-31`,
      figures: { requests: { received: 4 } },
    });
    const pdf = extractPdfText(
      (await download(siar, `/api/ppid/annual-reports/${year}/report.pdf?unitId=${kapuasUnit}`, camat)).body,
    );
    expect(pdf).toContain(`LAPORAN LAYANAN INFORMASI PUBLIK TAHUN ${year}`);
    expect(pdf).toContain("Arsip desa belum digital.");
    expect(pdf).toContain("Jumlah permohonan diterima");
    expect(pdf).toContain("Huruf a: dapat menghambat proses");
    const csv = (
      await download(siar, `/api/ppid/annual-reports/${year}/report.csv?unitId=${kapuasUnit}`, camat)
    ).body.toString();
    expect(csv).toContain("Digitalisasi arsip desa.");
    expect((await camat.patch(`/api/ppid/annual-reports/${year}?unitId=${kapuasUnit}`, { policy: "x" })).status).toBe(
      403,
    );
  });
});

describe("the self-assessment", () => {
  it("lists the monitoring's obligations for the body and each PPID, with evidence and where to fix", async () => {
    const { sections } = (await utama.get(`/api/ppid/self-assessment?year=${year}`)).body;
    expect(sections.map((s: { unit: { name: string } | null }) => s.unit?.name ?? "body")).toEqual(
      expect.arrayContaining(["body", "Dinas Komunikasi dan Informatika", "Kecamatan Kapuas"]),
    );
    const kapuasSection = sections.find((s: { unit: { name: string } | null }) => s.unit?.name === "Kecamatan Kapuas");
    const byId = Object.fromEntries(kapuasSection.obligations.map((o: { id: string }) => [o.id, o]));
    expect(byId.request_form_online.met).toBe(true);
    expect(byId.request_register_kept.evidence[0].href).toContain(`/ppid/register?tahun=${year}&ppid=${kapuasUnit}`);
    expect(byId.notices_on_time).toMatchObject({ met: false, fix: { href: "/app/ppid/requests?view=overdue" } });
    expect(byId.ppid_structure.met).toBe(true);
    expect(byId.annual_report_made.met).toBe(false); // last year's report has no prose
  });
});

describe("the self-assessment's DIP answers", () => {
  type Answer = {
    id: string;
    met: boolean;
    finding: { id: string };
    evidence: { href: string }[];
    fix?: { href: string };
  };
  const isDip = (code: string): code is DipObligationCode => (DIP_OBLIGATIONS as readonly string[]).includes(code);
  /** The DIP obligations of one section of the self-assessment (the body's when unitId is null). */
  async function dipAnswers(unitId: string | null): Promise<Record<DipObligationCode, Answer>> {
    const { sections } = (await utama.get(`/api/ppid/self-assessment?year=${year}`)).body;
    const section = sections.find((s: { unit: { id: string } | null }) => (s.unit?.id ?? null) === unitId);
    return Object.fromEntries(
      (section.obligations as Answer[]).filter((o) => isDip(o.id)).map((o) => [o.id, o]),
    ) as Record<DipObligationCode, Answer>;
  }

  it("gives every DIP obligation, each met exactly when dipCompliance finds it met", async () => {
    const kominfo = (await siar.services.prisma.unit.findUniqueOrThrow({ where: { code: "dinas-kominfo" } })).id;
    const pupr = (await siar.services.prisma.unit.findUniqueOrThrow({ where: { code: "dinas-pupr" } })).id;
    for (const [section, ppidUnit] of [
      [null, kominfo],
      [pupr, pupr],
      [kapuasUnit, kapuasUnit],
    ] as const) {
      const answers = await dipAnswers(section);
      expect(Object.keys(answers).sort()).toEqual([...DIP_OBLIGATIONS].sort());
      const compliance = await dipCompliance(siar.services, { unitId: ppidUnit });
      for (const { code, met, evidence } of compliance.obligations) {
        expect(answers[code].met, `${section ?? "body"}: ${code}`).toBe(met);
        expect(answers[code].evidence.map((e) => e.href)).toEqual(evidence);
      }
    }
  });

  it("changes as the DIP changes: a PPID's first serta-merta entry meets the obligation, withdrawing it unmeets it", async () => {
    const pupr = (await siar.services.prisma.unit.findUniqueOrThrow({ where: { code: "dinas-pupr" } })).id;
    const ppidPupr = await signedIn(siar.url, "ppid.pupr@sanggau.demo");
    const before = await dipAnswers(pupr);
    expect(before.class_serta_merta).toMatchObject({ met: false, fix: { href: "/app/ppid/dip/new" } });
    expect(before.class_serta_merta.finding.id).toBe("0 informasi serta-merta di DIP publik.");
    const published = before.dip_published.finding.id;

    const created = await ppidPupr.post(
      "/api/dip-items",
      dipEntry(pupr, { class: "serta_merta", title: "Jembatan Sungai Sekayam ditutup sementara" }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await ppidPupr.post(`/api/dip-items/${created.body.id}/publish`, {})).status).toBe(200);
    const after = await dipAnswers(pupr);
    expect(after.class_serta_merta.met).toBe(true);
    expect(after.class_serta_merta.fix).toBeUndefined();
    expect(after.class_serta_merta.finding.id).toBe("1 informasi serta-merta di DIP publik.");
    expect(after.dip_published.finding.id).not.toBe(published);

    const withdrawn = await ppidPupr.post(`/api/dip-items/${created.body.id}/withdraw`, { reason: "Jembatan dibuka" });
    expect(withdrawn.status).toBe(200);
    expect((await dipAnswers(pupr)).class_serta_merta.met).toBe(false);
  });

  it("answers that a unit which is not a PPID has no DIP to assess, with where to fix it", async () => {
    const context = {
      services: siar.services,
      calendar: await officeCalendar(siar.services.prisma),
      now: new Date(),
      year,
    };
    const desa = await siar.services.prisma.unit.findUniqueOrThrow({ where: { code: "desa-sungai-mawang" } });
    const answers = await selfAssessment({
      ...context,
      scope: { unit: { ...desa, ppidLevel: null }, kind: "unit", where: {}, reportKey: () => "x" },
    });
    const dip = answers.filter((answer) => isDip(answer.id));
    expect(dip).toHaveLength(DIP_OBLIGATIONS.length);
    for (const answer of dip) expect(answer).toMatchObject({ met: false, fix: { href: "/app/admin/units" } });
  });
});

describe("the inbox", () => {
  it("makes a request from an inbox item, linked both ways and shown on the item", async () => {
    const conversation = await siar.services.prisma.conversation.create({
      data: { source: "facebook_comment", threadKey: "ppid-uji", authorKey: "warga-uji", lastItemAt: new Date() },
    });
    const item = await siar.services.prisma.inboxItem.create({
      data: {
        conversationId: conversation.id,
        source: "facebook_comment",
        platformId: "ppid-uji-1",
        authorName: "Warga Penanya",
        text: "Boleh minta data penerima BLT desa kami?",
        sentAt: new Date(),
        unitId: kapuasUnit,
      },
    });
    const made = await kapuas.post("/api/ppid/requests", {
      ...STAFF_REQUEST,
      channel: "social_media",
      unitId: kapuasUnit,
      inboxItemId: item.id,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.request.inboxItemId).toBe(item.id);
    const again = await kapuas.post("/api/ppid/requests", {
      ...STAFF_REQUEST,
      unitId: kapuasUnit,
      inboxItemId: item.id,
    });
    expect(again.body.error.code).toBe("ppid_inbox_item_linked");
    const detail = (await officer.get(`/api/inbox/${item.id}`)).body;
    expect(detail.ppidRequest).toMatchObject({
      registrationNumber: made.body.request.registrationNumber,
      readable: false,
    });
    expect(detail.timeline.map((e: { type: string }) => e.type)).toContain("ppid_request");
  });
});
