// The simple baselines every network is compared with on the same test rows:
// classification: the majority class of the training rows; regression: the training mean.

import { type ClassMetrics, classificationMetrics } from './classification.js';
import { type RegMetrics, regressionMetrics } from './regression.js';

export function majorityBaseline(trainY: ArrayLike<number>, testY: ArrayLike<number>, labels: string[]): ClassMetrics {
  const counts = new Array<number>(labels.length).fill(0);
  for (let i = 0; i < trainY.length; i++) counts[trainY[i]]++;
  let major = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[major]) major = k;
  return classificationMetrics(testY, new Int32Array(testY.length).fill(major), labels);
}

export function meanBaseline(trainY: ArrayLike<number>, testY: ArrayLike<number>): RegMetrics {
  let m = 0;
  for (let i = 0; i < trainY.length; i++) m += trainY[i];
  m /= trainY.length;
  return regressionMetrics(testY, new Float64Array(testY.length).fill(m));
}
