// Ljung–Box portmanteau test for autocorrelation in residuals:
//   r_k = Σ_{t>k} (x_t − x̄)(x_{t−k} − x̄) / Σ_t (x_t − x̄)²       (sample autocorrelation)
//   Q = n (n + 2) Σ_{k=1}^{m} r_k² / (n − k),   p = P(χ²_{m − fitdf} > Q)
// fitdf = the number of fitted ARMA parameters (0 for a network's residuals). As R
// Box.test(x, lag = m, type = "Ljung-Box", fitdf).
// reference: Ljung & Box (1978), Biometrika 65(2):297–303.

import { autocovariances } from './autocovariance.js';
import { chiSquareSf } from './distributions.js';

export interface LjungBoxResult {
  statistic: number;
  pValue: number;
  lag: number;
  df: number;
}

/** A common default lag: min(10, ⌊n/5⌋), at least 1 (Hyndman & Athanasopoulos, FPP §5.4). */
export function defaultLjungBoxLag(n: number): number {
  return Math.max(1, Math.min(10, Math.floor(n / 5)));
}

export function ljungBox(x: ArrayLike<number>, lag: number = defaultLjungBoxLag(x.length), fitdf = 0): LjungBoxResult {
  const n = x.length;
  if (!Number.isInteger(lag) || lag < 1 || lag >= n)
    throw new RangeError(`ljungBox: lag ${lag} must be an integer in [1, n)`);
  if (lag - fitdf < 1) throw new RangeError(`ljungBox: lag ${lag} leaves no degrees of freedom after fitdf ${fitdf}`);
  const g = autocovariances(x, lag);
  let q = 0;
  if (g[0] > 0) for (let k = 1; k <= lag; k++) q += (g[k] / g[0]) ** 2 / (n - k);
  q *= n * (n + 2);
  const df = lag - fitdf;
  return { statistic: q, pValue: chiSquareSf(q, df), lag, df };
}
