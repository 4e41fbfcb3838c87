/**
 * The small pattern language of the triage rules, matched against normalised text (see
 * normalize.ts), so a rule reads like the words citizens use:
 *
 *   "jalan rusak"        the words in a row
 *   "banjir*"            a word starting with "banjir" (banjirnya, banjiran)
 *   "lutut|pinggang"     either word in this position
 *   "air .. mati"        up to four other words in between ("air pdam di rumah mati")
 *   "#"                  any number ("sudah # bulan")
 *   "?" and "!"          the punctuation itself
 */

export type CompiledPattern = { source: string; regex: RegExp };

const MAX_GAP_WORDS = 4;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compileSlot(slot: string): string {
  const alternatives = slot.split("|").map((word) => {
    if (word === "#") return "\\d+";
    return word.endsWith("*") ? `${escapeRegExp(word.slice(0, -1))}\\S*` : escapeRegExp(word);
  });
  return `(?:${alternatives.join("|")})`;
}

export function compilePattern(source: string): CompiledPattern {
  let body = "";
  let gapBefore = false;
  for (const slot of source.trim().split(/\s+/)) {
    if (slot === "..") {
      gapBefore = true;
      continue;
    }
    const separator = body === "" ? "" : gapBefore ? `(?: \\S+){0,${MAX_GAP_WORDS}} ` : " ";
    body += separator + compileSlot(slot);
    gapBefore = false;
  }
  return { source, regex: new RegExp(`(?:^| )(${body})(?= |$)`, "u") };
}

/** The words a pattern matched in the normalised text, or null. */
export function matchPattern(pattern: CompiledPattern, normalizedText: string): string | null {
  return pattern.regex.exec(normalizedText)?.[1] ?? null;
}
