// McNemar's test for two classifiers on the same rows (two-sided). Of the discordant rows,
// b = first right and second wrong, c = first wrong and second right.
//   exact (b + c < 25, or on request): p = min(1, 2 P(X ≤ min(b, c))), X ~ Bin(b + c, ½)
//     (R binom.test(b, b + c), statsmodels mcnemar(exact=True))
//   otherwise: χ² = (|b − c| − 1)² / (b + c) with Yates' continuity correction, p = P(χ²_1 > χ²)
//     (R mcnemar.test, correct = TRUE, which also drops the correction when b = c: χ² = 0, p = 1;
//     statsmodels keeps it there and reports χ² = 1/(b + c))
// The b + c < 25 rule follows the usual advice for the exact form (e.g. statsmodels' mcnemar docs).
// reference: McNemar (1947), Psychometrika 12(2):153–157; Edwards (1948), Psychometrika 13:185–187.

import { binomialCdf, chiSquareSf } from './distributions.js';

export interface McNemarResult {
  /** min(b, c) for the exact form, χ² otherwise. */
  statistic: number;
  pValue: number;
  exact: boolean;
  b: number;
  c: number;
}

export const MCNEMAR_EXACT_BELOW = 25;

export function mcnemar(b: number, c: number, exact: boolean = b + c < MCNEMAR_EXACT_BELOW): McNemarResult {
  if (!(Number.isInteger(b) && Number.isInteger(c) && b >= 0 && c >= 0))
    throw new RangeError(`mcnemar: counts ${b}, ${c} must be non-negative integers`);
  const n = b + c;
  if (n === 0) return { statistic: 0, pValue: 1, exact, b, c };
  if (exact) {
    const k = Math.min(b, c);
    return { statistic: k, pValue: Math.min(1, 2 * binomialCdf(k, n, 0.5)), exact, b, c };
  }
  const statistic = b === c ? 0 : (Math.abs(b - c) - 1) ** 2 / n;
  return { statistic, pValue: chiSquareSf(statistic, 1), exact, b, c };
}

/** The discordant counts of two label vectors against the truth. */
export function discordantCounts(
  truth: ArrayLike<number>,
  a: ArrayLike<number>,
  bPred: ArrayLike<number>,
): { b: number; c: number } {
  if (a.length !== truth.length || bPred.length !== truth.length)
    throw new RangeError('discordantCounts: lengths differ');
  let b = 0;
  let c = 0;
  for (let i = 0; i < truth.length; i++) {
    const ra = a[i] === truth[i],
      rb = bPred[i] === truth[i];
    if (ra && !rb) b++;
    else if (!ra && rb) c++;
  }
  return { b, c };
}
