// Diebold–Mariano test of equal forecast accuracy with the Harvey–Leybourne–Newbold correction.
//   d_t = |e1_t|^p − |e2_t|^p  (p = 2 squared loss, p = 1 absolute loss), t = 1..n, d̄ its mean
//   γ_k = (1/n) Σ_{t>k} (d_t − d̄)(d_{t−k} − d̄)        autocovariances up to lag h − 1
//   V = (γ_0 + 2 Σ_{k=1}^{h−1} w_k γ_k) / n           w_k = 1 ('acf', the default) or 1 − k/h ('bartlett')
//   DM = d̄ / √V,  DM* = DM · √((n + 1 − 2h + h(h − 1)/n) / n),  p = 2 P(T_{n−1} > |DM*|)
// A negative V with h > 1 falls back to h = 1 (as forecast::dm.test does, which warns). Negative DM*
// means the first forecast has the smaller loss.
// reference: Diebold & Mariano (1995), J. Bus. Econ. Stat. 13(3):253–263; Harvey, Leybourne & Newbold
// (1997), Int. J. Forecasting 13(2):281–291; R forecast::dm.test (Hyndman et al.).

import { autocovariances } from './autocovariance.js';
import { studentTTwoSided } from './distributions.js';

export type DmLoss = 'squared' | 'absolute';

export interface DmOptions {
  /** Forecast horizon h ≥ 1 (default 1). */
  h?: number;
  loss?: DmLoss;
  varEstimator?: 'acf' | 'bartlett';
}

export interface DmResult {
  /** The HLN-corrected statistic DM*. */
  statistic: number;
  pValue: number;
  df: number;
  /** The horizon actually used (1 after a negative-variance fallback). */
  h: number;
  meanLossDiff: number;
}

/** DM test of forecast errors e1 against e2 (same length n ≥ 2), two-sided. */
export function dieboldMariano(e1: ArrayLike<number>, e2: ArrayLike<number>, o: DmOptions = {}): DmResult {
  const n = e1.length;
  if (e2.length !== n) throw new RangeError(`dieboldMariano: ${n} errors against ${e2.length}`);
  if (n < 2) throw new RangeError('dieboldMariano needs at least 2 forecast errors');
  const h = o.h ?? 1;
  if (!Number.isInteger(h) || h < 1 || h >= n)
    throw new RangeError(`dieboldMariano: horizon ${h} must be an integer in [1, n)`);
  const power = (o.loss ?? 'squared') === 'squared' ? 2 : 1;
  const d = Float64Array.from({ length: n }, (_, t) => Math.abs(e1[t]) ** power - Math.abs(e2[t]) ** power);
  let mean = 0;
  for (const v of d) mean += v;
  mean /= n;
  const gamma = autocovariances(d, h - 1);
  let v = gamma[0];
  for (let k = 1; k < h; k++) v += 2 * (o.varEstimator === 'bartlett' ? 1 - k / h : 1) * gamma[k];
  v /= n;
  if (!(v > 0)) {
    if (h > 1) return dieboldMariano(e1, e2, { ...o, h: 1 });
    // Identical losses at every step: no evidence of a difference.
    return {
      statistic: mean === 0 ? 0 : Math.sign(mean) * Infinity,
      pValue: mean === 0 ? 1 : 0,
      df: n - 1,
      h,
      meanLossDiff: mean,
    };
  }
  const k = Math.sqrt((n + 1 - 2 * h + (h / n) * (h - 1)) / n);
  const statistic = (mean / Math.sqrt(v)) * k;
  return { statistic, pValue: studentTTwoSided(statistic, n - 1), df: n - 1, h, meanLossDiff: mean };
}
