import { randomBytes } from "node:crypto";
import { safeEqual } from "@server/auth/tokens.js";
import type { SecretBox } from "@server/crypto/secretBox.js";
import type { Prisma } from "@server/db/client.js";

// Registration numbers are public (the register lists them) and count up per year; the access
// code beside each is the secret that opens the case to its applicant, stored sealed so that the
// letters e-mailed later can carry the link to the case.

export const REQUEST_PREFIX = "PPID";
export const OBJECTION_PREFIX = "KEB";
const NUMBER_DIGITS = 5;
const REGISTRATION_NUMBER = new RegExp(`^(${REQUEST_PREFIX}|${OBJECTION_PREFIX})-(20\\d\\d)-(\\d{${NUMBER_DIGITS},})$`);

// 32 symbols without 0/O or 1/I look-alikes; 12 of them are 60 random bits.
const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const CODE_LENGTH = 12;
const CODE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

type Tx = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * The next number of a yearly sequence, inside the caller's transaction: one upsert, so two
 * processes filing at once get different numbers and a rolled-back filing leaves no gap it used.
 */
export async function nextRegistrationNumber(
  tx: Tx,
  prefix: typeof REQUEST_PREFIX | typeof OBJECTION_PREFIX,
  year: number,
): Promise<string> {
  const scope = `${prefix}:${year}`;
  const [row] = await tx.$queryRaw<{ value: number }[]>`
    INSERT INTO "PpidCounter" ("scope", "value") VALUES (${scope}, 1)
    ON CONFLICT ("scope") DO UPDATE SET "value" = "PpidCounter"."value" + 1
    RETURNING "value"`;
  return `${prefix}-${year}-${String(row!.value).padStart(NUMBER_DIGITS, "0")}`;
}

/** A registration number as someone typed it, in its stored form; null when it cannot be one. */
export function normalizeRegistrationNumber(typed: string): string | null {
  const number = typed.trim().toUpperCase();
  return REGISTRATION_NUMBER.test(number) ? number : null;
}

/** A fresh access code, written in three groups of four for reading out and typing. */
export function newAccessCode(): string {
  const symbols = Array.from(randomBytes(CODE_LENGTH), (byte) => CODE_ALPHABET[byte & 31]).join("");
  return symbols.match(/.{4}/g)!.join("-");
}

/** The code without the dashes and spaces people type, upper-cased; null when it cannot be one. */
export function normalizeAccessCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, "").toUpperCase();
  return CODE.test(code) ? code : null;
}

/** Whether a typed code is the case's, compared in constant time after opening the stored one. */
export function accessCodeMatches(box: SecretBox, typed: string, sealed: string): boolean {
  const code = normalizeAccessCode(typed);
  const stored = normalizeAccessCode(box.open(sealed));
  return code !== null && stored !== null && safeEqual(code, stored);
}

/** The code as it is shown and linked: groups of four. */
export function formatAccessCode(code: string): string {
  return (normalizeAccessCode(code) ?? code).match(/.{1,4}/g)!.join("-");
}
