import { recordAudit, type ActingOrigin, type Origin } from "@server/audit/record.js";
import type { Prisma } from "@server/db/client.js";
import type { PpidChannel, PpidDisputeOutcome, PpidObjectionOutcome } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import { dateColumn, type IsoDate, isoDateOf, officeCalendar } from "@server/ppid/calendar.js";
import { loadCase, type PpidCase, type PpidCaseObjection } from "@server/ppid/cases.js";
import type { ObjectionReason } from "@server/ppid/codes.js";
import { objectionWindows } from "@server/ppid/deadlines.js";
import { caseTrackingUrl, renderObjectionLetter } from "@server/ppid/letters.js";
import { emailApplicant } from "@server/ppid/mail.js";
import { nextRegistrationNumber, OBJECTION_PREFIX } from "@server/ppid/numbers.js";
import type { Services } from "@server/services.js";
import { announceRegisterChange } from "./ppidRequests.js";

type Tx = Prisma.TransactionClient;

/** One audit record per change of an objection or its dispute. */
async function auditObjection(
  tx: Tx,
  origin: Origin,
  request: { unitId: string },
  objectionId: string,
  action: string,
  changes: Record<string, unknown>,
) {
  await recordAudit(tx, origin, {
    action: `ppid_objection.${action}`,
    targetType: "PpidObjection",
    targetId: objectionId,
    unitId: request.unitId,
    changes,
  });
}

export type ObjectionInput = {
  reasons: ObjectionReason[];
  statement: string;
  representativeName?: string | null;
};

/**
 * Files an objection to the atasan PPID. Each reason of Pasal 35(1) given must exist for the
 * request already (a refusal may be objected to at once) and be within 30 working days after it
 * arose; the answer is due 30 working days after the objection is received.
 */
export async function fileObjection(
  services: Services,
  input: { origin: Origin; requestId: string; objection: ObjectionInput; channel: PpidChannel },
): Promise<{ request: PpidCase; objection: PpidCaseObjection }> {
  const calendar = await officeCalendar(services.prisma);
  const now = new Date();
  const id = await services.prisma.$transaction(async (tx) => {
    const request = await loadCase(tx, input.requestId);
    const windows = objectionWindows(request, now, calendar);
    const absent = input.objection.reasons.filter((reason) => !windows.some((w) => w.reason === reason));
    if (absent.length > 0) throw new AppError("ppid_objection_reason_absent", { field: "reasons", reasons: absent });
    const closed = windows.filter((w) => input.objection.reasons.includes(w.reason) && !w.open);
    if (closed.length > 0)
      throw new AppError("ppid_objection_window_closed", {
        field: "reasons",
        reasons: closed.map((w) => ({ reason: w.reason, filingEndsOn: w.filingEndsOn })),
      });
    const year = Number(calendar.dateOf(now).slice(0, 4));
    const created = await tx.ppidObjection.create({
      data: {
        registrationNumber: await nextRegistrationNumber(tx, OBJECTION_PREFIX, year),
        requestId: request.id,
        channel: input.channel,
        reasons: [...new Set(input.objection.reasons)].sort(),
        statement: input.objection.statement,
        representativeName: input.objection.representativeName ?? null,
        filedAt: now,
        answerDueOn: dateColumn(calendar.objectionAnswerDue(now)),
        registeredById: input.origin.actor?.id ?? null,
      },
    });
    await auditObjection(tx, input.origin, request, created.id, "file", {
      registrationNumber: created.registrationNumber,
      requestId: request.id,
      reasons: created.reasons,
      channel: created.channel,
      answerDueOn: isoDateOf(created.answerDueOn),
    });
    return created.id;
  });
  const filed = await objectionOf(services, id);
  announceRegisterChange(services, filed.request);
  return filed;
}

async function objectionOf(services: Services, objectionId: string) {
  const found = await services.prisma.ppidObjection.findUnique({
    where: { id: objectionId },
    select: { requestId: true },
  });
  if (!found) throw new AppError("not_found");
  const request = await loadCase(services.prisma, found.requestId);
  return { request, objection: request.objections.find((objection) => objection.id === objectionId)! };
}

/** Runs one change of an objection in a transaction, with its case loaded. */
async function objectionOperation(
  services: Services,
  objectionId: string,
  work: (tx: Tx, request: PpidCase, objection: PpidCaseObjection) => Promise<void>,
) {
  await services.prisma.$transaction(async (tx) => {
    const found = await tx.ppidObjection.findUnique({ where: { id: objectionId }, select: { requestId: true } });
    if (!found) throw new AppError("not_found");
    const request = await loadCase(tx, found.requestId);
    await work(tx, request, request.objections.find((objection) => objection.id === objectionId)!);
  });
  return objectionOf(services, objectionId);
}

/** The atasan PPID's written answer; the applicant may go to the Komisi Informasi within 14 working days. */
export async function answerObjection(
  services: Services,
  input: { origin: ActingOrigin; objectionId: string; outcome: PpidObjectionOutcome; answer: string; signedAs: string },
) {
  const calendar = await officeCalendar(services.prisma);
  const now = new Date();
  const answered = await objectionOperation(services, input.objectionId, async (tx, request, objection) => {
    if (objection.status === "answered") throw new AppError("ppid_objection_answered");
    const disputeFilingEndsOn = calendar.disputeFilingEnds(now);
    await tx.ppidObjection.update({
      where: { id: objection.id },
      data: {
        status: "answered",
        outcome: input.outcome,
        answer: input.answer,
        answeredAt: now,
        answeredById: input.origin.actor.id,
        answeredByTitle: input.signedAs,
        disputeFilingEndsOn: dateColumn(disputeFilingEndsOn),
      },
    });
    await auditObjection(tx, input.origin, request, objection.id, "answer", {
      outcome: input.outcome,
      onTime: calendar.dateOf(now) <= isoDateOf(objection.answerDueOn),
      disputeFilingEndsOn,
    });
  });
  const { request, objection } = answered;
  if (!request.email) return answered;
  const { filename, pdf } = await renderObjectionLetter(services, request, objection, "answer", {
    withAccessCode: true,
  });
  const outcome = await emailApplicant(services, {
    requestId: request.id,
    to: request.email,
    name: request.applicantName,
    subject: `Tanggapan atas keberatan ${objection.registrationNumber}`,
    paragraphs: [
      `Atasan PPID telah menanggapi keberatan Anda nomor ${objection.registrationNumber}. Tanggapan tertulisnya terlampir.`,
    ],
    link: caseTrackingUrl(services, request),
    attachment: { filename, content: pdf },
  });
  return objectionOperation(services, objection.id, async (tx) => {
    await tx.ppidObjection.update({ where: { id: objection.id }, data: { answerEmail: outcome } });
    await auditObjection(tx, input.origin, request, objection.id, "answer_emailed", { status: outcome.status });
  });
}

export type DisputeInput = { filedOn: IsoDate; caseNumber?: string | null; note?: string | null };

/** Records that the applicant took the objection to the Komisi Informasi. */
export async function recordDispute(
  services: Services,
  input: { origin: ActingOrigin; objectionId: string; dispute: DisputeInput },
) {
  return objectionOperation(services, input.objectionId, async (tx, request, objection) => {
    if (objection.dispute) throw new AppError("ppid_dispute_exists");
    const dispute = await tx.ppidDispute.create({
      data: {
        objectionId: objection.id,
        filedOn: dateColumn(input.dispute.filedOn),
        caseNumber: input.dispute.caseNumber ?? null,
        note: input.dispute.note ?? null,
        recordedById: input.origin.actor.id,
      },
    });
    await auditObjection(tx, input.origin, request, objection.id, "dispute", {
      disputeId: dispute.id,
      filedOn: input.dispute.filedOn,
    });
  });
}

export type HearingInput = { heldOn: IsoDate; kind: string; note?: string | null };
export type DisputeOutcomeInput = { outcome: PpidDisputeOutcome; outcomeOn: IsoDate; outcomeNote?: string | null };

/** Adds a hearing of the dispute, or records how it ended. */
export async function updateDispute(
  services: Services,
  input: { origin: ActingOrigin; objectionId: string; hearing?: HearingInput; outcome?: DisputeOutcomeInput },
) {
  return objectionOperation(services, input.objectionId, async (tx, request, objection) => {
    const dispute = objection.dispute;
    if (!dispute) throw new AppError("ppid_dispute_missing");
    if (input.hearing) {
      await tx.ppidDisputeHearing.create({
        data: {
          disputeId: dispute.id,
          heldOn: dateColumn(input.hearing.heldOn),
          kind: input.hearing.kind,
          note: input.hearing.note ?? null,
        },
      });
    }
    if (input.outcome) {
      await tx.ppidDispute.update({
        where: { id: dispute.id },
        data: {
          outcome: input.outcome.outcome,
          outcomeOn: dateColumn(input.outcome.outcomeOn),
          outcomeNote: input.outcome.outcomeNote ?? null,
        },
      });
    }
    await auditObjection(tx, input.origin, request, objection.id, "dispute_update", {
      hearing: input.hearing ? { heldOn: input.hearing.heldOn, kind: input.hearing.kind } : undefined,
      outcome: input.outcome ? { outcome: input.outcome.outcome, outcomeOn: input.outcome.outcomeOn } : undefined,
    });
  });
}
