import { AppError } from "@server/errors.js";

/** The desa a push token belongs to; `areaCode` is its Kemendagri code, null for a unit added by hand. */
export type PushDesa = { id: string; name: string; areaCode: string | null };

// OpenSID sends its desa's Kemendagri code as kode_wilayah() writes it ("61.03.01.2007"); older
// versions and CSV columns carry the bare digits ("6103012007"). Both name the same desa.
const digitsOf = (code: string) => code.replace(/\D/g, "");

/**
 * Refuses a push whose desa codes name another desa than the token's: an OpenSID set up with
 * the wrong token would otherwise fill one desa's pages with another's projects. Empty codes
 * are not checked, and neither is a unit without an official code.
 */
export function assertPushedDesaCode(desa: PushDesa, codes: readonly (string | undefined)[]): void {
  if (!desa.areaCode) return;
  const expected = digitsOf(desa.areaCode);
  const other = codes.find((code) => code?.trim() && digitsOf(code) !== expected);
  if (other !== undefined)
    throw new AppError("push_desa_mismatch", { sent: other.slice(0, 50), expected: desa.areaCode });
}
