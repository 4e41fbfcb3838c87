import { recordAudit, type ActingOrigin, type Origin } from "@server/audit/record.js";
import type { Prisma } from "@server/db/client.js";
import type {
  PpidAccessMethod,
  PpidApplicantType,
  PpidChannel,
  PpidCopyForm,
  PpidDelivery,
  PpidIdentityType,
} from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import { dateColumn, type IsoDate, isoDateOf, officeCalendar } from "@server/ppid/calendar.js";
import { loadCase, type PpidCase } from "@server/ppid/cases.js";
import { sealIdentity } from "@server/ppid/identity.js";
import { emailApplicant } from "@server/ppid/mail.js";
import { caseTrackingUrl, renderRequestLetter, type RequestLetter } from "@server/ppid/letters.js";
import { newAccessCode, nextRegistrationNumber, REQUEST_PREFIX } from "@server/ppid/numbers.js";
import type { Services } from "@server/services.js";
import { isUniqueViolation } from "@server/db/errors.js";
import { queueWebhookEvent, requestData } from "@server/webhooks/events.js";

type Tx = Prisma.TransactionClient;

/** What an applicant states on the request form (Perki 1/2021), whoever writes it down. */
export type RequestInput = {
  applicantType: PpidApplicantType;
  applicantName: string;
  identityType: PpidIdentityType;
  identityNumber: string;
  occupation?: string | null;
  address: string;
  phone?: string | null;
  email?: string | null;
  information: string;
  purpose: string;
  accessMethod: PpidAccessMethod;
  copyForm?: PpidCopyForm | null;
  delivery: PpidDelivery;
};

/** The citizen filing on the website, as the audit log names them (they have no account). */
export const APPLICANT_ORIGIN: Origin = { actor: null, label: "pemohon informasi (formulir daring)" };

/** One audit record per change of a case, in the transaction that makes it; never the applicant's data. */
export async function auditCase(
  tx: Pick<Tx, "auditEvent">,
  origin: Origin,
  request: { id: string; unitId: string },
  action: string,
  changes: Record<string, unknown>,
): Promise<void> {
  await recordAudit(tx, origin, {
    action: `ppid_request.${action}`,
    targetType: "PpidRequest",
    targetId: request.id,
    unitId: request.unitId,
    changes,
  });
}

/** The PPID a request goes to when none is chosen: the PPID Utama, else the body's root unit. */
export async function defaultPpidUnit(tx: Pick<Tx, "unit">): Promise<{ id: string; path: string }> {
  const select = { id: true, path: true } as const;
  const utama = await tx.unit.findFirst({ where: { ppidLevel: "utama", active: true }, select });
  const root = utama ?? (await tx.unit.findFirst({ where: { parentId: null }, select }));
  if (!root) throw new AppError("not_found", { field: "unitId" });
  return root;
}

/** A PPID unit that can take a request: marked Utama or Pelaksana, and active. */
export async function ppidUnit(tx: Pick<Tx, "unit">, unitId: string) {
  const unit = await tx.unit.findUnique({ where: { id: unitId } });
  if (!unit) throw new AppError("not_found", { field: "unitId" });
  if (!unit.active) throw new AppError("unit_inactive", { field: "unitId" });
  if (!unit.ppidLevel) throw new AppError("not_a_ppid_unit", { field: "unitId" });
  return unit;
}

export type NewRequest = {
  origin: Origin;
  input: RequestInput;
  channel: PpidChannel;
  /** The PPID addressed; the PPID Utama when absent. */
  unitId?: string;
  /** When a letter or visit was received, if registered later; now when absent. */
  receivedAt?: Date;
  /** The inbox item the request is made from. */
  inboxItemId?: string;
};

/**
 * Registers a request: its number, its access code, the notice's deadline counted from the day
 * of receipt; the identity number sealed. E-mails the receipt when the applicant gave an address.
 */
export async function createPpidRequest(
  services: Services,
  { origin, input, channel, unitId, receivedAt = new Date(), inboxItemId }: NewRequest,
): Promise<{ request: PpidCase; accessCode: string }> {
  const { prisma } = services;
  const calendar = await officeCalendar(prisma);
  const accessCode = newAccessCode();
  const identity = sealIdentity(services.secretBox, input.identityNumber);
  const { identityNumber: _sealed, ...applicant } = input;
  let id: string;
  try {
    id = await prisma.$transaction(async (tx) => {
      const targetUnitId = (unitId ? await ppidUnit(tx, unitId) : await defaultPpidUnit(tx)).id;
      const year = Number(calendar.dateOf(new Date()).slice(0, 4));
      const created = await tx.ppidRequest.create({
        data: {
          ...applicant,
          copyForm: input.accessMethod === "copy" ? (input.copyForm ?? null) : null,
          registrationNumber: await nextRegistrationNumber(tx, REQUEST_PREFIX, year),
          accessCodeSealed: services.secretBox.seal(accessCode),
          identityNumberSealed: identity.sealed,
          identityNumberMasked: identity.masked,
          channel,
          receivedAt,
          unitId: targetUnitId,
          noticeDueOn: dateColumn(calendar.noticeDue(receivedAt)),
          registeredById: origin.actor?.id ?? null,
          inboxItemId: inboxItemId ?? null,
        },
      });
      if (inboxItemId) {
        await tx.inboxEvent.create({
          data: {
            itemId: inboxItemId,
            actorId: origin.actor?.id ?? null,
            type: "ppid_request",
            data: { requestId: created.id, registrationNumber: created.registrationNumber },
          },
        });
      }
      await auditCase(tx, origin, created, "create", {
        registrationNumber: created.registrationNumber,
        channel,
        unitId: created.unitId,
        noticeDueOn: isoDateOf(created.noticeDueOn),
        inboxItemId: inboxItemId ?? null,
      });
      await queueWebhookEvent(tx, "ppid.request.created", requestData(created, services.config.publicBaseUrl));
      return created.id;
    });
  } catch (error) {
    if (inboxItemId && isUniqueViolation(error)) throw new AppError("ppid_inbox_item_linked", { field: "inboxItemId" });
    throw error;
  }
  if (inboxItemId) services.events.emit("inbox.itemChanged", { itemId: inboxItemId });
  services.events.emit("webhooks.queued", {});
  const request = await loadCase(prisma, id);
  announceRegisterChange(services, request);
  if (request.email)
    await mailLetter(services, request, "receipt", `Tanda terima permohonan informasi ${request.registrationNumber}`, [
      `Permohonan informasi Anda sudah kami terima dengan nomor ${request.registrationNumber}. Tanda bukti penerimaannya terlampir.`,
      `Kode akses Anda: ${accessCode}. Simpan kode ini: bersama nomor permohonan, kode ini membuka halaman permohonan Anda.`,
    ]);
  return { request, accessCode };
}

/**
 * E-mails one of the case's letters to the applicant; returns the outcome (nothing is thrown:
 * every letter is on the case page too).
 */
export async function mailLetter(
  services: Services,
  request: PpidCase,
  letter: RequestLetter,
  subject: string,
  paragraphs: string[],
) {
  if (!request.email) return null;
  const { filename, pdf } = await renderRequestLetter(services, request, letter, { withAccessCode: true });
  return emailApplicant(services, {
    requestId: request.id,
    to: request.email,
    name: request.applicantName,
    subject,
    paragraphs,
    link: caseTrackingUrl(services, request),
    attachment: { filename, content: pdf },
  });
}

/**
 * The public register shows this request (its number, PPID, status, decision, summary, objections):
 * cached public pages go at once, as for the DIP's changes.
 */
export function announceRegisterChange(services: Services, request: { unitId: string }): void {
  services.events.emit("ppid.changed", { unitId: request.unitId });
}

/** Runs one change of a case in a transaction with the case loaded, then returns it fresh. */
export async function caseOperation(
  services: Services,
  requestId: string,
  work: (tx: Tx, request: PpidCase) => Promise<void>,
): Promise<PpidCase> {
  await services.prisma.$transaction(async (tx) => work(tx, await loadCase(tx, requestId)));
  return loadCase(services.prisma, requestId);
}

/** The PPID Utama hands the request to the PPID Pelaksana holding the information (disposisi). */
export async function forwardPpidRequest(
  services: Services,
  input: { origin: ActingOrigin; requestId: string; toUnitId: string; internalDueOn: IsoDate; note?: string | null },
): Promise<PpidCase> {
  const calendar = await officeCalendar(services.prisma);
  const forwarded = await caseOperation(services, input.requestId, async (tx, request) => {
    if (request.decision) throw new AppError("ppid_already_decided");
    const target = await ppidUnit(tx, input.toUnitId);
    const today = calendar.dateOf(new Date());
    const due = isoDateOf(request.extendedDueOn ?? request.noticeDueOn);
    if (input.internalDueOn < today || input.internalDueOn > due)
      throw new AppError("validation_failed", [
        {
          path: "internalDueOn",
          message: `antara ${today} dan ${due} (batas waktu pemberitahuan) / between ${today} and ${due} (the notice's deadline)`,
        },
      ]);
    await tx.ppidForwarding.create({
      data: {
        requestId: request.id,
        fromUnitId: request.unitId,
        toUnitId: target.id,
        internalDueOn: dateColumn(input.internalDueOn),
        note: input.note ?? null,
        byId: input.origin.actor.id,
      },
    });
    await tx.ppidRequest.update({
      where: { id: request.id },
      data: { unitId: target.id, status: "in_process", internalDueOn: dateColumn(input.internalDueOn) },
    });
    await auditCase(tx, input.origin, { id: request.id, unitId: target.id }, "forward", {
      unit: { from: request.unitId, to: target.id },
      internalDueOn: input.internalDueOn,
      status: { from: request.status, to: "in_process" },
    });
  });
  announceRegisterChange(services, forwarded);
  return forwarded;
}

/** Extends the notice's deadline once, by 7 working days, with written reasons (Pasal 22(8)); tells the applicant. */
export async function extendPpidRequest(
  services: Services,
  input: { origin: ActingOrigin; requestId: string; reason: string },
): Promise<PpidCase> {
  const calendar = await officeCalendar(services.prisma);
  const request = await caseOperation(services, input.requestId, async (tx, request) => {
    if (request.decision) throw new AppError("ppid_already_decided");
    if (request.extendedDueOn) throw new AppError("ppid_already_extended");
    const due = isoDateOf(request.noticeDueOn);
    if (calendar.dateOf(new Date()) > due) throw new AppError("ppid_extension_too_late");
    const extendedDueOn = calendar.extendedNoticeDue(due);
    await tx.ppidRequest.update({
      where: { id: request.id },
      data: {
        extendedDueOn: dateColumn(extendedDueOn),
        extensionReason: input.reason,
        extendedAt: new Date(),
        extendedById: input.origin.actor.id,
        status: "in_process",
      },
    });
    await auditCase(tx, input.origin, request, "extend", { noticeDueOn: { from: due, to: extendedDueOn } });
  });
  announceRegisterChange(services, request);
  await mailLetter(
    services,
    request,
    "extension",
    `Perpanjangan jangka waktu permohonan ${request.registrationNumber}`,
    [
      `Jangka waktu pemberitahuan tertulis atas permohonan ${request.registrationNumber} diperpanjang sampai ${isoDateOf(request.extendedDueOn!)}. Pemberitahuan perpanjangan beserta alasannya terlampir.`,
    ],
  );
  return request;
}

/** A new access code for an applicant who lost theirs; shown once to the staff who asked. */
export async function renewAccessCode(
  services: Services,
  input: { origin: ActingOrigin; requestId: string },
): Promise<{ request: PpidCase; accessCode: string }> {
  const accessCode = newAccessCode();
  const request = await caseOperation(services, input.requestId, async (tx, request) => {
    await tx.ppidRequest.update({
      where: { id: request.id },
      data: { accessCodeSealed: services.secretBox.seal(accessCode) },
    });
    await auditCase(tx, input.origin, request, "access_code_renewed", {});
  });
  return { request, accessCode };
}

/** The line the public register shows for the request, written by staff. */
export async function setPublicSummary(
  services: Services,
  input: { origin: ActingOrigin; requestId: string; publicSummary: string | null },
): Promise<PpidCase> {
  const request = await caseOperation(services, input.requestId, async (tx, request) => {
    await tx.ppidRequest.update({ where: { id: request.id }, data: { publicSummary: input.publicSummary } });
    await auditCase(tx, input.origin, request, "public_summary", {
      publicSummary: { from: request.publicSummary, to: input.publicSummary },
    });
  });
  announceRegisterChange(services, request);
  return request;
}
