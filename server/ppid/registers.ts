import type { Prisma, PrismaClient } from "@server/db/client.js";
import { toCsv } from "@server/metrics/csv.js";
import { isoDateOf, type PpidCalendar } from "./calendar.js";
import {
  ACCESS_METHOD_LABELS,
  CHANNEL_LABELS,
  COPY_FORM_LABELS,
  DECISION_LABELS,
  DISPUTE_OUTCOME_LABELS,
  OBJECTION_OUTCOME_LABELS,
} from "./codes.js";
import { longDate, rupiah } from "./pdf/letter.js";
import type { TableColumn } from "./pdf/table.js";

// The registers of requests and of objections in the layout of Perki 1/2021's forms. They are
// internal records (names and addresses of applicants), exported to PPID staff only; the identity
// number is never among their columns.

type Register = { columns: TableColumn[]; rows: string[][] };

/** Whether the information is held, as the register's "status informasi" asks. */
function informationStatus(decision: string | null): string {
  if (decision === "not_held") return "Tidak dikuasai";
  if (decision === "not_yet_documented") return "Belum didokumentasikan";
  return decision ? "Dikuasai" : "Belum diputuskan";
}

export async function requestRegister(
  prisma: Pick<PrismaClient, "ppidRequest">,
  where: Prisma.PpidRequestWhereInput,
  calendar: PpidCalendar,
): Promise<Register> {
  const requests = await prisma.ppidRequest.findMany({
    where,
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    include: { unit: { select: { name: true } }, _count: { select: { objections: true } } },
  });
  const columns: TableColumn[] = [
    { header: "No", width: 2 },
    { header: "Nomor pendaftaran", width: 7 },
    { header: "Tanggal diterima", width: 6 },
    { header: "Nama", width: 7 },
    { header: "Alamat", width: 8 },
    { header: "Nomor kontak", width: 8 },
    { header: "Pekerjaan", width: 5 },
    { header: "Informasi yang diminta", width: 12 },
    { header: "Tujuan penggunaan informasi", width: 9 },
    { header: "Kanal", width: 5 },
    { header: "PPID", width: 7 },
    { header: "Status informasi", width: 6 },
    { header: "Bentuk informasi yang dikuasai", width: 6 },
    { header: "Jenis permohonan", width: 6 },
    { header: "Keputusan", width: 6 },
    { header: "Alasan penolakan (Pasal 17)", width: 5 },
    { header: "Hari dan tanggal pemberitahuan tertulis", width: 7 },
    { header: "Hari kerja sampai pemberitahuan", width: 4 },
    { header: "Biaya dan cara pembayaran", width: 6 },
    { header: "Keberatan", width: 3 },
  ];
  const rows = requests.map((request, index) => {
    const receivedOn = calendar.dateOf(request.receivedAt);
    const decidedOn = request.decidedAt ? calendar.dateOf(request.decidedAt) : null;
    return [
      String(index + 1),
      request.registrationNumber,
      longDate(receivedOn),
      request.applicantName,
      request.address,
      [request.phone, request.email].filter(Boolean).join(" / "),
      request.occupation ?? "",
      request.information,
      request.purpose,
      CHANNEL_LABELS[request.channel].id,
      request.unit.name,
      informationStatus(request.decision),
      request.noticeForm ? COPY_FORM_LABELS[request.noticeForm].id : "",
      request.copyForm
        ? `${ACCESS_METHOD_LABELS[request.accessMethod].id} (${COPY_FORM_LABELS[request.copyForm].id})`
        : ACCESS_METHOD_LABELS[request.accessMethod].id,
      request.decision ? DECISION_LABELS[request.decision].id : "Belum diputuskan",
      request.exemptions.map((letter) => `huruf ${letter}`).join(", "),
      decidedOn ? longDate(decidedOn) : "",
      decidedOn ? String(calendar.workingDaysBetween(receivedOn, decidedOn)) : "",
      request.decision
        ? [request.feeRupiah > 0 ? rupiah(request.feeRupiah) : "Tidak dipungut biaya", request.feeNote]
            .filter(Boolean)
            .join("; ")
        : "",
      String(request._count.objections),
    ];
  });
  return { columns, rows };
}

export async function objectionRegister(
  prisma: Pick<PrismaClient, "ppidObjection" | "user">,
  where: Prisma.PpidObjectionWhereInput,
  calendar: PpidCalendar,
): Promise<Register> {
  const objections = await prisma.ppidObjection.findMany({
    where,
    orderBy: [{ filedAt: "asc" }, { id: "asc" }],
    include: {
      request: {
        select: { registrationNumber: true, applicantName: true, address: true, information: true, purpose: true },
      },
      dispute: true,
    },
  });
  const answerers = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: objections.flatMap((o) => (o.answeredById ? [o.answeredById] : [])) } },
        select: { id: true, name: true },
      })
    ).map((user) => [user.id, user.name]),
  );
  const columns: TableColumn[] = [
    { header: "No", width: 2 },
    { header: "Nomor registrasi keberatan", width: 7 },
    { header: "Tanggal diterima", width: 6 },
    { header: "Nama pemohon / kuasa", width: 8 },
    { header: "Alamat", width: 8 },
    { header: "Nomor pendaftaran permohonan", width: 7 },
    { header: "Informasi yang diminta", width: 11 },
    { header: "Tujuan penggunaan informasi", width: 8 },
    { header: "Alasan keberatan (Pasal 35)", width: 5 },
    { header: "Keputusan atasan PPID", width: 8 },
    { header: "Hari dan tanggal tanggapan", width: 7 },
    { header: "Nama dan posisi atasan PPID", width: 8 },
    { header: "Tanggapan pemohon (sengketa)", width: 8 },
  ];
  const rows = objections.map((objection, index) => [
    String(index + 1),
    objection.registrationNumber,
    longDate(calendar.dateOf(objection.filedAt)),
    [objection.request.applicantName, objection.representativeName && `kuasa: ${objection.representativeName}`]
      .filter(Boolean)
      .join("; "),
    objection.request.address,
    objection.request.registrationNumber,
    objection.request.information,
    objection.request.purpose,
    objection.reasons.map((letter) => `huruf ${letter}`).join(", "),
    objection.outcome
      ? OBJECTION_OUTCOME_LABELS[objection.outcome].id
      : `Belum ditanggapi (batas ${longDate(isoDateOf(objection.answerDueOn))})`,
    objection.answeredAt ? longDate(calendar.dateOf(objection.answeredAt)) : "",
    objection.answeredById
      ? [answerers.get(objection.answeredById), objection.answeredByTitle].filter(Boolean).join(", ")
      : "",
    objection.dispute
      ? `Sengketa ke Komisi Informasi ${longDate(isoDateOf(objection.dispute.filedOn))}${objection.dispute.outcome ? `: ${DISPUTE_OUTCOME_LABELS[objection.dispute.outcome].id}` : ""}`
      : "",
  ]);
  return { columns, rows };
}

/** The register as CSV, its header row always there. */
export function registerCsv(register: Register): string {
  const headers = register.columns.map((column) => column.header);
  return toCsv(
    register.rows.map((row) => Object.fromEntries(headers.map((header, i) => [header, row[i] ?? ""]))),
    headers,
  );
}
