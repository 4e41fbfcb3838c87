import { addCalendarMinutes, calendarMinutesBetween, type WorkingCalendar } from "./workingTime.js";

export type DurationUnit = "minutes" | "hours" | "working_hours" | "working_days";
export interface ServiceDuration {
  amount: number;
  unit: DurationUnit;
}

/** LAPOR! gives longer resolution targets to these cases; a policy may set its own for each. */
export type CaseType = "dispute" | "field_check";

export type EscalationTarget = "unit_head" | "kominfo";
export interface EscalationRule {
  /** Calendar minutes after the deadline passed. */
  afterBreachMinutes: number;
  to: EscalationTarget;
}

export interface ServiceLevelPolicy {
  id: string;
  name: string;
  /** Triage codes the policy is for; a missing or empty list matches any value. */
  appliesTo: { kinds?: readonly string[]; urgencies?: readonly string[] };
  firstResponse: ServiceDuration;
  resolution: ServiceDuration;
  resolutionByCaseType?: Partial<Record<CaseType, ServiceDuration>>;
  /** Calendar minutes before a deadline when the item turns "warning". */
  warnBeforeMinutes: number;
  escalation: readonly EscalationRule[];
}

/** UU 14/2008 art. 22(7)–(8): answer within 10 working days, extendable once by at most 7. */
export const INFORMATION_REQUEST_ANSWER_WORKING_DAYS = 10;
export const INFORMATION_REQUEST_MAX_EXTENSION_WORKING_DAYS = 7;
/** UU 14/2008 art. 35–36: an objection may be filed, and must be answered, within 30 working days. */
export const OBJECTION_WORKING_DAYS = 30;
/**
 * LAPOR! follow-up targets (Perpres 76/2013, PermenPAN-RB 62/2018): 5 working days for a normative
 * complaint, 14 for one needing no inspection ("dispute"), 60 when a field inspection is needed.
 */
export const LAPOR_RESPONSE_WORKING_DAYS = { standard: 5, dispute: 14, field_check: 60 } as const;
/** LAPOR! verification target, used as the first response of ordinary complaints. */
export const LAPOR_VERIFICATION_WORKING_DAYS = 3;

const workingDays = (amount: number): ServiceDuration => ({ amount, unit: "working_days" });
const LAPOR_CASE_TYPES: ServiceLevelPolicy["resolutionByCaseType"] = {
  dispute: workingDays(LAPOR_RESPONSE_WORKING_DAYS.dispute),
  field_check: workingDays(LAPOR_RESPONSE_WORKING_DAYS.field_check),
};
/** Unit head as soon as a deadline passes, Kominfo when it stays breached. */
const escalateAfter = (kominfoAfterMinutes: number): EscalationRule[] => [
  { afterBreachMinutes: 0, to: "unit_head" },
  { afterBreachMinutes: kominfoAfterMinutes, to: "kominfo" },
];
const HOUR = 60;
const DAY = 24 * HOUR;

/** Siar's defaults, after LAPOR! and UU 14/2008 (see docs on each constant above). */
export const DEFAULT_SERVICE_LEVEL_POLICIES: readonly ServiceLevelPolicy[] = [
  {
    id: "darurat",
    name: "Darurat: keselamatan terancam",
    appliesTo: { urgencies: ["darurat"] },
    // Danger to life does not wait for office hours.
    firstResponse: { amount: 1, unit: "hours" },
    resolution: { amount: 24, unit: "hours" },
    warnBeforeMinutes: 15,
    escalation: escalateAfter(HOUR),
  },
  {
    id: "tinggi",
    name: "Prioritas tinggi",
    appliesTo: { urgencies: ["tinggi"] },
    firstResponse: workingDays(1),
    resolution: workingDays(LAPOR_RESPONSE_WORKING_DAYS.standard),
    resolutionByCaseType: LAPOR_CASE_TYPES,
    warnBeforeMinutes: 2 * HOUR,
    escalation: escalateAfter(DAY),
  },
  {
    id: "normal",
    name: "Normal (standar LAPOR!)",
    appliesTo: { urgencies: ["normal"] },
    firstResponse: workingDays(LAPOR_VERIFICATION_WORKING_DAYS),
    resolution: workingDays(LAPOR_RESPONSE_WORKING_DAYS.standard),
    resolutionByCaseType: LAPOR_CASE_TYPES,
    warnBeforeMinutes: DAY,
    escalation: escalateAfter(2 * DAY),
  },
  {
    id: "rendah",
    name: "Prioritas rendah",
    appliesTo: { urgencies: ["rendah"] },
    firstResponse: workingDays(5),
    resolution: workingDays(14),
    warnBeforeMinutes: DAY,
    escalation: escalateAfter(3 * DAY),
  },
  {
    id: "permohonan_informasi",
    name: "Permohonan informasi publik (UU 14/2008 pasal 22)",
    appliesTo: { kinds: ["permohonan_informasi"] },
    // Acknowledging and registering is Siar's own target; the law sets the answer's deadline.
    firstResponse: workingDays(LAPOR_VERIFICATION_WORKING_DAYS),
    resolution: workingDays(INFORMATION_REQUEST_ANSWER_WORKING_DAYS),
    warnBeforeMinutes: 2 * DAY,
    escalation: escalateAfter(DAY),
  },
  {
    id: "keberatan",
    name: "Keberatan atas layanan informasi (UU 14/2008 pasal 35–36)",
    // Not a triage kind yet: the PPID registers objections under this kind.
    appliesTo: { kinds: ["keberatan"] },
    firstResponse: workingDays(LAPOR_VERIFICATION_WORKING_DAYS),
    resolution: workingDays(OBJECTION_WORKING_DAYS),
    warnBeforeMinutes: 3 * DAY,
    escalation: escalateAfter(DAY),
  },
];

const isConstraint = (values: readonly string[] | undefined): values is readonly string[] =>
  !!values && values.length > 0;

/** How specific a policy is for an item, or undefined when it does not apply. */
function specificity(policy: ServiceLevelPolicy, item: { kind: string; urgency: string }): number | undefined {
  const { kinds, urgencies } = policy.appliesTo;
  if (isConstraint(kinds) && !kinds.includes(item.kind)) return undefined;
  if (isConstraint(urgencies) && !urgencies.includes(item.urgency)) return undefined;
  return (isConstraint(kinds) ? 2 : 0) + (isConstraint(urgencies) ? 1 : 0);
}

/**
 * The policy for an item, most specific first: kind and urgency, then kind alone (the law ties
 * deadlines to the kind of request), then urgency alone, then a catch-all. Among equally specific
 * policies the first in the list wins. Undefined when none applies.
 */
export function selectPolicy(
  item: { kind: string; urgency: string },
  policies: readonly ServiceLevelPolicy[],
): ServiceLevelPolicy | undefined {
  let best: { policy: ServiceLevelPolicy; score: number } | undefined;
  for (const policy of policies) {
    const score = specificity(policy, item);
    if (score !== undefined && (!best || score > best.score)) best = { policy, score };
  }
  return best?.policy;
}

/** The deadline `duration` after `start`, in calendar or working time as its unit says. */
export function dueAfter(start: Date, duration: ServiceDuration, calendar: WorkingCalendar): Date {
  switch (duration.unit) {
    case "minutes":
      return addCalendarMinutes(start, duration.amount);
    case "hours":
      return addCalendarMinutes(start, duration.amount * 60);
    case "working_hours":
      return calendar.addWorkingTime(start, duration.amount * 60);
    case "working_days":
      return calendar.addWorkingDays(start, duration.amount);
  }
}

export interface ItemDeadlines {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
}

export function deadlinesFor(
  receivedAt: Date,
  policy: ServiceLevelPolicy,
  calendar: WorkingCalendar,
  caseType?: CaseType,
): ItemDeadlines {
  const resolution = (caseType && policy.resolutionByCaseType?.[caseType]) ?? policy.resolution;
  return {
    firstResponseDueAt: dueAfter(receivedAt, policy.firstResponse, calendar),
    resolutionDueAt: dueAfter(receivedAt, resolution, calendar),
  };
}

export type SlaState = "ok" | "warning" | "breached";

/** Answering at the deadline itself is on time; warnings start `warnBeforeMinutes` before it. */
export function slaState(now: Date, dueAt: Date, warnBeforeMinutes: number): SlaState {
  if (now > dueAt) return "breached";
  const minutesLeft = calendarMinutesBetween(now, dueAt);
  return minutesLeft <= warnBeforeMinutes ? "warning" : "ok";
}

export interface EscalationStep {
  /** 1 for the first rule reached, 2 for the next... so the inbox can notify once per step. */
  step: number;
  to: EscalationTarget;
  /** When this step became due. */
  since: Date;
}

/** The furthest escalation reached at `now`, or undefined while the deadline has not passed. */
export function escalationStep(
  now: Date,
  dueAt: Date,
  policy: Pick<ServiceLevelPolicy, "escalation">,
): EscalationStep | undefined {
  if (now <= dueAt) return undefined;
  const rules = [...policy.escalation].sort((a, b) => a.afterBreachMinutes - b.afterBreachMinutes);
  let reached: EscalationStep | undefined;
  rules.forEach((rule, index) => {
    const since = addCalendarMinutes(dueAt, rule.afterBreachMinutes);
    if (now >= since) reached = { step: index + 1, to: rule.to, since };
  });
  return reached;
}

/** Why a deadline change was refused, with messages in both languages for the route to show. */
const deadlineErrors = {
  extension_length_invalid: {
    id: `Perpanjangan harus 1 sampai ${INFORMATION_REQUEST_MAX_EXTENSION_WORKING_DAYS} hari kerja (UU 14/2008 pasal 22 ayat 8).`,
    en: `An extension must be 1 to ${INFORMATION_REQUEST_MAX_EXTENSION_WORKING_DAYS} working days (Law 14/2008 art. 22(8)).`,
  },
  extension_reason_required: {
    id: "Perpanjangan wajib disertai alasan tertulis.",
    en: "An extension needs a written reason.",
  },
  already_extended: {
    id: "Jangka waktu permohonan ini sudah pernah diperpanjang; perpanjangan hanya boleh satu kali.",
    en: "This request's deadline has already been extended; it may be extended only once.",
  },
  deadline_passed: {
    id: "Jangka waktu sudah lewat; perpanjangan harus diberitahukan sebelum batas waktu.",
    en: "The deadline has passed; an extension must be notified before it.",
  },
} as const satisfies Record<string, { id: string; en: string }>;
export type DeadlineErrorCode = keyof typeof deadlineErrors;

export class DeadlineError extends Error {
  constructor(readonly code: DeadlineErrorCode) {
    super(deadlineErrors[code].en);
    this.name = "DeadlineError";
  }

  messageIn(locale: "id" | "en"): string {
    return deadlineErrors[this.code][locale];
  }
}

/** What the inbox stores about an information request's answer deadline. */
export interface InformationRequestDue {
  dueAt: Date;
  extension?: {
    workingDays: number;
    reason: string;
    extendedAt: Date;
    previousDueAt: Date;
  };
}

/**
 * Extends an information request's deadline once, by at most 7 working days counted after the
 * current due day, with a written reason given before the deadline (UU 14/2008 art. 22(8)).
 */
export function extendInformationRequest(
  due: InformationRequestDue,
  request: { workingDays: number; reason: string; at: Date },
  calendar: WorkingCalendar,
): InformationRequestDue {
  const { workingDays: days, reason, at } = request;
  if (due.extension) throw new DeadlineError("already_extended");
  if (!Number.isInteger(days) || days < 1 || days > INFORMATION_REQUEST_MAX_EXTENSION_WORKING_DAYS) {
    throw new DeadlineError("extension_length_invalid");
  }
  if (reason.trim() === "") throw new DeadlineError("extension_reason_required");
  if (at > due.dueAt) throw new DeadlineError("deadline_passed");
  return {
    dueAt: calendar.addWorkingDays(due.dueAt, days),
    extension: { workingDays: days, reason: reason.trim(), extendedAt: at, previousDueAt: due.dueAt },
  };
}

/** The last moment to file an objection after an answer (or a refusal) was given. */
export function objectionFilingClosesAt(answeredAt: Date, calendar: WorkingCalendar): Date {
  return calendar.addWorkingDays(answeredAt, OBJECTION_WORKING_DAYS);
}
