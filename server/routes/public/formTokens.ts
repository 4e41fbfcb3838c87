import { randomToken, safeEqual, type TokenHasher } from "@server/auth/tokens.js";

// The anti-abuse token every public form carries: a signed time of issue with a random part.
// It proves the form came from this site, and when; the random part makes each form's token its
// own, so spending one (auth/formTokens.ts) never spends another's. The purpose is signed in, so
// one form's token is not accepted by another form.

// A person needs longer than this to fill a form; a script does not.
const MIN_FILL_MS = 3_000;
// A form left open overnight is still accepted; older tokens are re-issued with the input kept.
const MAX_FORM_AGE_MS = 12 * 60 * 60_000;

export type FormTokenCheck = "ok" | "forged" | "too_fast" | "expired";

export function issuePurposeToken(hasher: TokenHasher, purpose: string, issuedAt = Date.now()): string {
  const nonce = randomToken(12);
  return `${issuedAt}.${nonce}.${hasher.hash(`${purpose}:${issuedAt}.${nonce}`)}`;
}

export function checkPurposeToken(
  hasher: TokenHasher,
  purpose: string,
  token: string,
  now = Date.now(),
): FormTokenCheck {
  const [issued = "", nonce = "", signature = ""] = token.split(".");
  if (
    !/^\d{1,15}$/.test(issued) ||
    !/^[\w-]{16}$/.test(nonce) ||
    !safeEqual(signature, hasher.hash(`${purpose}:${issued}.${nonce}`))
  ) {
    return "forged";
  }
  const age = now - Number(issued);
  if (age < MIN_FILL_MS) return "too_fast";
  if (age > MAX_FORM_AGE_MS) return "expired";
  return "ok";
}

/** When a checked token stops being accepted anyway: its used record may go then. */
export function formTokenExpiry(token: string): Date {
  return new Date(Number(token.split(".")[0]) + MAX_FORM_AGE_MS);
}
