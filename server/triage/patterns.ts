/**
 * The small pattern language of the triage rules, matched against normalised text (see
 * normalize.ts), so a rule reads like the words citizens use:
 *
 *   "jalan rusak"        the words in a row
 *   "banjir*"            a word starting with "banjir" (banjirnya, banjiran)
 *   "lutut|pinggang"     either word in this position
 *   "air .. mati"        up to four other words in between ("air pdam di rumah mati")
 *   "anak ..1 hilang"    up to one other word in between (any count from 1 to 9)
 *   "#"                  any number ("sudah # bulan")
 *   "?" and "!"          the punctuation itself
 */

import { memoized } from "./memo.js";

/** What one slot accepts: a whole token that is one of these words, starts with one of these prefixes, or (with "#") is a number. */
type Slot = { words: ReadonlySet<string>; wordList: readonly string[]; prefixes: readonly string[]; number: boolean };

/**
 * A pattern and, for quick checks before the regex runs, what each of its slots accepts: a match
 * starts with a token its first slot accepts, and the message has a token for every other slot.
 */
export type CompiledPattern = { source: string; regex: RegExp; first: Slot; rest: Slot[] };

const MAX_GAP_WORDS = 4;
const GAP = /^\.\.(\d)?$/;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compileSlot(slot: string): string {
  const alternatives = slot.split("|").map((word) => {
    if (word === "#") return "\\d+";
    return word.endsWith("*") ? `${escapeRegExp(word.slice(0, -1))}\\S*` : escapeRegExp(word);
  });
  return `(?:${alternatives.join("|")})`;
}

function slotsOf(source: string): Slot[] {
  return source
    .trim()
    .split(/\s+/)
    .filter((slot) => !GAP.test(slot))
    .map(slotOf);
}

function slotOf(slot: string): Slot {
  const alternatives = slot.split("|");
  const wordList = alternatives.filter((word) => word !== "#" && !word.endsWith("*"));
  return {
    words: new Set(wordList),
    wordList,
    prefixes: alternatives.filter((word) => word.endsWith("*")).map((word) => word.slice(0, -1)),
    number: alternatives.includes("#"),
  };
}

export function compilePattern(source: string): CompiledPattern {
  let body = "";
  let gapBefore = 0;
  for (const slot of source.trim().split(/\s+/)) {
    const gap = GAP.exec(slot);
    if (gap) {
      gapBefore = gap[1] ? Number(gap[1]) : MAX_GAP_WORDS;
      continue;
    }
    const separator = body === "" ? "" : gapBefore ? `(?: \\S+){0,${gapBefore}} ` : " ";
    body += separator + compileSlot(slot);
    gapBefore = 0;
  }
  const [first = slotOf(""), ...rest] = slotsOf(source);
  return { source, regex: new RegExp(`(?:^| )(${body})(?= |$)`, "u"), first, rest };
}

const NUMBER = /^\d+$/;

const slotAccepts = (slot: Slot, token: string) =>
  slot.words.has(token) ||
  slot.prefixes.some((prefix) => token.startsWith(prefix)) ||
  (slot.number && NUMBER.test(token));

/**
 * Which of many patterns a message's tokens can start a match of, found from the tokens by
 * lookups (first words, prefixes of each token, numbers) instead of trying every pattern.
 */
export class PatternIndex {
  private readonly byWord = new Map<string, CompiledPattern[]>();
  private readonly byPrefix = new Map<string, CompiledPattern[]>();
  private readonly byNumber: CompiledPattern[] = [];
  private readonly prefixLengths: number[];
  private readonly startedBy = memoized((token) => this.patternsStartedBy(token));

  constructor(patterns: Iterable<CompiledPattern>) {
    const add = (map: Map<string, CompiledPattern[]>, key: string, pattern: CompiledPattern) =>
      map.set(key, [...(map.get(key) ?? []), pattern]);
    for (const pattern of patterns) {
      for (const word of pattern.first.words) add(this.byWord, word, pattern);
      for (const prefix of pattern.first.prefixes) add(this.byPrefix, prefix, pattern);
      if (pattern.first.number) this.byNumber.push(pattern);
    }
    this.prefixLengths = [...new Set([...this.byPrefix.keys()].map((prefix) => prefix.length))];
  }

  /** The patterns whose first slot accepts one of the tokens and every other slot some token: only these can match. */
  candidates(tokens: readonly string[]): Set<CompiledPattern> {
    const found = new Set<CompiledPattern>();
    const checked = new Set<CompiledPattern>();
    const present = new Set(tokens);
    const accepts = (slot: Slot) =>
      slot.wordList.some((word) => present.has(word)) ||
      ((slot.prefixes.length > 0 || slot.number) && tokens.some((token) => slotAccepts(slot, token)));
    for (const token of tokens)
      for (const pattern of this.startedBy(token)) {
        if (checked.has(pattern)) continue;
        checked.add(pattern);
        if (pattern.rest.every(accepts)) found.add(pattern);
      }
    return found;
  }

  private patternsStartedBy(token: string): CompiledPattern[] {
    const prefixed = this.prefixLengths.flatMap((length) =>
      length <= token.length ? (this.byPrefix.get(token.slice(0, length)) ?? []) : [],
    );
    return [...(this.byWord.get(token) ?? []), ...prefixed, ...(NUMBER.test(token) ? this.byNumber : [])];
  }
}

/** The words a pattern matched in the normalised text, or null; patterns not among `candidates` (see PatternIndex) cannot match. */
export function matchPattern(
  pattern: CompiledPattern,
  text: string,
  candidates: ReadonlySet<CompiledPattern>,
): string | null {
  if (!candidates.has(pattern)) return null;
  return pattern.regex.exec(text)?.[1] ?? null;
}
