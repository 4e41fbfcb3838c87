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

/**
 * A pattern and, for a quick check before the regex runs, what its first slot accepts: a match
 * always starts with a whole token that is one of these words, starts with one of these
 * prefixes, or (with "#") is a number.
 */
export type CompiledPattern = { source: string; regex: RegExp; first: { words: ReadonlySet<string>; prefixes: readonly string[]; number: boolean } };

const MAX_GAP_WORDS = 4;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compileSlot(slot: string): string {
  const alternatives = slot.split("|").map((word) => {
    if (word === "#") return "\\d+";
    return word.endsWith("*") ? `${escapeRegExp(word.slice(0, -1))}\\S*` : escapeRegExp(word);
  });
  return `(?:${alternatives.join("|")})`;
}

function firstSlotOf(source: string): CompiledPattern["first"] {
  const alternatives = (source.trim().split(/\s+/).find((slot) => slot !== "..") ?? "").split("|");
  return {
    words: new Set(alternatives.filter((word) => word !== "#" && !word.endsWith("*"))),
    prefixes: alternatives.filter((word) => word.endsWith("*")).map((word) => word.slice(0, -1)),
    number: alternatives.includes("#"),
  };
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
  return { source, regex: new RegExp(`(?:^| )(${body})(?= |$)`, "u"), first: firstSlotOf(source) };
}

/** The normalised text and its distinct tokens, which most patterns are ruled out by without running their regex. */
export type MatchInput = { text: string; tokens: ReadonlySet<string> };

const NUMBER = /^\d+$/;

function mayMatch({ first }: CompiledPattern, tokens: ReadonlySet<string>): boolean {
  for (const word of first.words) if (tokens.has(word)) return true;
  if (first.prefixes.length === 0 && !first.number) return false;
  for (const token of tokens) {
    if (first.number && NUMBER.test(token)) return true;
    for (const prefix of first.prefixes) if (token.startsWith(prefix)) return true;
  }
  return false;
}

/** The words a pattern matched in the normalised text, or null. */
export function matchPattern(pattern: CompiledPattern, input: MatchInput): string | null {
  if (!mayMatch(pattern, input.tokens)) return null;
  return pattern.regex.exec(input.text)?.[1] ?? null;
}
