import type { PpidIdentityType } from "@server/db/generated/enums.js";

/** Lengths of what applicants and staff write, checked the same way by the website and the API. */
export const PPID_LIMITS = {
  name: { min: 2, max: 100 },
  occupation: { max: 100 },
  address: { min: 5, max: 300 },
  phone: { max: 25 },
  email: { max: 254 },
  information: { min: 10, max: 5000 },
  purpose: { min: 5, max: 2000 },
  statement: { min: 10, max: 5000 },
  note: { max: 2000 },
  longText: { max: 10_000 },
  summary: { max: 300 },
  signedAs: { min: 2, max: 200 },
} as const;

/** 08xx, 628xx or +628xx and landlines (0564...): 8 to 12 digits after the prefix. */
const PHONE = /^(?:\+62|62|0)([2-9]\d{7,11})$/;

/** A phone number in one form (+62...), or null when it cannot be an Indonesian number. */
export function normalizePhone(typed: string): string | null {
  const match = PHONE.exec(typed.replace(/[\s().-]/g, ""));
  return match ? `+62${match[1]}` : null;
}

/** What is wrong with an identity number of this type, or null: a NIK has 16 digits, other documents 3–40 characters. */
export function identityProblem(type: PpidIdentityType, typed: string): "nik" | "length" | null {
  const number = typed.replace(/\s+/g, "");
  if (type === "nik") return /^\d{16}$/.test(number) ? null : "nik";
  return /^[\w./-]{3,40}$/.test(number) ? null : "length";
}
