import type { Actor } from "@server/auth/actor.js";
import { can } from "@server/policies/index.js";
import { isoDateOf, type PpidCalendar } from "@server/ppid/calendar.js";
import { caseSubject, type PpidCase } from "@server/ppid/cases.js";
import { effectiveDueOn, noticeDeadline } from "@server/ppid/deadlines.js";
import { REQUEST_LETTERS, requestLetterExists } from "@server/ppid/letters.js";
import { presentPpidObjection } from "./ppidObjection.js";

const iso = (date: Date | null) => date?.toISOString() ?? null;
const day = (date: Date | null) => (date ? isoDateOf(date) : null);

/** What presenters need besides the case: the office calendar, the time, and names of units and staff. */
export type CaseContext = { calendar: PpidCalendar; now: Date; names: Map<string, string> };

const named = (names: Map<string, string>, id: string | null) => (id ? { id, name: names.get(id) ?? null } : null);

/** The ids a case's presentation names, to look up in one query each. */
export function idsNamedBy(request: PpidCase): string[] {
  return [
    request.decidedById,
    request.extendedById,
    request.registeredById,
    ...request.forwardings.flatMap((f) => [f.fromUnitId, f.toUnitId, f.byId]),
    ...request.files.map((file) => file.uploadedById),
    ...request.objections.flatMap((o) => [o.answeredById, o.registeredById]),
  ].filter((id): id is string => !!id);
}

/**
 * A request as a list row. The identity number only ever leaves masked; the applicant's contact
 * is for PPID staff and admins, who are the only ones listing requests.
 */
export function presentPpidRequestRow(
  request: Omit<PpidCase, "forwardings" | "files" | "survey" | "objections">,
  context: CaseContext,
) {
  const deadline = noticeDeadline(request, context.now, context.calendar);
  return {
    id: request.id,
    registrationNumber: request.registrationNumber,
    channel: request.channel,
    receivedAt: request.receivedAt.toISOString(),
    status: request.status,
    unit: { id: request.unit.id, name: request.unit.name, ppidLevel: request.unit.ppidLevel },
    applicantName: request.applicantName,
    information: request.information,
    decision: request.decision,
    decidedAt: iso(request.decidedAt),
    deadline: {
      noticeDueOn: day(request.noticeDueOn)!,
      extendedDueOn: day(request.extendedDueOn),
      effectiveDueOn: effectiveDueOn(request),
      internalDueOn: day(request.internalDueOn),
      state: deadline.state,
      workingDaysLeft: deadline.workingDaysLeft,
    },
  };
}

/** The whole case for the staff who may read it, with what they may do to it. */
export function presentPpidRequest(request: PpidCase, actor: Actor, context: CaseContext) {
  const subject = caseSubject(request);
  const { names } = context;
  const redacted = new Set(request.files.flatMap((file) => (file.redactedFromId ? [file.redactedFromId] : [])));
  return {
    ...presentPpidRequestRow(request, context),
    applicant: {
      type: request.applicantType,
      name: request.applicantName,
      identityType: request.identityType,
      identityNumberMasked: request.identityNumberMasked,
      occupation: request.occupation,
      address: request.address,
      phone: request.phone,
      email: request.email,
    },
    purpose: request.purpose,
    accessMethod: request.accessMethod,
    copyForm: request.copyForm,
    delivery: request.delivery,
    publicSummary: request.publicSummary,
    inboxItemId: request.inboxItemId,
    registeredBy: named(names, request.registeredById),
    extension: request.extendedAt
      ? { reason: request.extensionReason, at: iso(request.extendedAt), by: named(names, request.extendedById) }
      : null,
    notice: request.decision
      ? {
          decision: request.decision,
          decidedAt: iso(request.decidedAt),
          by: named(names, request.decidedById),
          noticeForm: request.noticeForm,
          exemptions: request.exemptions,
          consequenceTest: request.consequenceTest,
          exemptionEndsOn: day(request.exemptionEndsOn),
          redactedParts: request.redactedParts,
          timeNeeded: request.timeNeeded,
          feeRupiah: request.feeRupiah,
          feeNote: request.feeNote,
          whereToAsk: request.whereToAsk,
          note: request.decisionNote,
          email: request.noticeEmail as { status: "sent" | "failed"; reason?: string } | null,
        }
      : null,
    forwardings: request.forwardings.map((forwarding) => ({
      from: named(names, forwarding.fromUnitId)!,
      to: named(names, forwarding.toUnitId)!,
      internalDueOn: isoDateOf(forwarding.internalDueOn),
      note: forwarding.note,
      by: named(names, forwarding.byId),
      at: forwarding.at.toISOString(),
    })),
    files: request.files.map((file) => ({
      id: file.id,
      name: file.originalName,
      mimeType: file.mimeType,
      bytes: file.bytes,
      sha256: file.sha256,
      shared: file.shared,
      /** An original that has a redacted copy: never given to the applicant. */
      withheld: redacted.has(file.id),
      redactedFromId: file.redactedFromId,
      redactionNote: file.redactionNote,
      uploadedBy: named(names, file.uploadedById),
      createdAt: file.createdAt.toISOString(),
      url: `/api/ppid/requests/${request.id}/files/${file.id}`,
    })),
    survey: request.survey
      ? {
          satisfaction: request.survey.satisfaction,
          timely: request.survey.timely,
          asRequested: request.survey.asRequested,
          comment: request.survey.comment,
          at: request.survey.createdAt.toISOString(),
        }
      : null,
    objections: request.objections.map((objection) => presentPpidObjection(request, objection, actor, context)),
    letters: REQUEST_LETTERS.filter((letter) => requestLetterExists(request, letter)).map((letter) => ({
      letter,
      url: `/api/ppid/requests/${request.id}/letters/${letter}`,
    })),
    permissions: {
      handle: can(actor, "handle", "PpidRequest", subject),
      forward: can(actor, "forward", "PpidRequest", subject),
      readIdentity: can(actor, "readIdentity", "PpidRequest", subject),
      registerObjection: can(actor, "handle", "PpidObjection", subject),
    },
  };
}
