import type { Actor } from "@server/auth/actor.js";
import { can } from "@server/policies/index.js";
import { isoDateOf } from "@server/ppid/calendar.js";
import { caseSubject, type PpidCase, type PpidCaseObjection } from "@server/ppid/cases.js";
import { deadlineState } from "@server/ppid/deadlines.js";
import { OBJECTION_LETTERS, objectionLetterExists } from "@server/ppid/letters.js";
import type { CaseContext } from "./ppidRequest.js";

const iso = (date: Date | null) => date?.toISOString() ?? null;
const day = (date: Date | null) => (date ? isoDateOf(date) : null);

/** An objection for staff, with its request in brief, its deadline and its dispute. */
export function presentPpidObjection(
  request: Pick<PpidCase, "id" | "registrationNumber" | "applicantName" | "information" | "unit">,
  objection: PpidCaseObjection,
  actor: Actor,
  context: CaseContext,
) {
  const subject = caseSubject(request);
  const answerDeadline = deadlineState(
    isoDateOf(objection.answerDueOn),
    objection.answeredAt ? context.calendar.dateOf(objection.answeredAt) : null,
    context.calendar.dateOf(context.now),
    context.calendar,
  );
  const dispute = objection.dispute;
  return {
    id: objection.id,
    registrationNumber: objection.registrationNumber,
    request: {
      id: request.id,
      registrationNumber: request.registrationNumber,
      applicantName: request.applicantName,
      information: request.information,
      unit: { id: request.unit.id, name: request.unit.name },
    },
    channel: objection.channel,
    reasons: objection.reasons,
    statement: objection.statement,
    representativeName: objection.representativeName,
    filedAt: objection.filedAt.toISOString(),
    status: objection.status,
    deadline: {
      answerDueOn: answerDeadline.dueOn,
      state: answerDeadline.state,
      workingDaysLeft: answerDeadline.workingDaysLeft,
    },
    answer: objection.answeredAt
      ? {
          outcome: objection.outcome,
          text: objection.answer,
          at: iso(objection.answeredAt),
          by: objection.answeredById
            ? { id: objection.answeredById, name: context.names.get(objection.answeredById) ?? null }
            : null,
          signedAs: objection.answeredByTitle,
          disputeFilingEndsOn: day(objection.disputeFilingEndsOn),
          email: objection.answerEmail as { status: "sent" | "failed"; reason?: string } | null,
        }
      : null,
    dispute: dispute
      ? {
          filedOn: isoDateOf(dispute.filedOn),
          caseNumber: dispute.caseNumber,
          note: dispute.note,
          outcome: dispute.outcome,
          outcomeOn: day(dispute.outcomeOn),
          outcomeNote: dispute.outcomeNote,
          hearings: dispute.hearings.map((hearing) => ({
            id: hearing.id,
            heldOn: isoDateOf(hearing.heldOn),
            kind: hearing.kind,
            note: hearing.note,
          })),
        }
      : null,
    letters: OBJECTION_LETTERS.filter((letter) => objectionLetterExists(objection, letter)).map((letter) => ({
      letter,
      url: `/api/ppid/objections/${objection.id}/letters/${letter}`,
    })),
    permissions: {
      answer: can(actor, "answer", "PpidObjection", subject),
      handle: can(actor, "handle", "PpidObjection", subject),
    },
  };
}
