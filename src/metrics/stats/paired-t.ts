// Paired t-test (two-sided), e.g. on the fold scores of two models over the same folds:
//   d_i = x_i − y_i, t = d̄ / (s_d / √n) with s_d the sample standard deviation (divisor n − 1),
//   p = 2 P(T_{n−1} > |t|).   As R t.test(x, y, paired = TRUE).
// reference: Student (1908), Biometrika 6(1):1–25; R stats::t.test.

import { studentTTwoSided } from './distributions.js';

export interface PairedTResult {
  statistic: number;
  pValue: number;
  df: number;
  meanDiff: number;
}

export function pairedTTest(x: ArrayLike<number>, y: ArrayLike<number>): PairedTResult {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`pairedTTest: ${n} values against ${y.length}`);
  if (n < 2) throw new RangeError('pairedTTest needs at least 2 pairs');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] - y[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - y[i] - mean) ** 2;
  const se = Math.sqrt(ss / (n - 1) / n);
  if (se === 0) {
    // Constant differences: R stops ("data are essentially constant"); here no difference means p = 1.
    return {
      statistic: mean === 0 ? 0 : Math.sign(mean) * Infinity,
      pValue: mean === 0 ? 1 : 0,
      df: n - 1,
      meanDiff: mean,
    };
  }
  const statistic = mean / se;
  return { statistic, pValue: studentTTwoSided(statistic, n - 1), df: n - 1, meanDiff: mean };
}
