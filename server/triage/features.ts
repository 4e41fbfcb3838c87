/**
 * What the learned model reads in a message: its normalised words, pairs of adjacent words, the
 * 3- to 5-letter pieces of each word (so "bolong2", "bolongnya" and "blong" share evidence with
 * "bolong", and a typo costs one piece, not the word), each code's keyword score (keywords.ts)
 * and the emergency cues found (emergency.ts). Each feature remembers the word it came from, so
 * a decision can name the words that weighed most.
 */
import type { EmergencyCue } from "./emergency.js";
import { keywordScores } from "./keywords.js";
import { memoized } from "./memo.js";
import type { NormalizedText } from "./normalize.js";

export type FeatureBag = {
  /** Feature → weight. */
  values: Map<string, number>;
  /** Feature → the word (or words) it was read from. */
  sources: Map<string, string>;
};

const CHAR_GRAM_SIZES = [3, 4, 5] as const;
/** Letters read as a group weigh less each than a whole word: a word has many pieces. */
const GROUP_SCALE = { word: 1, pair: 0.7, piece: 0.35 } as const;
/** A keyword score of 3 (one decisive row) weighs as much as this; chosen on the training writers. */
const KEYWORD_SCALE = 1;
const CUE_SCALE = 1;
const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * A word's features, computed once per word: citizens reuse a small vocabulary, and the same
 * feature strings (with their hashes) make the model's lookups cheap.
 */
const wordFeatures = memoized((token: string): { word: string; pieces: string[] } => {
  const pieces: string[] = [];
  if (WORDLIKE.test(token)) {
    const padded = `<${token}>`;
    for (const size of CHAR_GRAM_SIZES)
      for (let start = 0; start + size <= padded.length; start++) pieces.push(`c:${padded.slice(start, start + size)}`);
  }
  return { word: `w:${token}`, pieces };
});

export function extractFeatures(normalized: NormalizedText, cues: readonly EmergencyCue[]): FeatureBag {
  const { tokens } = normalized;
  const counts = new Map<string, number>();
  const sources = new Map<string, string>();
  const add = (feature: string, scale: number, source: string) => {
    counts.set(feature, (counts.get(feature) ?? 0) + scale);
    if (!sources.has(feature)) sources.set(feature, source);
  };
  tokens.forEach((token, index) => {
    const { word, pieces } = wordFeatures(token);
    add(word, GROUP_SCALE.word, token);
    if (index > 0) add(`p:${tokens[index - 1]} ${token}`, GROUP_SCALE.pair, `${tokens[index - 1]} ${token}`);
    for (const piece of pieces) add(piece, GROUP_SCALE.piece, token);
  });
  // Repeats count less than linearly, and the vector has length 1: long messages do not shout louder.
  let norm = 0;
  for (const [feature, count] of counts) {
    const value = Math.log1p(count);
    counts.set(feature, value);
    norm += value * value;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [feature, value] of counts) counts.set(feature, value / norm);
  for (const { field, code, score, matched } of keywordScores(normalized)) {
    const feature = `k:${field}.${code}`;
    counts.set(feature, (KEYWORD_SCALE * Math.max(-6, Math.min(6, score))) / 3);
    sources.set(feature, matched.join(", "));
  }
  for (const cue of cues) {
    const feature = cue.status === "active" ? `e:${cue.danger}` : `e:${cue.status}`;
    counts.set(feature, CUE_SCALE);
    sources.set(feature, cue.matched);
  }
  return { values: counts, sources };
}
