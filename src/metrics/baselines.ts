// The simple baselines every network is compared with on the same test rows:
// classification: the majority class of the training rows; regression: the training mean.

import { type ClassMetrics, classificationMetrics } from './classification.js';
import { type RegMetrics, regressionMetrics } from './regression.js';

export function majorityBaseline(trainY: ArrayLike<number>, testY: ArrayLike<number>, labels: string[]): ClassMetrics {
  return classificationMetrics(testY, new Int32Array(testY.length).fill(majorityClass(trainY, labels.length)), labels);
}

/** The most frequent class index of `y` (ties: the lowest index). */
export function majorityClass(y: ArrayLike<number>, K: number): number {
  const counts = new Array<number>(K).fill(0);
  for (let i = 0; i < y.length; i++) counts[y[i]]++;
  let major = 0;
  for (let k = 1; k < K; k++) if (counts[k] > counts[major]) major = k;
  return major;
}

export function meanBaseline(trainY: ArrayLike<number>, testY: ArrayLike<number>): RegMetrics {
  let m = 0;
  for (let i = 0; i < trainY.length; i++) m += trainY[i];
  m /= trainY.length;
  return regressionMetrics(testY, new Float64Array(testY.length).fill(m));
}
