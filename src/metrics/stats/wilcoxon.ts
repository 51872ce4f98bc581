// Wilcoxon signed-rank test for paired samples (two-sided), as R wilcox.test(x, y, paired = TRUE):
//   d_i = x_i − y_i, zeros dropped (n = the rest), r_i = rank of |d_i| (ties get mid-ranks),
//   V = Σ_{d_i > 0} r_i.
//   Exact when n < 50 and there are no ties and no zeros: p = min(1, 2 P(V ≤ v)) on the side of v,
//   from the null distribution of V (counts of subsets of {1..n} with each sum).
//   Otherwise normal: z = (V − n(n+1)/4 − ½ sign(·)) / σ, σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over tie
//   groups of size t (continuity and tie corrections), p = 2 min(Φ(z), 1 − Φ(z)).
// reference: Wilcoxon (1945), Biometrics Bulletin 1(6):80–83; Hollander & Wolfe, Nonparametric
// Statistical Methods (1973); R stats::wilcox.test source.

import { normalCdf } from './distributions.js';

export interface WilcoxonResult {
  statistic: number;
  pValue: number;
  /** Non-zero differences used. */
  n: number;
  exact: boolean;
}

/** Mid-ranks (1-based) of v; also the sizes of the tie groups. */
export function midRanks(v: ArrayLike<number>): { ranks: Float64Array; ties: number[] } {
  const n = v.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a] - v[b]);
  const ranks = new Float64Array(n);
  const ties: number[] = [];
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && v[order[j + 1]] === v[order[i]]) j++;
    const r = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    ties.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, ties };
}

/** P(V ≤ v) under H0 for n untied non-zero differences (R psignrank). */
export function signRankCdf(v: number, n: number): number {
  const max = (n * (n + 1)) / 2;
  if (v < 0) return 0;
  if (v >= max) return 1;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) {
    for (let s = (k * (k + 1)) / 2; s >= k; s--) counts[s] += counts[s - k];
  }
  let below = 0;
  for (let s = 0; s <= Math.floor(v); s++) below += counts[s];
  return below / 2 ** n;
}

export function wilcoxonSignedRank(x: ArrayLike<number>, y: ArrayLike<number>): WilcoxonResult {
  if (x.length !== y.length) throw new RangeError(`wilcoxonSignedRank: ${x.length} values against ${y.length}`);
  const all = Array.from({ length: x.length }, (_, i) => x[i] - y[i]);
  const d = all.filter((v) => v !== 0);
  const n = d.length;
  if (n === 0) return { statistic: 0, pValue: 1, n: 0, exact: false };
  const { ranks, ties } = midRanks(d.map(Math.abs));
  let V = 0;
  for (let i = 0; i < n; i++) if (d[i] > 0) V += ranks[i];
  const hasTies = ties.some((t) => t > 1);
  if (n < 50 && !hasTies && d.length === all.length) {
    const p = V > (n * (n + 1)) / 4 ? 1 - signRankCdf(V - 1, n) : signRankCdf(V, n);
    return { statistic: V, pValue: Math.min(1, 2 * p), n, exact: true };
  }
  let z = V - (n * (n + 1)) / 4;
  const tieSum = ties.reduce((s, t) => s + t ** 3 - t, 0);
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSum / 48);
  z = (z - Math.sign(z) * 0.5) / sigma;
  return { statistic: V, pValue: 2 * Math.min(normalCdf(z), normalCdf(-z)), n, exact: false };
}
