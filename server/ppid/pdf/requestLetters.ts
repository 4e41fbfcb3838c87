import { isoDateOf, type PpidCalendar } from "@server/ppid/calendar.js";
import { issuerOf, type Office, type PpidCase } from "@server/ppid/cases.js";
import {
  ACCESS_METHOD_LABELS,
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  COPY_FORM_LABELS,
  DECISION_LABELS,
  DELIVERY_LABELS,
  EXEMPTIONS,
  IDENTITY_TYPE_LABELS,
  type Exemption,
} from "@server/ppid/codes.js";
import { effectiveDueOn } from "@server/ppid/deadlines.js";
import { Letter, longDate, rupiah } from "./letter.js";

// The request's letters: the receipt (tanda bukti penerimaan), the written notice of the decision
// (pemberitahuan tertulis) and the notice of extension, after the forms of Perki 1/2021.

type Context = { office: Office; calendar: PpidCalendar; trackingUrl: string };

function applicantFields(request: PpidCase): [string, string | null][] {
  return [
    ["Nama", request.applicantName],
    ["Jenis pemohon", APPLICANT_TYPE_LABELS[request.applicantType].id],
    [IDENTITY_TYPE_LABELS[request.identityType].id, request.identityNumberMasked],
    ["Alamat", request.address],
    ["Pekerjaan", request.occupation],
    ["Nomor telepon/email", [request.phone, request.email].filter(Boolean).join(" / ")],
  ];
}

function howWanted(request: PpidCase): string {
  const access = ACCESS_METHOD_LABELS[request.accessMethod].id;
  return request.copyForm ? `${access}: ${COPY_FORM_LABELS[request.copyForm].id}` : access;
}

export function requestReceiptPdf(request: PpidCase, context: Context, accessCode?: string): Promise<Buffer> {
  const due = isoDateOf(request.noticeDueOn);
  const letter = new Letter({
    office: context.office.name,
    letterhead: context.office.letterhead,
    issuer: issuerOf(request.unit),
    title: "Tanda Bukti Penerimaan Permohonan Informasi Publik",
    number: request.registrationNumber,
  });
  letter
    .fields([
      ["Nomor pendaftaran", request.registrationNumber],
      ["Tanggal diterima", longDate(context.calendar.dateOf(request.receivedAt))],
      ["Diterima melalui", CHANNEL_LABELS[request.channel].id],
    ])
    .heading("Pemohon")
    .fields(applicantFields(request))
    .heading("Permohonan")
    .fields([
      ["Rincian informasi yang dibutuhkan", request.information],
      ["Tujuan penggunaan informasi", request.purpose],
      ["Cara memperoleh informasi", howWanted(request)],
      ["Cara mendapatkan salinan", DELIVERY_LABELS[request.delivery].id],
    ])
    .heading("Jangka waktu")
    .paragraph(
      `Pemberitahuan tertulis atas permohonan ini wajib diberikan paling lambat ${longDate(due)} ` +
        "(10 hari kerja, UU 14/2008 Pasal 22 ayat 7). Jangka waktu ini dapat diperpanjang satu kali paling lama " +
        `7 hari kerja dengan alasan tertulis, yaitu sampai ${longDate(context.calendar.extendedNoticeDue(due))}.`,
    )
    .heading("Memantau permohonan")
    .paragraph(`Status, pemberitahuan tertulis dan berkas informasi dapat dilihat di ${context.trackingUrl}`)
    .fields([["Kode akses", accessCode ?? "diberikan saat pendaftaran (simpan dengan baik)"]])
    .note(
      "Kode akses bersifat rahasia: bersama nomor pendaftaran, kode ini membuka permohonan Anda. " +
        "Nomor identitas Anda disimpan terenkripsi dan hanya ditampilkan tersamar.",
    )
    .signature({
      place: context.office.place,
      date: context.calendar.dateOf(request.receivedAt),
      role: "Petugas Pelayanan Informasi",
      name: request.channel === "web" ? "(diterima melalui formulir daring)" : issuerOf(request.unit),
    });
  return letter.finish();
}

/** The written notice of the decision (pemberitahuan tertulis, Pasal 22(7) and Perki 1/2021). */
export function decisionNoticePdf(request: PpidCase, context: Context & { deciderName: string }): Promise<Buffer> {
  const decision = request.decision;
  if (!decision || !request.decidedAt) throw new Error("decisionNoticePdf needs a decided request");
  const decidedOn = context.calendar.dateOf(request.decidedAt);
  const letter = new Letter({
    office: context.office.name,
    letterhead: context.office.letterhead,
    issuer: issuerOf(request.unit),
    title: "Pemberitahuan Tertulis",
    number: `${request.registrationNumber}/PT`,
  });
  letter
    .paragraph(
      `Berdasarkan permohonan informasi nomor ${request.registrationNumber} yang diterima pada ` +
        `${longDate(context.calendar.dateOf(request.receivedAt))}, dengan ini kami sampaikan kepada:`,
    )
    .fields(applicantFields(request))
    .fields([["Informasi yang diminta", request.information]])
    .heading("Keputusan")
    .choices(Object.entries(DECISION_LABELS).map(([code, label]) => ({ label: label.id, chosen: code === decision })));
  if (decision === "granted" || decision === "granted_in_part") {
    letter.fields([
      ["Bentuk informasi", request.noticeForm ? COPY_FORM_LABELS[request.noticeForm].id : null],
      ["Cara penyampaian", DELIVERY_LABELS[request.delivery].id],
      ["Waktu penyediaan", request.timeNeeded],
      ["Biaya", request.feeRupiah > 0 ? rupiah(request.feeRupiah) : "Tidak dipungut biaya"],
      ["Keterangan biaya", request.feeNote],
    ]);
  }
  if (request.exemptions.length > 0) {
    letter
      .heading(decision === "refused" ? "Alasan penolakan" : "Bagian informasi yang dikecualikan")
      .paragraph("Informasi yang diminta (atau sebagiannya) dikecualikan berdasarkan UU 14/2008 Pasal 17:")
      .list(request.exemptions.map((letterCode) => `huruf ${letterCode}: ${EXEMPTIONS[letterCode as Exemption].id}`))
      .paragraph("Uji konsekuensi: membuka informasi tersebut dapat menimbulkan konsekuensi sebagai berikut:")
      .paragraph(request.consequenceTest ?? "")
      .fields([
        ["Bagian yang dihitamkan dan alasannya", request.redactedParts],
        [
          "Jangka waktu pengecualian",
          request.exemptionEndsOn ? `sampai ${longDate(isoDateOf(request.exemptionEndsOn))}` : null,
        ],
      ]);
  }
  if (decision === "not_held")
    letter
      .paragraph("Informasi yang diminta tidak dikuasai badan publik ini.")
      .fields([["Informasi dapat diminta kepada", request.whereToAsk]]);
  if (request.decisionNote) letter.heading("Keterangan").paragraph(request.decisionNote);
  letter
    .note(
      `Pemberitahuan ini diberikan pada ${longDate(decidedOn)}; batas waktunya ${longDate(effectiveDueOn(request))}. ` +
        "Apabila Saudara tidak puas, Saudara dapat mengajukan keberatan kepada atasan PPID paling lambat " +
        `${longDate(context.calendar.objectionFilingEnds(decidedOn))} (30 hari kerja, UU 14/2008 Pasal 35–36) ` +
        `melalui ${context.trackingUrl}`,
    )
    .signature({
      place: context.office.place,
      date: decidedOn,
      role: issuerOf(request.unit),
      name: context.deciderName,
    });
  return letter.finish();
}

/** The notice that the deadline is extended, with its written reasons (Pasal 22(8)). */
export function extensionNoticePdf(request: PpidCase, context: Context & { extenderName: string }): Promise<Buffer> {
  if (!request.extendedDueOn || !request.extendedAt) throw new Error("extensionNoticePdf needs an extended request");
  const extendedOn = context.calendar.dateOf(request.extendedAt);
  const letter = new Letter({
    office: context.office.name,
    letterhead: context.office.letterhead,
    issuer: issuerOf(request.unit),
    title: "Pemberitahuan Perpanjangan Jangka Waktu",
    number: `${request.registrationNumber}/PP`,
  });
  letter
    .paragraph(
      `Permohonan informasi nomor ${request.registrationNumber} atas nama ${request.applicantName} ` +
        `semula wajib dijawab paling lambat ${longDate(isoDateOf(request.noticeDueOn))}. ` +
        `Berdasarkan UU 14/2008 Pasal 22 ayat 8, jangka waktu tersebut diperpanjang sampai ${longDate(isoDateOf(request.extendedDueOn))}, dengan alasan:`,
    )
    .paragraph(request.extensionReason ?? "")
    .signature({
      place: context.office.place,
      date: extendedOn,
      role: issuerOf(request.unit),
      name: context.extenderName,
    });
  return letter.finish();
}
