import type { WorkingCalendar } from "@server/deadlines/workingTime.js";
import { codeWord } from "@server/exports/words.js";
import {
  laporDeadlines,
  type LaporDeadline,
  type LaporDirection,
  type LaporFollowUpClass,
  type LaporStatus,
  type LaporTimes,
} from "@server/inbox/lapor.js";

type ItemForLapor = {
  kind: string | null;
  category: string | null;
  text: string;
  sentAt: Date;
  trackingNumber: string | null;
  unit: { name: string } | null;
};

/** The summary LAPOR! takes at most in its title field. */
const TITLE_LENGTH = 150;

/**
 * The text for LAPOR!'s form fields, always in Bahasa Indonesia as LAPOR! is. The citizen's
 * identity (name, contact, platform handle, map point) is left out: LAPOR! has the reporter's
 * own account for that, and an officer forwarding on a citizen's behalf copies it only if
 * LAPOR! asks. The citizen's own words go as written: the officer reads them before pasting.
 */
export function laporFields(item: ItemForLapor, placeName: string | null, calendar: WorkingCalendar) {
  const kind = item.kind ? codeWord("id", "inboxKind", item.kind) : "Laporan";
  const category = item.category ? codeWord("id", "inboxCategory", item.category) : null;
  const title = [kind, category && `(${category})`, placeName && `di ${placeName}`].filter(Boolean).join(" ");
  const [year, month, day] = calendar.localDate(item.sentAt).split("-");
  const reference = item.trackingNumber ? `\n\nNomor rujukan Siar: ${item.trackingNumber}` : "";
  return {
    judul: title.slice(0, TITLE_LENGTH),
    isiLaporan: `${item.text.trim()}${reference}`,
    tanggalKejadian: `${day}/${month}/${year}`,
    lokasi: placeName ?? "",
    kategori: category ?? "",
    instansiTujuan: item.unit?.name ?? "",
  };
}
export type LaporFields = ReturnType<typeof laporFields>;

const presentDeadline = (deadline: LaporDeadline) =>
  deadline && { dueAt: deadline.dueAt.toISOString(), overdue: deadline.overdue };

/** An item's LAPOR! hand-off for those handling the item; null fields when none was recorded yet. */
export function presentLaporHandoff(
  handoff: (LaporTimes & { trackingNumber: string; createdAt: Date; updatedAt: Date }) | null,
  fields: LaporFields,
  now: Date,
  calendar: WorkingCalendar,
) {
  const deadlines = handoff && laporDeadlines(handoff, now, calendar);
  return {
    handoff: handoff && {
      direction: handoff.direction as LaporDirection,
      trackingNumber: handoff.trackingNumber,
      status: handoff.status as LaporStatus,
      followUpClass: handoff.followUpClass as LaporFollowUpClass,
      handedAt: handoff.handedAt.toISOString(),
      verifiedAt: handoff.verifiedAt?.toISOString() ?? null,
      closedAt: handoff.closedAt?.toISOString() ?? null,
      updatedAt: handoff.updatedAt.toISOString(),
      /** LAPOR!'s verification (forwarded reports only) and this office's follow-up, on Siar's working calendar. */
      deadlines: deadlines && {
        verification: presentDeadline(deadlines.verification),
        followUp: presentDeadline(deadlines.followUp),
        overdue: deadlines.overdue,
      },
    },
    /** What to paste into LAPOR!'s form, field by field. */
    fields,
  };
}
export type LaporHandoffResponse = ReturnType<typeof presentLaporHandoff>;
