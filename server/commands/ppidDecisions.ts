import type { ActingOrigin, Origin } from "@server/audit/record.js";
import type { Prisma } from "@server/db/client.js";
import type { PpidCopyForm, PpidDecision } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import { dateColumn, type IsoDate, officeCalendar } from "@server/ppid/calendar.js";
import type { PpidCase } from "@server/ppid/cases.js";
import { DECISION_LABELS, GRANTING_DECISIONS, WITHHOLDING_DECISIONS } from "@server/ppid/codes.js";
import { effectiveDueOn } from "@server/ppid/deadlines.js";
import type { Services } from "@server/services.js";
import { queueWebhookEvent, requestData } from "@server/webhooks/events.js";
import { announceRegisterChange, auditCase, caseOperation, mailLetter } from "./ppidRequests.js";

/** What the written notice states besides the decision; which fields apply depends on it. */
export type DecisionInput = {
  decision: PpidDecision;
  noticeForm?: PpidCopyForm | null;
  exemptions?: string[];
  consequenceTest?: string | null;
  exemptionEndsOn?: IsoDate | null;
  redactedParts?: string | null;
  timeNeeded?: string | null;
  feeRupiah?: number;
  feeNote?: string | null;
  whereToAsk?: string | null;
  decisionNote?: string | null;
  publicSummary?: string | null;
};

/** A consequence test shorter than this is a placeholder, not a test. */
export const CONSEQUENCE_TEST_MIN_LENGTH = 50;

const missing = (value: string | null | undefined) => !value?.trim();

/**
 * The notice's fields for this decision, or the reason it cannot be issued: information is
 * withheld only on a Pasal 17 exemption with its consequence test and period; a partial grant
 * says what is blacked out; "not held" says where to ask; a grant says in which form.
 */
function noticeFields(input: DecisionInput, today: IsoDate): Prisma.PpidRequestUpdateInput {
  const withholds = WITHHOLDING_DECISIONS.includes(input.decision);
  const grants = GRANTING_DECISIONS.includes(input.decision);
  if (withholds) {
    const problems = [
      (input.exemptions ?? []).length === 0 && "exemptions",
      (input.consequenceTest?.trim().length ?? 0) < CONSEQUENCE_TEST_MIN_LENGTH && "consequenceTest",
      (!input.exemptionEndsOn || input.exemptionEndsOn <= today) && "exemptionEndsOn",
    ].filter(Boolean);
    if (problems.length > 0) throw new AppError("ppid_exemption_required", { field: problems[0], fields: problems });
  }
  const needed = [
    input.decision === "granted_in_part" && missing(input.redactedParts) && "redactedParts",
    grants && !input.noticeForm && "noticeForm",
    input.decision === "not_held" && missing(input.whereToAsk) && "whereToAsk",
    input.decision === "not_yet_documented" && missing(input.decisionNote) && "decisionNote",
  ].filter(Boolean);
  if (needed.length > 0) throw new AppError("ppid_decision_details_required", { field: needed[0], fields: needed });
  return {
    decision: input.decision,
    noticeForm: grants ? input.noticeForm : null,
    exemptions: withholds ? [...new Set(input.exemptions)].sort() : [],
    consequenceTest: withholds ? input.consequenceTest!.trim() : null,
    exemptionEndsOn: withholds ? dateColumn(input.exemptionEndsOn!) : null,
    redactedParts: input.decision === "granted_in_part" ? input.redactedParts!.trim() : null,
    timeNeeded: grants ? (input.timeNeeded ?? null) : null,
    feeRupiah: grants ? (input.feeRupiah ?? 0) : 0,
    feeNote: grants ? (input.feeNote ?? null) : null,
    whereToAsk: input.decision === "not_held" ? input.whereToAsk!.trim() : null,
    decisionNote: input.decisionNote ?? null,
    ...(input.publicSummary !== undefined && { publicSummary: input.publicSummary }),
  };
}

/**
 * Issues the written notice: records the decision, then e-mails the notice (PDF) to the applicant
 * and records what became of that e-mail.
 */
export async function decidePpidRequest(
  services: Services,
  input: { origin: ActingOrigin; requestId: string; notice: DecisionInput },
): Promise<PpidCase> {
  const calendar = await officeCalendar(services.prisma);
  const now = new Date();
  const decided = await caseOperation(services, input.requestId, async (tx, request) => {
    if (request.decision) throw new AppError("ppid_already_decided");
    const fields = noticeFields(input.notice, calendar.dateOf(now));
    await tx.ppidRequest.update({
      where: { id: request.id },
      data: { ...fields, decidedAt: now, decidedById: input.origin.actor.id, status: "decided" },
    });
    await auditCase(tx, input.origin, request, "decide", {
      decision: input.notice.decision,
      exemptions: fields.exemptions,
      feeRupiah: fields.feeRupiah,
      status: { from: request.status, to: "decided" },
      onTime: calendar.dateOf(now) <= effectiveDueOn(request),
    });
    const decidedCase = { ...request, status: "decided", decision: input.notice.decision, decidedAt: now };
    await queueWebhookEvent(tx, "ppid.request.decided", requestData(decidedCase, services.config.publicBaseUrl));
  });
  services.events.emit("webhooks.queued", {});
  announceRegisterChange(services, decided);
  const outcome = await mailLetter(
    services,
    decided,
    "notice",
    `Pemberitahuan tertulis atas permohonan ${decided.registrationNumber}`,
    [
      `Permohonan informasi Anda nomor ${decided.registrationNumber} telah diputuskan: ${DECISION_LABELS[input.notice.decision].id}. Pemberitahuan tertulisnya terlampir.`,
      "Berkas informasi (bila ada) dapat diunduh di halaman permohonan Anda. Bila tidak puas, Anda dapat mengajukan keberatan dari halaman yang sama.",
    ],
  );
  if (!outcome) return decided;
  return caseOperation(services, decided.id, async (tx, request) => {
    await tx.ppidRequest.update({ where: { id: request.id }, data: { noticeEmail: outcome } });
    await auditCase(tx, input.origin, request, "notice_emailed", {
      status: outcome.status,
      ...(outcome.status === "failed" && { reason: outcome.reason.slice(0, 200) }),
    });
  });
}

export type SurveyInput = { satisfaction: number; timely: boolean; asRequested: boolean; comment?: string | null };

/** The applicant's rating, once per decided request. */
export async function submitPpidSurvey(
  services: Services,
  input: { origin: Origin; requestId: string; survey: SurveyInput },
): Promise<void> {
  await services.prisma.$transaction(async (tx) => {
    const request = await tx.ppidRequest.findUnique({
      where: { id: input.requestId },
      select: { id: true, unitId: true, decision: true, survey: { select: { requestId: true } } },
    });
    if (!request) throw new AppError("not_found");
    if (!request.decision) throw new AppError("ppid_not_decided");
    if (request.survey) throw new AppError("ppid_survey_done");
    await tx.ppidSurvey.create({
      data: { requestId: request.id, ...input.survey, comment: input.survey.comment ?? null },
    });
    await auditCase(tx, input.origin, request, "survey", {
      satisfaction: input.survey.satisfaction,
      timely: input.survey.timely,
      asRequested: input.survey.asRequested,
    });
  });
}
