import type { RequestInput } from "@server/commands/ppidRequests.js";
import {
  PpidAccessMethod,
  PpidApplicantType,
  PpidCopyForm,
  PpidDelivery,
  PpidIdentityType,
} from "@server/db/generated/enums.js";
import { identityProblem, normalizePhone, PPID_LIMITS as L } from "@server/ppid/limits.js";
import { storableText } from "@server/text/storable.js";
import type { PpidText } from "./applicantText.js";

// The public request form's fields, read as strings and checked one by one with a message per
// field in the visitor's language.

export const REQUEST_FIELDS = [
  "jenis_pemohon",
  "nama",
  "jenis_identitas",
  "nomor_identitas",
  "pekerjaan",
  "alamat",
  "kontak",
  "telepon",
  "email",
  "ditujukan",
  "informasi",
  "tujuan",
  "cara",
  "salinan",
  "pengiriman",
  "setuju",
] as const;
export type RequestField = (typeof REQUEST_FIELDS)[number];
/** The hidden honeypot: people never see it, form-filling scripts fill it in. */
export const HONEYPOT = "situs";
const FORM_KEYS = [...REQUEST_FIELDS, HONEYPOT, "token"] as const;
export type FormValues = Record<(typeof FORM_KEYS)[number], string>;
export type FieldErrors = Partial<Record<RequestField, string>>;

/** Every known field as a string: absent, repeated or odd values become "" and fail validation. */
export function readForm<K extends string>(body: unknown, keys: readonly K[]): Record<K, string> {
  const raw = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  // A citizen is not sent back for an invisible character: it is dropped or replaced, as platform text is.
  return Object.fromEntries(
    keys.map((key) => [key, typeof raw[key] === "string" ? storableText(raw[key]) : ""]),
  ) as Record<K, string>;
}

export const readRequestForm = (body: unknown): FormValues => readForm(body, FORM_KEYS);

const oneOf = <T extends string>(values: Record<string, T>, typed: string): T | null =>
  (Object.values(values) as string[]).includes(typed) ? (typed as T) : null;
const within = (text: string, limits: { min?: number; max: number }) =>
  text.length >= (limits.min ?? 0) && text.length <= limits.max;
/** Browsers send line breaks as CRLF; count them as the one character the person typed. */
export const plain = (text: string) => text.replace(/\r\n?/g, "\n").trim();
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The request as the command takes it, with the PPID addressed; or one message per wrong field. */
export function validateRequestForm(
  values: FormValues,
  ppidUnitIds: string[],
  t: PpidText,
): { ok: true; input: RequestInput; unitId: string } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const applicantType = oneOf(PpidApplicantType, values.jenis_pemohon);
  const identityType = oneOf(PpidIdentityType, values.jenis_identitas);
  const accessMethod = oneOf(PpidAccessMethod, values.cara);
  const copyForm = oneOf(PpidCopyForm, values.salinan);
  const delivery = oneOf(PpidDelivery, values.pengiriman);
  const name = values.nama.trim();
  const address = plain(values.alamat);
  const occupation = values.pekerjaan.trim();
  const phone = values.telepon.trim() ? normalizePhone(values.telepon) : null;
  const email = values.email.trim().toLowerCase();
  const information = plain(values.informasi);
  const purpose = plain(values.tujuan);

  if (!applicantType) errors.jenis_pemohon = t.errChoose;
  if (!within(name, L.name)) errors.nama = t.errName;
  if (!identityType) errors.jenis_identitas = t.errChoose;
  else if (identityProblem(identityType, values.nomor_identitas))
    errors.nomor_identitas = identityType === "nik" ? t.errNik : t.errIdentity;
  if (!within(occupation, L.occupation)) errors.pekerjaan = t.errOccupation;
  if (!within(address, L.address)) errors.alamat = t.errAddress;
  if (values.telepon.trim() && !phone) errors.telepon = t.errPhone;
  if (email && (!EMAIL.test(email) || email.length > L.email.max)) errors.email = t.errEmail;
  if (!values.telepon.trim() && !email) errors.kontak = t.errContact;
  if (!ppidUnitIds.includes(values.ditujukan)) errors.ditujukan = t.errChoose;
  if (!within(information, L.information)) errors.informasi = t.errInformation;
  if (!within(purpose, L.purpose)) errors.tujuan = t.errPurpose;
  if (!accessMethod) errors.cara = t.errChoose;
  if (accessMethod === "copy" && !copyForm) errors.salinan = t.errChoose;
  if (!delivery) errors.pengiriman = t.errChoose;
  if (delivery === "email" && !email) errors.email ??= t.errEmailForDelivery;
  if (values.setuju !== "ya") errors.setuju = t.errConsent;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    unitId: values.ditujukan,
    input: {
      applicantType: applicantType!,
      applicantName: name,
      identityType: identityType!,
      identityNumber: values.nomor_identitas,
      occupation: occupation || null,
      address,
      phone,
      email: email || null,
      information,
      purpose,
      accessMethod: accessMethod!,
      copyForm: accessMethod === "copy" ? copyForm : null,
      delivery: delivery!,
    },
  };
}
