/**
 * Multinomial logistic regression over sparse features, trained by AdaGrad with L2
 * regularisation in a fixed, seeded order: the same examples always give the same weights. Small
 * enough to read; no library does this better for a few thousand short messages.
 */

import type { Sparse } from "./features.js";

/** A message as the trainer sees it: its features and its class. */
export type SparseExample = { features: Sparse; label: number };

export type TrainingSettings = {
  epochs: number;
  learningRate: number;
  l2: number;
  /** 0 = every example counts the same; 1 = each class counts as much as any other, however rare. */
  classBalance: number;
  seed: number;
};

export type LinearModelState = { classes: string[]; bias: number[]; weights: number[] };

/** A small deterministic pseudo-random generator (mulberry32), for the shuffles. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** scores = bias + weights · features, over the features present only. */
function addScores(scores: Float64Array, bias: Float64Array, weights: Float64Array, width: number, features: Sparse) {
  scores.set(bias);
  const { indices, values } = features;
  for (let f = 0; f < indices.length; f++) {
    const row = indices[f]! * width;
    const value = values[f]!;
    for (let c = 0; c < width; c++) scores[c]! += value * weights[row + c]!;
  }
}

function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const score of scores) max = Math.max(max, score);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) sum += scores[c] = Math.exp(scores[c]! - max);
  for (let c = 0; c < scores.length; c++) scores[c]! /= sum;
}

export class LinearModel {
  constructor(
    readonly classes: readonly string[],
    /** Row-major: feature index × class. */
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
  ) {}

  static train(
    classes: readonly string[],
    featureCount: number,
    examples: readonly SparseExample[],
    settings: TrainingSettings,
  ): LinearModel {
    const width = classes.length;
    const weights = new Float64Array(featureCount * width);
    const squaredGradients = new Float64Array(featureCount * width);
    const bias = new Float64Array(width);
    const biasSquaredGradients = new Float64Array(width);
    const perClass = new Array<number>(width).fill(0);
    for (const example of examples) perClass[example.label]! += 1;
    const classWeight = perClass.map((count) =>
      count === 0 ? 0 : (examples.length / (width * count)) ** settings.classBalance,
    );
    const random = seededRandom(settings.seed);
    const scores = new Float64Array(width);
    const epsilon = 1e-8;
    for (let epoch = 0; epoch < settings.epochs; epoch++) {
      for (const { features, label } of shuffled(examples, random)) {
        addScores(scores, bias, weights, width, features);
        softmaxInPlace(scores);
        const { indices, values } = features;
        const weight = classWeight[label]!;
        for (let c = 0; c < width; c++) {
          const gradient = (scores[c]! - (c === label ? 1 : 0)) * weight;
          biasSquaredGradients[c]! += gradient * gradient;
          bias[c]! -= (settings.learningRate * gradient) / (Math.sqrt(biasSquaredGradients[c]!) + epsilon);
          for (let f = 0; f < indices.length; f++) {
            const at = indices[f]! * width + c;
            const g = gradient * values[f]! + settings.l2 * weights[at]!;
            squaredGradients[at]! += g * g;
            weights[at]! -= (settings.learningRate * g) / (Math.sqrt(squaredGradients[at]!) + epsilon);
          }
        }
      }
    }
    return new LinearModel(classes, weights, bias);
  }

  /** Adds `value` times a feature's weights (one per class) into `target` from `offset` on. */
  addWeights(target: Float64Array, offset: number, feature: number, value: number): void {
    const width = this.classes.length;
    for (let c = 0; c < width; c++) target[offset + c]! += value * this.weights[feature * width + c]!;
  }

  /** The probability of each class for scores already summed (without the bias), in place. */
  probabilitiesOf(scores: Float64Array): Float64Array {
    for (let c = 0; c < scores.length; c++) scores[c]! += this.bias[c]!;
    softmaxInPlace(scores);
    return scores;
  }

  /** Weights rounded to 4 decimals: the file stays small and predictions do not change measurably. */
  toJSON(): LinearModelState {
    const round = (value: number) => Math.round(value * 1e4) / 1e4;
    return { classes: [...this.classes], bias: Array.from(this.bias, round), weights: Array.from(this.weights, round) };
  }

  static fromJSON(state: LinearModelState): LinearModel {
    return new LinearModel(state.classes, Float64Array.from(state.weights), Float64Array.from(state.bias));
  }
}
