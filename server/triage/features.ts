/**
 * What the learned model reads in a message: its normalised words (without the corpus's place
 * names, placeNames.ts), pairs of adjacent words, the
 * 3- to 5-letter pieces of each word (so "bolong2", "bolongnya" and "blong" share evidence with
 * "bolong", and a typo costs one piece, not the word), each code's keyword score (keywords.ts)
 * and the emergency cues found (emergency.ts).
 *
 * Two steps: featureNames lists the features of a message (training counts in how many messages
 * each occurs, to choose the vocabulary), and a Vectorizer over that vocabulary reads a message
 * into the weighted parts the model adds up.
 */
import type { EmergencyCue } from "./emergency.js";
import { keywordScores } from "./keywords.js";
import { memoized } from "./memo.js";
import type { NormalizedText } from "./normalize.js";
import { withoutPlaceNames } from "./placeNames.js";

const CHAR_GRAM_SIZES = [3, 4, 5] as const;
/** Letters read as a group weigh less each than a whole word: a word has many pieces. */
const GROUP_SCALE = { word: 1, pair: 0.7, piece: 0.35 } as const;
export const PAIR_SCALE = GROUP_SCALE.pair;
/** A keyword score of 3 (one decisive row) weighs as much as this; chosen on the training writers. */
const KEYWORD_SCALE = 1;
const CUE_SCALE = 1;
const WORDLIKE = /[\p{L}\p{N}]/u;

/** Feature numbers and their values, side by side (what the linear model multiplies). */
export type Sparse = { indices: Int32Array; values: Float64Array };

/** A word's features that are in the vocabulary (its own, then its letter pieces) with their weights. */
export type WordFeatures = Sparse & { squaredLength: number };

/**
 * A message as the model reads it, in parts that add up: each word with its features, each known
 * pair of words, the keyword scores and cues; `norm` divides the words' and pairs' part.
 */
export type MessageParts = {
  words: { token: string; features: WordFeatures }[];
  pairs: { index: number; words: string }[];
  extras: { index: number; value: number }[];
  norm: number;
};

/** A word's own feature names: the word, then its letter pieces. */
const wordFeatureNames = memoized((token: string): string[] => {
  const names = [`w:${token}`];
  if (WORDLIKE.test(token)) {
    const padded = `<${token}>`;
    for (const size of CHAR_GRAM_SIZES)
      for (let start = 0; start + size <= padded.length; start++) names.push(`c:${padded.slice(start, start + size)}`);
  }
  return names;
});
const pairName = (first: string, second: string) => `p:${first} ${second}`;
const keywordName = (field: string, code: string) => `k:${field}.${code}`;
const cueName = (cue: EmergencyCue) => (cue.status === "active" ? `e:${cue.danger}` : `e:${cue.status}`);

/** Every feature a message has, each once: what the vocabulary is chosen from. */
export function featureNames(text: NormalizedText, cues: readonly EmergencyCue[]): Set<string> {
  const normalized = withoutPlaceNames(text);
  const names = new Set<string>();
  normalized.tokens.forEach((token, i) => {
    for (const name of wordFeatureNames(token)) names.add(name);
    if (i > 0) names.add(pairName(normalized.tokens[i - 1]!, token));
  });
  for (const { field, code } of keywordScores(normalized)) names.add(keywordName(field, code));
  for (const cue of cues) names.add(cueName(cue));
  return names;
}

/**
 * Reads messages against a vocabulary. A word counts GROUP_SCALE for itself and each of its
 * pieces; the words and pairs are then divided by the length of the message's vector (each word
 * counted on its own), so long messages do not shout louder; keyword scores and cues count as
 * they are. Each word's features are found once and remembered, so triage does arithmetic on
 * numbers instead of building strings (TriageModel even remembers each word's scores).
 */
export class Vectorizer {
  private readonly index: Map<string, number>;
  /** A word's features in the vocabulary, found once per word. */
  readonly wordFeatures = memoized((token: string): WordFeatures => {
    const indices: number[] = [];
    const values: number[] = [];
    wordFeatureNames(token).forEach((name, i) => {
      const index = this.index.get(name);
      if (index === undefined) return;
      indices.push(index);
      values.push(i === 0 ? GROUP_SCALE.word : GROUP_SCALE.piece);
    });
    return {
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
      squaredLength: values.reduce((sum, value) => sum + value * value, 0),
    };
  });

  constructor(readonly vocabulary: readonly string[]) {
    this.index = new Map(vocabulary.map((name, i) => [name, i]));
  }

  read(text: NormalizedText, cues: readonly EmergencyCue[]): MessageParts {
    const normalized = withoutPlaceNames(text);
    const { tokens } = normalized;
    const words = tokens.map((token) => ({ token, features: this.wordFeatures(token) }));
    const pairs: MessageParts["pairs"] = [];
    for (let i = 1; i < tokens.length; i++) {
      const index = this.index.get(pairName(tokens[i - 1]!, tokens[i]!));
      if (index !== undefined) pairs.push({ index, words: `${tokens[i - 1]} ${tokens[i]}` });
    }
    const squared = words.reduce((sum, word) => sum + word.features.squaredLength, 0) + pairs.length * PAIR_SCALE ** 2;
    const extras: MessageParts["extras"] = [];
    for (const { field, code, score } of keywordScores(normalized)) {
      const index = this.index.get(keywordName(field, code));
      if (index !== undefined) extras.push({ index, value: (KEYWORD_SCALE * Math.max(-6, Math.min(6, score))) / 3 });
    }
    for (const cue of cues) {
      const index = this.index.get(cueName(cue));
      if (index !== undefined && !extras.some((extra) => extra.index === index))
        extras.push({ index, value: CUE_SCALE });
    }
    return { words, pairs, extras, norm: Math.sqrt(squared) || 1 };
  }

  /** The message as one sparse vector, the parts added up: what the trainer learns from. */
  vectorize(normalized: NormalizedText, cues: readonly EmergencyCue[]): Sparse {
    const parts = this.read(normalized, cues);
    const values = new Map<number, number>();
    const add = (index: number, value: number) => values.set(index, (values.get(index) ?? 0) + value);
    for (const { features } of parts.words)
      features.indices.forEach((index, i) => add(index, features.values[i]! / parts.norm));
    for (const { index } of parts.pairs) add(index, PAIR_SCALE / parts.norm);
    for (const { index, value } of parts.extras) add(index, value);
    return { indices: Int32Array.from(values.keys()), values: Float64Array.from(values.values()) };
  }
}
