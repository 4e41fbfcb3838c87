import { LAPOR_RESPONSE_WORKING_DAYS, LAPOR_VERIFICATION_WORKING_DAYS } from "@server/deadlines/policies.js";
import type { WorkingCalendar } from "@server/deadlines/workingTime.js";

// SP4N-LAPOR! hand-off: LAPOR! has no API for regional systems, so officers re-type a report
// there (or from there) and record here what LAPOR! shows. LAPOR!'s deadlines are computed on
// Siar's working calendar (weekends, holidays, cuti bersama, office closures), beside Siar's own.

/** forwarded: Siar sent the report to LAPOR!; received: LAPOR! disposed it to this office. */
export const LAPOR_DIRECTIONS = ["forwarded", "received"] as const;
export type LaporDirection = (typeof LAPOR_DIRECTIONS)[number];

/**
 * LAPOR!'s statuses as its administrators' pages name them: not yet verified, verified (disposed
 * to the authority), being followed up, finished, refused (archived or not the office's authority).
 */
export const LAPOR_STATUSES = ["belum_diverifikasi", "diverifikasi", "diproses", "selesai", "ditolak"] as const;
export type LaporStatus = (typeof LAPOR_STATUSES)[number];
export const CLOSED_LAPOR_STATUSES: readonly LaporStatus[] = ["selesai", "ditolak"];

/**
 * The follow-up period (Perpres 76/2013, PermenPAN-RB 62/2018 on SP4N): standard (normative) 5
 * working days, dispute (not needing an inspection) 14, field_check (an inspection in the field) 60.
 */
export const LAPOR_FOLLOW_UP_CLASSES = ["standard", "dispute", "field_check"] as const;
export type LaporFollowUpClass = (typeof LAPOR_FOLLOW_UP_CLASSES)[number];

/** LAPOR! tracking numbers vary by channel and era: letters and digits, 4–30 of them. */
export const LAPOR_TRACKING_NUMBER = /^[A-Za-z0-9]{4,30}$/;

/** The class a new hand-off starts with, from Siar's kind: complaints are usually disputes of service. */
export function defaultFollowUpClass(kind: string | null): LaporFollowUpClass {
  return kind === "pengaduan" ? "dispute" : "standard";
}

export type LaporTimes = {
  direction: string;
  status: string;
  followUpClass: string;
  handedAt: Date;
  verifiedAt: Date | null;
  closedAt: Date | null;
};

export type LaporDeadline = { dueAt: Date; overdue: boolean } | null;

/**
 * LAPOR!'s two deadlines: verification within 3 working days of a forwarded report (LAPOR!'s
 * own), and follow-up by this office within the class's period from verification (from the
 * disposition for a report received from LAPOR!). Neither is overdue once the report is closed.
 */
export function laporDeadlines(handoff: LaporTimes, now: Date, calendar: WorkingCalendar) {
  const open = !CLOSED_LAPOR_STATUSES.includes(handoff.status as LaporStatus);
  const deadline = (dueAt: Date, done: Date | null): LaporDeadline => ({
    dueAt,
    overdue: open && !done && now > dueAt,
  });
  const verification =
    handoff.direction === "forwarded"
      ? deadline(calendar.addWorkingDays(handoff.handedAt, LAPOR_VERIFICATION_WORKING_DAYS), handoff.verifiedAt)
      : null;
  const followUpFrom = handoff.direction === "received" ? handoff.handedAt : handoff.verifiedAt;
  const days = LAPOR_RESPONSE_WORKING_DAYS[handoff.followUpClass as LaporFollowUpClass];
  const followUp = followUpFrom ? deadline(calendar.addWorkingDays(followUpFrom, days), handoff.closedAt) : null;
  return { open, verification, followUp, overdue: !!(verification?.overdue || followUp?.overdue) };
}
