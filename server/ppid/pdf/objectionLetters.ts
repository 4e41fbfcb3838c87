import { isoDateOf, type PpidCalendar } from "@server/ppid/calendar.js";
import type { Office, PpidCase, PpidCaseObjection } from "@server/ppid/cases.js";
import {
  CHANNEL_LABELS,
  OBJECTION_OUTCOME_LABELS,
  OBJECTION_REASONS,
  type ObjectionReason,
} from "@server/ppid/codes.js";
import { Letter, longDate } from "./letter.js";

// The objection's letters: the copy of the objection form the applicant keeps as its receipt,
// and the atasan PPID's written answer (tanggapan atas keberatan), after Perki 1/2021.

type Context = { office: Office; calendar: PpidCalendar; trackingUrl: string };

const reasonLines = (objection: PpidCaseObjection) =>
  objection.reasons.map((letter) => `huruf ${letter}: ${OBJECTION_REASONS[letter as ObjectionReason].id}`);

function caseFields(request: PpidCase, objection: PpidCaseObjection, calendar: PpidCalendar): [string, string][] {
  return [
    ["Nomor registrasi keberatan", objection.registrationNumber],
    ["Tanggal diterima", longDate(calendar.dateOf(objection.filedAt))],
    ["Diterima melalui", CHANNEL_LABELS[objection.channel].id],
    ["Nomor pendaftaran permohonan", request.registrationNumber],
    ["Nama pemohon", request.applicantName],
    ["Kuasa pemohon", objection.representativeName ?? "–"],
    ["Alamat", request.address],
    ["Informasi yang diminta", request.information],
    ["Tujuan penggunaan informasi", request.purpose],
  ];
}

export function objectionReceiptPdf(
  request: PpidCase,
  objection: PpidCaseObjection,
  context: Context,
): Promise<Buffer> {
  const letter = new Letter({
    office: context.office.name,
    letterhead: context.office.letterhead,
    issuer: "Atasan PPID",
    title: "Pernyataan Keberatan atas Permohonan Informasi",
    number: objection.registrationNumber,
  });
  letter
    .fields(caseFields(request, objection, context.calendar))
    .heading("Alasan pengajuan keberatan (UU 14/2008 Pasal 35 ayat 1)")
    .list(reasonLines(objection))
    .heading("Kasus posisi")
    .paragraph(objection.statement)
    .fields([["Batas waktu tanggapan atasan PPID", longDate(isoDateOf(objection.answerDueOn))]])
    .note(`Tanggapan tertulis atasan PPID dapat dilihat di ${context.trackingUrl}`)
    .signature({
      place: context.office.place,
      date: context.calendar.dateOf(objection.filedAt),
      role: "Petugas penerima keberatan",
      name: objection.channel === "web" ? "(diterima melalui formulir daring)" : "Petugas Pelayanan Informasi",
    });
  return letter.finish();
}

export function objectionAnswerPdf(
  request: PpidCase,
  objection: PpidCaseObjection,
  context: Context & { answererName: string },
): Promise<Buffer> {
  if (!objection.answeredAt || !objection.outcome || !objection.disputeFilingEndsOn)
    throw new Error("objectionAnswerPdf needs an answered objection");
  const answeredOn = context.calendar.dateOf(objection.answeredAt);
  const letter = new Letter({
    office: context.office.name,
    letterhead: context.office.letterhead,
    issuer: "Atasan PPID",
    title: "Tanggapan Atasan PPID atas Keberatan",
    number: `${objection.registrationNumber}/T`,
  });
  letter
    .fields(caseFields(request, objection, context.calendar))
    .heading("Alasan pengajuan keberatan")
    .list(reasonLines(objection))
    .heading("Keputusan atasan PPID")
    .choices(
      Object.entries(OBJECTION_OUTCOME_LABELS).map(([code, label]) => ({
        label: label.id,
        chosen: code === objection.outcome,
      })),
    )
    .heading("Tanggapan")
    .paragraph(objection.answer ?? "")
    .note(
      `Tanggapan ini diberikan pada ${longDate(answeredOn)}; batas waktunya ${longDate(isoDateOf(objection.answerDueOn))}. ` +
        "Apabila Saudara tidak puas dengan tanggapan ini, Saudara dapat mengajukan penyelesaian sengketa informasi " +
        `kepada Komisi Informasi paling lambat ${longDate(isoDateOf(objection.disputeFilingEndsOn))} ` +
        "(14 hari kerja, UU 14/2008 Pasal 37 ayat 2).",
    )
    .signature({
      place: context.office.place,
      date: answeredOn,
      role: objection.answeredByTitle ? `Atasan PPID, ${objection.answeredByTitle}` : "Atasan PPID",
      name: context.answererName,
    });
  return letter.finish();
}
