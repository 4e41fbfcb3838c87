import { LAPOR_RESPONSE_WORKING_DAYS, LAPOR_VERIFICATION_WORKING_DAYS } from "@server/deadlines/policies.js";
import type { WorkingCalendar } from "@server/deadlines/workingTime.js";
import { CLOSED_LAPOR_STATUSES, type LaporFollowUpClass, type LaporStatus } from "./laporCodes.js";

export * from "./laporCodes.js";

// SP4N-LAPOR! hand-off: LAPOR! has no API for regional systems, so officers re-type a report
// there (or from there) and record here what LAPOR! shows. LAPOR!'s deadlines are computed on
// Siar's working calendar (weekends, holidays, cuti bersama, office closures), beside Siar's own.

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
