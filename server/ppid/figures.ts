import type { Prisma, PrismaClient } from "@server/db/client.js";
import { PpidChannel, PpidDecision, PpidDisputeOutcome, PpidObjectionOutcome } from "@server/db/generated/enums.js";
import { isoDateOf, type PpidCalendar } from "./calendar.js";
import { EXEMPTION_LETTERS, OBJECTION_REASON_LETTERS } from "./codes.js";

// The service figures of the registers, each defined once: the annual report, the leaders'
// dashboard, the transparency page and the self-assessment all read them from here.

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const average = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

export type PpidFigures = {
  requests: {
    received: number;
    byChannel: Record<PpidChannel, number>;
    byDecision: Record<PpidDecision, number>;
    /** Not decided yet. */
    pending: number;
    /** Decisions withholding on each letter of Pasal 17 (a request may cite several). */
    exemptions: { [letter: string]: number };
    extended: number;
  };
  notice: {
    decided: number;
    onTime: number;
    late: number;
    /** Open requests whose deadline has passed. */
    overdue: number;
    onTimeRate: number | null;
    /** Working days from receipt to the written notice. */
    averageWorkingDays: number | null;
    longestWorkingDays: number | null;
  };
  objections: {
    filed: number;
    byReason: { [letter: string]: number };
    answered: number;
    answeredOnTime: number;
    byOutcome: Record<PpidObjectionOutcome, number>;
    pending: number;
  };
  disputes: { filed: number; byOutcome: Record<PpidDisputeOutcome, number>; pending: number };
  survey: {
    responses: number;
    averageSatisfaction: number | null;
    timelyRate: number | null;
    asRequestedRate: number | null;
  };
};

/** The figures of the requests `where` selects (a scope and a period of receipt), as of `now`. */
export async function ppidFigures(
  prisma: Pick<PrismaClient, "ppidRequest">,
  where: Prisma.PpidRequestWhereInput,
  calendar: PpidCalendar,
  now: Date,
): Promise<PpidFigures> {
  const rows = await prisma.ppidRequest.findMany({
    where,
    select: {
      channel: true,
      receivedAt: true,
      noticeDueOn: true,
      extendedDueOn: true,
      decision: true,
      decidedAt: true,
      exemptions: true,
      survey: { select: { satisfaction: true, timely: true, asRequested: true } },
      objections: {
        select: {
          reasons: true,
          answerDueOn: true,
          answeredAt: true,
          outcome: true,
          dispute: { select: { outcome: true } },
        },
      },
    },
  });
  const today = calendar.dateOf(now);
  const figures: PpidFigures = {
    requests: {
      received: rows.length,
      byChannel: zeros(Object.values(PpidChannel)),
      byDecision: zeros(Object.values(PpidDecision)),
      pending: 0,
      exemptions: zeros(EXEMPTION_LETTERS),
      extended: 0,
    },
    notice: {
      decided: 0,
      onTime: 0,
      late: 0,
      overdue: 0,
      onTimeRate: null,
      averageWorkingDays: null,
      longestWorkingDays: null,
    },
    objections: {
      filed: 0,
      byReason: zeros(OBJECTION_REASON_LETTERS),
      answered: 0,
      answeredOnTime: 0,
      byOutcome: zeros(Object.values(PpidObjectionOutcome)),
      pending: 0,
    },
    disputes: { filed: 0, byOutcome: zeros(Object.values(PpidDisputeOutcome)), pending: 0 },
    survey: { responses: 0, averageSatisfaction: null, timelyRate: null, asRequestedRate: null },
  };
  const durations: number[] = [];
  const surveys: { satisfaction: number; timely: boolean; asRequested: boolean }[] = [];
  for (const row of rows) {
    const { requests, notice, objections, disputes } = figures;
    requests.byChannel[row.channel]++;
    if (row.extendedDueOn) requests.extended++;
    const due = isoDateOf(row.extendedDueOn ?? row.noticeDueOn);
    if (row.decision && row.decidedAt) {
      requests.byDecision[row.decision]++;
      for (const letter of row.exemptions) requests.exemptions[letter] = (requests.exemptions[letter] ?? 0) + 1;
      const decidedOn = calendar.dateOf(row.decidedAt);
      notice.decided++;
      if (decidedOn <= due) notice.onTime++;
      else notice.late++;
      durations.push(calendar.workingDaysBetween(calendar.dateOf(row.receivedAt), decidedOn));
    } else {
      requests.pending++;
      if (today > due) notice.overdue++;
    }
    if (row.survey) surveys.push(row.survey);
    for (const objection of row.objections) {
      objections.filed++;
      for (const reason of objection.reasons) objections.byReason[reason] = (objections.byReason[reason] ?? 0) + 1;
      if (objection.answeredAt && objection.outcome) {
        objections.answered++;
        objections.byOutcome[objection.outcome]++;
        if (calendar.dateOf(objection.answeredAt) <= isoDateOf(objection.answerDueOn)) objections.answeredOnTime++;
      } else objections.pending++;
      if (objection.dispute) {
        disputes.filed++;
        if (objection.dispute.outcome) disputes.byOutcome[objection.dispute.outcome]++;
        else disputes.pending++;
      }
    }
  }
  figures.notice.onTimeRate = share(figures.notice.onTime, figures.notice.decided);
  figures.notice.averageWorkingDays = average(durations);
  figures.notice.longestWorkingDays = durations.length ? Math.max(...durations) : null;
  figures.survey = {
    responses: surveys.length,
    averageSatisfaction: average(surveys.map((s) => s.satisfaction)),
    timelyRate: share(surveys.filter((s) => s.timely).length, surveys.length),
    asRequestedRate: share(surveys.filter((s) => s.asRequested).length, surveys.length),
  };
  return figures;
}

/** Figures as label/value rows (for CSV and the report's tables), in one order everywhere. */
export function figureRows(figures: PpidFigures): [string, string, number | null][] {
  const rows: [string, string, number | null][] = [["requests", "received", figures.requests.received]];
  for (const [channel, count] of Object.entries(figures.requests.byChannel))
    rows.push(["requests.channel", channel, count]);
  for (const [decision, count] of Object.entries(figures.requests.byDecision))
    rows.push(["requests.decision", decision, count]);
  rows.push(["requests", "pending", figures.requests.pending], ["requests", "extended", figures.requests.extended]);
  for (const [letter, count] of Object.entries(figures.requests.exemptions))
    rows.push(["requests.exemption", letter, count]);
  for (const [key, value] of Object.entries(figures.notice)) rows.push(["notice", key, value]);
  rows.push(["objections", "filed", figures.objections.filed]);
  for (const [reason, count] of Object.entries(figures.objections.byReason))
    rows.push(["objections.reason", reason, count]);
  rows.push(
    ["objections", "answered", figures.objections.answered],
    ["objections", "answeredOnTime", figures.objections.answeredOnTime],
    ["objections", "pending", figures.objections.pending],
  );
  for (const [outcome, count] of Object.entries(figures.objections.byOutcome))
    rows.push(["objections.outcome", outcome, count]);
  rows.push(["disputes", "filed", figures.disputes.filed], ["disputes", "pending", figures.disputes.pending]);
  for (const [outcome, count] of Object.entries(figures.disputes.byOutcome))
    rows.push(["disputes.outcome", outcome, count]);
  for (const [key, value] of Object.entries(figures.survey)) rows.push(["survey", key, value]);
  return rows;
}
