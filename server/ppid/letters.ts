import type { Services } from "@server/services.js";
import { officeCalendar } from "./calendar.js";
import { findOffice, type PpidCase, type PpidCaseObjection, userNames } from "./cases.js";
import { TRACKING_PATH } from "./dip/paths.js";
import { formatAccessCode } from "./numbers.js";
import { objectionAnswerPdf, objectionReceiptPdf } from "./pdf/objectionLetters.js";
import { decisionNoticePdf, extensionNoticePdf, requestReceiptPdf } from "./pdf/requestLetters.js";

// Every letter of a case, rendered on demand from what is stored (so a letter downloaded later is
// the one that was sent), with its file name.

type LetterServices = Pick<Services, "prisma" | "config" | "secretBox">;

export const REQUEST_LETTERS = ["receipt", "notice", "extension"] as const;
export type RequestLetter = (typeof REQUEST_LETTERS)[number];
export const OBJECTION_LETTERS = ["receipt", "answer"] as const;
export type ObjectionLetter = (typeof OBJECTION_LETTERS)[number];

/** The applicant's own page for the case: the number and the access code open it. */
export function trackingPath(registrationNumber: string, accessCode: string): string {
  return `${TRACKING_PATH}/${registrationNumber}/${formatAccessCode(accessCode)}`;
}

export function caseTrackingUrl(
  services: LetterServices,
  request: Pick<PpidCase, "registrationNumber" | "accessCodeSealed">,
) {
  return `${services.config.publicBaseUrl}${trackingPath(request.registrationNumber, services.secretBox.open(request.accessCodeSealed))}`;
}

/**
 * What a letter needs besides the case. The access code is the applicant's: their copies link to
 * their case page with it; staff copies link to the lookup page and leave the code out.
 */
async function context(services: LetterServices, request: PpidCase, options: LetterOptions) {
  const [office, calendar] = await Promise.all([findOffice(services), officeCalendar(services.prisma)]);
  const trackingUrl = options.withAccessCode
    ? caseTrackingUrl(services, request)
    : `${services.config.publicBaseUrl}/ppid/lacak`;
  const accessCode = options.withAccessCode
    ? formatAccessCode(services.secretBox.open(request.accessCodeSealed))
    : undefined;
  return { office, calendar, trackingUrl, accessCode };
}

export type LetterOptions = { withAccessCode: boolean };

/** Whether the letter exists yet: a notice once decided, an extension once extended. */
export function requestLetterExists(request: PpidCase, letter: RequestLetter): boolean {
  if (letter === "notice") return request.decidedAt !== null;
  if (letter === "extension") return request.extendedAt !== null;
  return true;
}

const REQUEST_FILE_NAMES: Record<RequestLetter, string> = {
  receipt: "tanda-terima",
  notice: "pemberitahuan-tertulis",
  extension: "pemberitahuan-perpanjangan",
};

export async function renderRequestLetter(
  services: LetterServices,
  request: PpidCase,
  letter: RequestLetter,
  options: LetterOptions,
): Promise<{ filename: string; pdf: Buffer }> {
  const filename = `${REQUEST_FILE_NAMES[letter]}-${request.registrationNumber}.pdf`;
  const shared = await context(services, request, options);
  if (letter === "receipt") return { filename, pdf: await requestReceiptPdf(request, shared, shared.accessCode) };
  const names = await userNames(services.prisma, [request.decidedById, request.extendedById]);
  if (letter === "notice")
    return {
      filename,
      pdf: await decisionNoticePdf(request, { ...shared, deciderName: names.get(request.decidedById ?? "") ?? "PPID" }),
    };
  return {
    filename,
    pdf: await extensionNoticePdf(request, {
      ...shared,
      extenderName: names.get(request.extendedById ?? "") ?? "PPID",
    }),
  };
}

export function objectionLetterExists(objection: PpidCaseObjection, letter: ObjectionLetter): boolean {
  return letter === "receipt" || objection.answeredAt !== null;
}

export async function renderObjectionLetter(
  services: LetterServices,
  request: PpidCase,
  objection: PpidCaseObjection,
  letter: ObjectionLetter,
  options: LetterOptions,
): Promise<{ filename: string; pdf: Buffer }> {
  const shared = await context(services, request, options);
  if (letter === "receipt")
    return {
      filename: `keberatan-${objection.registrationNumber}.pdf`,
      pdf: await objectionReceiptPdf(request, objection, shared),
    };
  const names = await userNames(services.prisma, [objection.answeredById]);
  return {
    filename: `tanggapan-keberatan-${objection.registrationNumber}.pdf`,
    pdf: await objectionAnswerPdf(request, objection, {
      ...shared,
      answererName: names.get(objection.answeredById ?? "") ?? "Atasan PPID",
    }),
  };
}
