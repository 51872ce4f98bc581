// The series transformations of a forecast, fitted on the training part and replayed at predict:
//   u_t = log y_t (when positive with a multiplicative season or a wide range)
//   v_t = u_t − u_{t−s} (seasonal difference, when the season is strong)
//   w_t = v_t − v_{t−1} (first difference, when a trend remains and no seasonal difference was taken)
//   z_t = (w_t − mean) / std   (statistics from the training part only)
// Each forecast z is mapped back through the same steps with the (true or forecast) history.

import { pearson } from '../metrics/curves.js';

export interface SeriesTransform {
  log: boolean;
  /** Seasonal difference lag (0 = none). */
  seasonalLag: number;
  diff: 0 | 1;
  mean: number;
  std: number;
}

/** Pick the transformations from the training part, and say why. */
export function chooseTransform(
  train: Float64Array,
  season: number,
): { transform: SeriesTransform; reasons: string[] } {
  const reasons: string[] = [];
  const n = train.length;
  const { log, reason } = chooseLog(train, season);
  if (reason) reasons.push(reason);
  const u = Array.from(train, (v) => (log ? Math.log(v) : v));
  let seasonalLag = 0;
  if (season > 1 && n >= 3 * season) {
    const du = u.slice(1).map((x, i) => x - u[i]);
    const ac = acf(du, season);
    if (ac > 0.3) {
      seasonalLag = season;
      reasons.push(
        `seasonal difference at lag ${season}: strong season (autocorrelation ${ac.toFixed(2)} at lag ${season})`,
      );
    }
  }
  const v = seasonalLag ? u.slice(seasonalLag).map((x, i) => x - u[i]) : u;
  let diff: 0 | 1 = 0;
  if (!seasonalLag && trendR2(v) > 0.6) {
    diff = 1;
    reasons.push(`first difference: a trend (R² ${trendR2(v).toFixed(2)} of a straight line)`);
  }
  const w = diff ? v.slice(1).map((x, i) => x - v[i]) : v;
  const { mean, std } = standardisation(w);
  reasons.push("standardised with the training part's mean and standard deviation");
  return { transform: { log, seasonalLag, diff, mean, std }, reasons };
}

/** Log transform when positive with a seasonal swing growing with the level, or a range over a factor of 5. */
export function chooseLog(train: Float64Array, season: number): { log: boolean; reason?: string } {
  const n = train.length;
  const positive = train.every((v) => v > 0);
  if (positive && season > 1 && n >= 3 * season) {
    const cycles = Math.floor(n / season);
    const means: number[] = [];
    const ranges: number[] = [];
    for (let k = 0; k < cycles; k++) {
      const part = train.subarray(n - (cycles - k) * season, n - (cycles - k - 1) * season);
      means.push(part.reduce((s, x) => s + x, 0) / season);
      ranges.push(maxOf(part) - minOf(part));
    }
    const r = pearson(means, ranges);
    if (r > 0.5 && maxOf(means) / minOf(means) > 1.3)
      return {
        log: true,
        reason: `log transform: the seasonal swing grows with the level (correlation ${r.toFixed(2)})`,
      };
  }
  if (positive && maxOf(train) / minOf(train) >= 5) {
    // NOTE: not Math.max(...train): a long series overflows the stack
    return { log: true, reason: 'log transform: the values span more than a factor of 5' };
  }
  return { log: false };
}

/**
 * A covariate's transform from its training part: its own log choice and standardisation, but the
 * target's differencing, so that a linear link y_t = a·x_{t−1} survives the differencing unchanged.
 */
export function covariateTransform(train: Float64Array, target: SeriesTransform, season: number): SeriesTransform {
  const { log } = chooseLog(train, season);
  const w = forwardTransform(train, { log, seasonalLag: target.seasonalLag, diff: target.diff, mean: 0, std: 1 });
  return { log, seasonalLag: target.seasonalLag, diff: target.diff, ...standardisation(w) };
}

/** Mean and population standard deviation of the transformed training part (std 1 when flat or empty). */
function standardisation(w: ArrayLike<number>): { mean: number; std: number } {
  const n = w.length || 1;
  let mean = 0;
  for (let i = 0; i < w.length; i++) mean += w[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < w.length; i++) ss += (w[i] - mean) ** 2;
  return { mean, std: Math.sqrt(ss / n) || 1 };
}

/**
 * Channels transformed and aligned on the same time steps: row t − L of the result holds z_t of every
 * channel (channel c at column c), where L = the largest lag (differencing drops leading points).
 * z: (T − L, F) row-major.
 */
export function forwardChannels(
  channels: readonly ArrayLike<number>[],
  tfs: readonly SeriesTransform[],
): { z: Float64Array; lag: number } {
  const F = channels.length;
  const T = channels[0].length;
  const lag = Math.max(...tfs.map(transformLag));
  const z = new Float64Array(Math.max(0, T - lag) * F);
  channels.forEach((y, c) => {
    const zc = forwardTransform(y, tfs[c]);
    const skip = lag - transformLag(tfs[c]);
    for (let t = lag; t < T; t++) z[(t - lag) * F + c] = zc[t - lag + skip];
  });
  return { z, lag };
}

/** Points lost at the start by differencing. */
export function transformLag(tf: SeriesTransform): number {
  return tf.seasonalLag + tf.diff;
}

/** z_t for t >= lag (index t − lag in the result). */
export function forwardTransform(y: ArrayLike<number>, tf: SeriesTransform): Float64Array {
  const n = y.length;
  const u = Float64Array.from({ length: n }, (_, i) => (tf.log ? Math.log(y[i]) : y[i]));
  const lag = transformLag(tf);
  const z = new Float64Array(Math.max(0, n - lag));
  for (let t = lag; t < n; t++) z[t - lag] = (wAt(u, t, tf) - tf.mean) / tf.std;
  return z;
}

function vAt(u: ArrayLike<number>, t: number, tf: SeriesTransform): number {
  return tf.seasonalLag ? u[t] - u[t - tf.seasonalLag] : u[t];
}

function wAt(u: ArrayLike<number>, t: number, tf: SeriesTransform): number {
  return tf.diff ? vAt(u, t, tf) - vAt(u, t - 1, tf) : vAt(u, t, tf);
}

/** y_t from a forecast z_t and the levels u_0..u_{t−1} (u = log y when tf.log). Returns [y_t, u_t]. */
export function inverseStep(z: number, u: ArrayLike<number>, t: number, tf: SeriesTransform): [number, number] {
  const w = z * tf.std + tf.mean;
  const v = tf.diff ? w + vAt(u, t - 1, tf) : w;
  const ut = tf.seasonalLag ? v + u[t - tf.seasonalLag] : v;
  const y = tf.log ? Math.exp(Math.min(ut, 700)) : ut;
  return [y, ut];
}

export function levelOf(y: number, tf: SeriesTransform): number {
  return tf.log ? Math.log(y) : y;
}

/** Window length: a full season when there is one, bounded so enough training windows remain. */

/** Sample autocorrelation at one lag. */
export function acf(x: number[], lag: number): number {
  const n = x.length;
  if (lag >= n) return 0;
  const m = x.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    den += (x[i] - m) ** 2;
    if (i >= lag) num += (x[i] - m) * (x[i - lag] - m);
  }
  return den > 0 ? num / den : 0;
}

function trendR2(v: number[]): number {
  const t = v.map((_, i) => i);
  const r = pearson(t, v);
  return r * r;
}

function maxOf(a: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  return m;
}

function minOf(a: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] < m) m = a[i];
  return m;
}
