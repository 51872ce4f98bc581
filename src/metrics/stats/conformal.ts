// Split-conformal prediction intervals for regression. On a calibration set (not used for fitting)
// with absolute residuals R_i = |y_i − ŷ_i|, i = 1..n:
//   k = ⌈(n + 1)(1 − α)⌉,  q = R_(k) (the k-th smallest; the empirical quantile at level k/n),
//   interval for a new x: [ŷ(x) − q, ŷ(x) + q]
// which covers a new exchangeable row with probability ≥ 1 − α (and < 1 − α + 1/(n + 1) without ties).
// When k > n (too few calibration rows for the level) q = +∞.
// reference: Lei, G'Sell, Rinaldo, Tibshirani & Wasserman (2018), JASA 113(523):1094–1111, Algorithm 2;
// Angelopoulos & Bates (2023), "Conformal prediction: a gentle introduction", §1.

export function conformalQuantile(absResiduals: ArrayLike<number>, alpha: number): number {
  const n = absResiduals.length;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`conformalQuantile: alpha ${alpha} must be in (0, 1)`);
  if (n === 0) throw new RangeError('conformalQuantile needs at least 1 calibration residual');
  // NOTE: the small epsilon keeps (n + 1)(1 − α) = an exact integer from rounding up one rank
  // (e.g. n = 19, α = 0.05 gives 19.000000000000004 in doubles).
  const k = Math.ceil((n + 1) * (1 - alpha) - 1e-9);
  if (k > n) return Infinity;
  const sorted = Float64Array.from(absResiduals).sort();
  return sorted[Math.max(k, 1) - 1];
}

export interface ConformalIntervals {
  q: number;
  lower: Float64Array;
  upper: Float64Array;
}

/** Intervals ŷ ± q around `predicted`, with q from the calibration rows' actual and predicted values. */
export function splitConformal(
  calActual: ArrayLike<number>,
  calPredicted: ArrayLike<number>,
  predicted: ArrayLike<number>,
  alpha = 0.05,
): ConformalIntervals {
  if (calActual.length !== calPredicted.length) throw new RangeError('splitConformal: calibration lengths differ');
  const res = Float64Array.from({ length: calActual.length }, (_, i) => Math.abs(calActual[i] - calPredicted[i]));
  const q = conformalQuantile(res, alpha);
  return {
    q,
    lower: Float64Array.from(predicted, (v) => v - q),
    upper: Float64Array.from(predicted, (v) => v + q),
  };
}
