// Forecasting with a trained window network, shared by training (test forecasts) and predict
// (forecasts from new data): windows of the transformed series, one-step forecasts from the true
// history, multi-step forecasts, and simulated intervals (the 2.5% and 97.5% quantiles of PATHS paths).
// Two strategies: recursive (one output, each forecast fed back as input; out-of-fold residuals are
// resampled at every step of a path) and direct (D outputs, the next D periods at once from one
// window; a path adds one whole out-of-fold residual vector, keeping the errors' correlation).
// With covariates the window has F channels (target first, then the covariates, each transformed and
// aligned by forwardChannels): z is (T, F) row-major and a window x is (W, F). Their future values are
// unknown, so a recursive network outputs the next step of all F channels and feeds them all back
// (a path resamples whole F-vectors of residuals); a direct network outputs only the target's D periods.

import { formatTime, stepTime } from '../../data/dates.js';
import { forwardChannels, inverseStep, levelOf, type SeriesTransform } from '../../data/series.js';
import type { Sequential } from '../../engine/model.js';
import { Rng } from '../../engine/rng.js';
import { predictEnsemble } from '../../train/ensemble.js';
import type { Dataset } from '../../train/fit.js';

const PATHS = 400;

export interface SeriesModel {
  members: Sequential[];
  transform: SeriesTransform;
  /** Transforms of the covariate channels 1..F−1 (empty for a univariate model). */
  covariates: SeriesTransform[];
  window: number;
  strategy: 'recursive' | 'direct';
  /** Network outputs: F (the next step of every channel) for recursive, D (the target's next D periods) for direct. */
  outputs: number;
}

/** Windows x = z[i−W..i−1] (shape [W, F]) and targets z[i] (all F channels), for i in [from, to). */
export function windows(z: Float64Array, W: number, from: number, to: number, F = 1): Dataset {
  const n = Math.max(0, to - from);
  const x = new Float32Array(n * W * F);
  const y = new Float32Array(n * F);
  for (let k = 0; k < n; k++) {
    const i = from + k;
    for (let j = 0; j < W * F; j++) x[k * W * F + j] = z[(i - W) * F + j];
    for (let c = 0; c < F; c++) y[k * F + c] = z[i * F + c];
  }
  return { x, y, n };
}

/** Direct-strategy training windows: x = z[i−W..i−1] (shape [W, F]), y = the target's z[i..i+D−1], for i in [from, to). */
export function directWindows(z: Float64Array, W: number, D: number, from: number, to: number, F = 1): Dataset {
  const n = Math.max(0, to - from);
  const x = new Float32Array(n * W * F);
  const y = new Float32Array(n * D);
  for (let k = 0; k < n; k++) {
    const i = from + k;
    for (let j = 0; j < W * F; j++) x[k * W * F + j] = z[(i - W) * F + j];
    for (let d = 0; d < D; d++) y[k * D + d] = z[(i + d) * F];
  }
  return { x, y, n };
}

/** The next H (≤ D) periods from one window, mapped back through the levels step by step. */
export function direct(
  members: Sequential[],
  tf: SeriesTransform,
  W: number,
  u0: number[],
  z0: number[],
  H: number,
  F = 1,
): Float64Array {
  const x = Float32Array.from(z0.slice(-W * F));
  const zp = predictEnsemble(members, x, 1, false);
  const u = [...u0];
  return Float64Array.from({ length: H }, (_, h) => {
    const [yt, ut] = inverseStep(zp[h], u, u.length, tf);
    u.push(ut);
    return yt;
  });
}

/** 95% interval of a direct forecast: each path adds one out-of-fold residual vector (length D). */
export function simulateDirect(
  members: Sequential[],
  tf: SeriesTransform,
  W: number,
  D: number,
  u0: number[],
  z0: number[],
  H: number,
  residuals: number[],
  rng: Rng,
  F = 1,
): { lower: Float64Array; upper: Float64Array } {
  const zp = predictEnsemble(members, Float32Array.from(z0.slice(-W * F)), 1, false);
  const vectors = Math.max(1, Math.floor(residuals.length / D));
  const paths = Array.from({ length: H }, () => new Float64Array(PATHS));
  for (let p = 0; p < PATHS; p++) {
    const r = rng.int(vectors) * D;
    const u = [...u0];
    for (let h = 0; h < H; h++) {
      const [yt, ut] = inverseStep(zp[h] + (residuals[r + h] ?? 0), u, u.length, tf);
      u.push(ut);
      paths[h][p] = yt;
    }
  }
  return {
    lower: Float64Array.from(paths, (a) => quantile(a, 0.025)),
    upper: Float64Array.from(paths, (a) => quantile(a, 0.975)),
  };
}

function quantile(a: Float64Array, f: number): number {
  const s = Float64Array.from(a).sort();
  const pos = f * (s.length - 1);
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

/** Recursive forecast of H steps after the given history (levels u, transformed z: (T, F) flat); all F channels are fed back. */
export function recursive(
  members: Sequential[],
  tf: SeriesTransform,
  W: number,
  u0: number[],
  z0: number[],
  H: number,
  F = 1,
): Float64Array {
  const u = [...u0];
  const z = [...z0];
  const out = new Float64Array(H);
  const x = new Float32Array(W * F);
  for (let h = 0; h < H; h++) {
    for (let j = 0; j < W * F; j++) x[j] = z[z.length - W * F + j];
    const zp = predictEnsemble(members, x, 1, false);
    const t = u.length;
    const [yt, ut] = inverseStep(zp[0], u, t, tf);
    u.push(ut);
    for (let c = 0; c < F; c++) z.push(zp[c]);
    out[h] = yt;
  }
  return out;
}

/** 95% interval from PATHS recursive paths with a resampled residual vector (length F) added at every step. */
export function simulate(
  members: Sequential[],
  tf: SeriesTransform,
  W: number,
  u0: number[],
  z0: number[],
  H: number,
  residuals: number[],
  rng: Rng,
  F = 1,
): { lower: Float64Array; upper: Float64Array } {
  const P = PATHS;
  const WF = W * F;
  const us = Array.from({ length: P }, () => [...u0]);
  const zs = Array.from({ length: P }, () => z0.slice(-WF));
  const paths = Array.from({ length: H }, () => new Float64Array(P));
  const x = new Float32Array(P * WF);
  const res = residuals.length ? residuals : [0];
  const vectors = Math.max(1, Math.floor(res.length / F));
  for (let h = 0; h < H; h++) {
    for (let p = 0; p < P; p++) for (let j = 0; j < WF; j++) x[p * WF + j] = zs[p][zs[p].length - WF + j];
    const zp = predictEnsemble(members, x, P, false);
    for (let p = 0; p < P; p++) {
      const r = rng.int(vectors) * F;
      for (let c = 0; c < F; c++) zs[p].push(zp[p * F + c] + (res[r + c] ?? 0));
      const [yt, ut] = inverseStep(zs[p][zs[p].length - F], us[p], us[p].length, tf);
      us[p].push(ut);
      paths[h][p] = yt;
    }
  }
  return {
    lower: Float64Array.from(paths, (a) => quantile(a, 0.025)),
    upper: Float64Array.from(paths, (a) => quantile(a, 0.975)),
  };
}

/** The model's channels transformed and aligned: z (T − lag, F) row-major, and the target's levels u. */
export function seriesInputs(
  m: SeriesModel,
  y: ArrayLike<number>,
  covariates: readonly ArrayLike<number>[],
): { z: Float64Array; lag: number; u: number[]; F: number } {
  const { z, lag } = forwardChannels([y, ...covariates], [m.transform, ...m.covariates]);
  return { z, lag, u: Array.from(y, (v) => levelOf(v, m.transform)), F: 1 + m.covariates.length };
}

/** One-step forecasts of y[from..] from the true history (of every channel) before each point. */
export function oneStep(
  m: SeriesModel,
  y: ArrayLike<number>,
  covariates: readonly ArrayLike<number>[],
  from: number,
): Float64Array {
  const { z, lag, u, F } = seriesInputs(m, y, covariates);
  const X = windows(z, m.window, from - lag, y.length - lag, F);
  const zp = predictEnsemble(m.members, X.x, X.n, false);
  return Float64Array.from({ length: X.n }, (_, i) => inverseStep(zp[i * m.outputs], u, from + i, m.transform)[0]);
}

/** The H periods after y ends: point forecast, 95% interval and their dates. */
export function forecastAhead(
  m: SeriesModel,
  y: ArrayLike<number>,
  covariates: readonly ArrayLike<number>[],
  H: number,
  residuals: number[],
  seed: number,
  lastTime: number,
  freq: Parameters<typeof stepTime>[1],
  yearOnly: boolean,
): { labels: (string | number)[]; point: Float64Array; lower: Float64Array; upper: Float64Array } {
  const tf = m.transform;
  const { z: zf, u, F } = seriesInputs(m, y, covariates);
  const z = Array.from(zf);
  const rng = new Rng(seed);
  const isDirect = m.strategy === 'direct';
  const point = isDirect ? direct(m.members, tf, m.window, u, z, H, F) : recursive(m.members, tf, m.window, u, z, H, F);
  const band = isDirect
    ? simulateDirect(m.members, tf, m.window, m.outputs, u, z, H, residuals, rng, F)
    : simulate(m.members, tf, m.window, u, z, H, residuals, rng, F);
  const labels = Array.from({ length: H }, (_, h) =>
    freq === 'rows' ? y.length + h + 1 : formatTime(stepTime(lastTime, freq, h + 1), freq, yearOnly),
  );
  return { labels, point, lower: band.lower, upper: band.upper };
}
