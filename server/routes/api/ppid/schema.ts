import { z } from "zod";
import {
  PpidAccessMethod,
  PpidApplicantType,
  PpidChannel,
  PpidCopyForm,
  PpidDecision,
  PpidDelivery,
  PpidDisputeOutcome,
  PpidIdentityType,
  PpidObjectionOutcome,
  PpidRequestStatus,
} from "@server/db/generated/enums.js";
import { EXEMPTION_LETTERS, OBJECTION_REASON_LETTERS } from "@server/ppid/codes.js";
import { OBJECTION_VIEWS, REQUEST_VIEWS } from "@server/ppid/listing.js";
import { identityProblem, normalizePhone, PPID_LIMITS as L } from "@server/ppid/limits.js";
import { REQUEST_LETTERS, OBJECTION_LETTERS } from "@server/ppid/letters.js";
import { calendarDay, moment, storedCount } from "@server/text/fields.js";
import { paginationQuery } from "@server/routes/pagination.js";

const text = (limits: { min?: number; max: number }) =>
  z
    .string()
    .trim()
    .min(limits.min ?? 1)
    .max(limits.max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    // Absent stays absent (nothing changes); empty means cleared.
    .transform((value) => (value === undefined ? undefined : value || null));

const phone = z
  .string()
  .max(L.phone.max)
  .transform((typed, ctx) => {
    if (!typed.trim()) return null;
    const normalized = normalizePhone(typed);
    if (!normalized) ctx.addIssue({ code: "custom", message: "nomor telepon tidak dikenali / unknown phone number" });
    return normalized;
  })
  .nullable()
  .optional();

/** What the applicant states, as staff type it in from a visit, a call, a letter or an e-mail. */
const requestInput = z
  .object({
    applicantType: z.enum(PpidApplicantType),
    applicantName: text(L.name),
    identityType: z.enum(PpidIdentityType),
    identityNumber: z.string().trim().max(60),
    occupation: optionalText(L.occupation.max),
    address: text(L.address),
    phone,
    email: z.email().max(L.email.max).nullable().optional(),
    information: text(L.information),
    purpose: text(L.purpose),
    accessMethod: z.enum(PpidAccessMethod),
    copyForm: z.enum(PpidCopyForm).nullable().optional(),
    delivery: z.enum(PpidDelivery),
  })
  .superRefine((input, ctx) => {
    const problem = identityProblem(input.identityType, input.identityNumber);
    if (problem)
      ctx.addIssue({
        code: "custom",
        path: ["identityNumber"],
        message: problem === "nik" ? "NIK harus 16 angka / a NIK has 16 digits" : "3–40 karakter / 3–40 characters",
      });
    if (input.accessMethod === "copy" && !input.copyForm)
      ctx.addIssue({
        code: "custom",
        path: ["copyForm"],
        message: "pilih softcopy atau hardcopy / choose soft or hard copy",
      });
    if (input.delivery === "email" && !input.email)
      ctx.addIssue({ code: "custom", path: ["email"], message: "isi email / an e-mail address is needed" });
  });

/** Staff register a request (a visit, a call, a letter, or a message from the inbox). */
export const createRequestBody = z
  .object({
    channel: z.enum(PpidChannel),
    unitId: z.uuid().optional(),
    receivedAt: moment.optional(),
    inboxItemId: z.uuid().optional(),
    applicant: requestInput,
  })
  .strict();

export const listRequestsQuery = paginationQuery.extend({
  view: z.enum(REQUEST_VIEWS).default("all"),
  status: z.enum(PpidRequestStatus).optional(),
  decision: z.enum(PpidDecision).optional(),
  channel: z.enum(PpidChannel).optional(),
  unitId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2099).optional(),
  /** A registration number, or part of the applicant's name. */
  q: z.string().trim().min(2).max(100).optional(),
});

export const forwardBody = z
  .object({ toUnitId: z.uuid(), internalDueOn: calendarDay, note: optionalText(L.note.max) })
  .strict();
export const extendBody = z.object({ reason: text({ min: 10, max: L.note.max }) }).strict();
export const updateRequestBody = z.object({ publicSummary: optionalText(L.summary.max) }).strict();

export const decideBody = z
  .object({
    decision: z.enum(PpidDecision),
    noticeForm: z.enum(PpidCopyForm).nullable().optional(),
    exemptions: z.array(z.enum(EXEMPTION_LETTERS)).max(10).optional(),
    consequenceTest: optionalText(L.longText.max),
    exemptionEndsOn: calendarDay.nullable().optional(),
    redactedParts: optionalText(L.longText.max),
    timeNeeded: optionalText(200),
    feeRupiah: storedCount.optional(),
    feeNote: optionalText(L.note.max),
    whereToAsk: optionalText(L.note.max),
    decisionNote: optionalText(L.longText.max),
    publicSummary: optionalText(L.summary.max),
  })
  .strict();

export const letterParams = z.object({ id: z.uuid(), letter: z.enum(REQUEST_LETTERS) });
export const objectionLetterParams = z.object({ id: z.uuid(), letter: z.enum(OBJECTION_LETTERS) });
export const fileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

const flag = z.enum(["true", "false"]).transform((value) => value === "true");
export const uploadQuery = z.object({
  name: z.string().trim().min(1).max(200),
  shared: flag.default(false),
  redactedFromId: z.uuid().optional(),
  redactionNote: z.string().trim().min(3).max(L.note.max).optional(),
});
export const shareBody = z.object({ shared: z.boolean() }).strict();

export const objectionBody = z
  .object({
    channel: z.enum(PpidChannel).exclude(["web"]),
    reasons: z
      .array(z.enum(OBJECTION_REASON_LETTERS as [string, ...string[]]))
      .min(1)
      .max(7),
    statement: text(L.statement),
    representativeName: optionalText(L.name.max),
  })
  .strict();

export const listObjectionsQuery = paginationQuery.extend({ view: z.enum(OBJECTION_VIEWS).default("all") });

export const answerBody = z
  .object({
    outcome: z.enum(PpidObjectionOutcome),
    answer: text({ min: 10, max: L.longText.max }),
    signedAs: text(L.signedAs),
  })
  .strict();
export const disputeBody = z
  .object({ filedOn: calendarDay, caseNumber: optionalText(100), note: optionalText(L.note.max) })
  .strict();
export const hearingBody = z
  .object({ heldOn: calendarDay, kind: text({ min: 2, max: 100 }), note: optionalText(L.note.max) })
  .strict();
export const disputeOutcomeBody = z
  .object({ outcome: z.enum(PpidDisputeOutcome), outcomeOn: calendarDay, outcomeNote: optionalText(L.note.max) })
  .strict();

// What the web app sends (request bodies, before defaults), typed from the schemas that check them.
export type CreateRequestBody = z.input<typeof createRequestBody>;
export type ForwardBody = z.input<typeof forwardBody>;
export type ExtendBody = z.input<typeof extendBody>;
export type UpdateRequestBody = z.input<typeof updateRequestBody>;
export type DecideBody = z.input<typeof decideBody>;
export type ShareBody = z.input<typeof shareBody>;
export type ObjectionBody = z.input<typeof objectionBody>;
export type AnswerBody = z.input<typeof answerBody>;
export type DisputeBody = z.input<typeof disputeBody>;
export type HearingBody = z.input<typeof hearingBody>;
export type DisputeOutcomeBody = z.input<typeof disputeOutcomeBody>;
