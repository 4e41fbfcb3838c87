// Rupiah as Indonesians type and read them: "1.250.000", dots between thousands, no cents.

const grouped = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });

/**
 * What was typed, as an amount: "1.250.000", "1250000", "Rp 1.250.000" and "1.250.000,00" are
 * 1250000; empty is null; anything else stays the text, for the form to point out.
 */
export function parseRupiah(text: string): number | string | null {
  const compact = text.replace(/\s|rp\.?/gi, "");
  if (compact === "") return null;
  const match = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,0+)?$/.exec(compact);
  if (!match) return text;
  const amount = Number(match[2]!.replaceAll(".", ""));
  return match[1] ? -amount : amount;
}

/** An amount as the input shows it: "1.250.000". */
export const groupRupiah = (amount: number): string => grouped.format(amount);

/** An amount to read, in the UI's locale: "Rp 1.250.000" (id) or "IDR 1,250,000" (en). */
export const formatRupiah = (amount: number, intlLocale: string): string =>
  new Intl.NumberFormat(intlLocale, { style: "currency", currency: "IDR", maximumFractionDigits: 0 }).format(amount);
