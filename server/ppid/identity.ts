import type { SecretBox } from "@server/crypto/secretBox.js";

// Identity numbers (NIK, deed numbers) are personal data: sealed at rest, shown masked, opened
// only for the PPID handling the case.

const VISIBLE_TAIL = 4;
const MASK = "•";

/** The number with every character but the last four hidden: "••••••••••••3456". */
export function maskIdentityNumber(number: string): string {
  const compact = number.replace(/\s+/g, "");
  const shown = compact.length > VISIBLE_TAIL * 2 ? VISIBLE_TAIL : Math.floor(compact.length / 3);
  return MASK.repeat(compact.length - shown) + compact.slice(compact.length - shown);
}

export function sealIdentity(box: SecretBox, number: string): { sealed: string; masked: string } {
  const compact = number.replace(/\s+/g, "");
  return { sealed: box.seal(compact), masked: maskIdentityNumber(compact) };
}

export function openIdentity(box: SecretBox, sealed: string): string {
  return box.open(sealed);
}
