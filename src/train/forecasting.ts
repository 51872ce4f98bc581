// Forecasting with a trained window network, shared by training (test forecasts) and predict
// (forecasts from new data): windows of the transformed series, one-step forecasts from the true
// history, multi-step forecasts, and simulated intervals (the 2.5% and 97.5% quantiles of PATHS paths).
// Two strategies: recursive (one output, each forecast fed back as input; out-of-fold residuals are
// resampled at every step of a path) and direct (D outputs, the next D periods at once from one
// window; a path adds one whole out-of-fold residual vector, keeping the errors' correlation).

import { formatTime, stepTime } from '../data/dates.js';
import { forwardTransform, inverseStep, levelOf, type SeriesTransform, transformLag } from '../data/series.js';
import type { Sequential } from '../engine/model.js';
import { Rng } from '../engine/rng.js';
import { predictEnsemble } from './ensemble.js';
import type { Dataset } from './fit.js';

const PATHS = 400;

export interface SeriesModel {
  members: Sequential[];
  transform: SeriesTransform;
  window: number;
  /** 1 = recursive; D > 1 = direct, the network forecasts the next D periods at once. */
  outputs: number;
}

/** Direct-strategy training windows: x = z[i−W..i−1], y = z[i..i+D−1], for i in [from, to). */
export function directWindows(z: Float64Array, W: number, D: number, from: number, to: number): Dataset {
  const n = Math.max(0, to - from);
  const x = new Float32Array(n * W);
  const y = new Float32Array(n * D);
  for (let k = 0; k < n; k++) {
    const i = from + k;
    for (let j = 0; j < W; j++) x[k * W + j] = z[i - W + j];
    for (let d = 0; d < D; d++) y[k * D + d] = z[i + d];
  }
  return { x, y, n };
}

/** The next H (≤ D) periods from one window, mapped back through the levels step by step. */
export function direct(members: Sequential[], tf: SeriesTransform, W: number, u0: number[], z0: number[], H: number): Float64Array {
  const x = Float32Array.from(z0.slice(-W));
  const zp = predictEnsemble(members, x, 1, false);
  const u = [...u0];
  return Float64Array.from({ length: H }, (_, h) => {
    const [yt, ut] = inverseStep(zp[h], u, u.length, tf);
    u.push(ut);
    return yt;
  });
}

/** 95% interval of a direct forecast: each path adds one out-of-fold residual vector (length D). */
export function simulateDirect(members: Sequential[], tf: SeriesTransform, W: number, D: number, u0: number[], z0: number[], H: number, residuals: number[], rng: Rng): { lower: Float64Array; upper: Float64Array } {
  const zp = predictEnsemble(members, Float32Array.from(z0.slice(-W)), 1, false);
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
  return { lower: Float64Array.from(paths, (a) => quantile(a, 0.025)), upper: Float64Array.from(paths, (a) => quantile(a, 0.975)) };
}

function quantile(a: Float64Array, f: number): number {
  const s = Float64Array.from(a).sort();
  const pos = f * (s.length - 1);
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

/** Windows x = z[i−W..i−1] (shape [W, 1]) and targets z[i], for i in [from, to). */
export function windows(z: Float64Array, W: number, from: number, to: number): Dataset {
  const n = Math.max(0, to - from);
  const x = new Float32Array(n * W);
  const y = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const i = from + k;
    for (let j = 0; j < W; j++) x[k * W + j] = z[i - W + j];
    y[k] = z[i];
  }
  return { x, y, n };
}

/** Recursive forecast of H steps after the given history (levels u, transformed z). */
export function recursive(members: Sequential[], tf: SeriesTransform, W: number, u0: number[], z0: number[], H: number): Float64Array {
  const u = [...u0];
  const z = [...z0];
  const out = new Float64Array(H);
  const x = new Float32Array(W);
  for (let h = 0; h < H; h++) {
    for (let j = 0; j < W; j++) x[j] = z[z.length - W + j];
    const zp = predictEnsemble(members, x, 1, false)[0];
    const t = u.length;
    const [yt, ut] = inverseStep(zp, u, t, tf);
    u.push(ut);
    z.push(zp);
    out[h] = yt;
  }
  return out;
}

/** 95% interval from PATHS recursive paths with resampled residuals added at every step. */
export function simulate(members: Sequential[], tf: SeriesTransform, W: number, u0: number[], z0: number[], H: number, residuals: number[], rng: Rng): { lower: Float64Array; upper: Float64Array } {
  const P = PATHS;
  const us = Array.from({ length: P }, () => [...u0]);
  const zs = Array.from({ length: P }, () => z0.slice(-W));
  const paths = Array.from({ length: H }, () => new Float64Array(P));
  const x = new Float32Array(P * W);
  const res = residuals.length ? residuals : [0];
  for (let h = 0; h < H; h++) {
    for (let p = 0; p < P; p++) for (let j = 0; j < W; j++) x[p * W + j] = zs[p][zs[p].length - W + j];
    const zp = predictEnsemble(members, x, P, false);
    for (let p = 0; p < P; p++) {
      const z = zp[p] + res[rng.int(res.length)];
      const [yt, ut] = inverseStep(z, us[p], us[p].length, tf);
      us[p].push(ut);
      zs[p].push(z);
      paths[h][p] = yt;
    }
  }
  return { lower: Float64Array.from(paths, (a) => quantile(a, 0.025)), upper: Float64Array.from(paths, (a) => quantile(a, 0.975)) };
}

/** One-step forecasts of y[from..] from the true history before each point. */
export function oneStep(m: SeriesModel, y: ArrayLike<number>, from: number): Float64Array {
  const tf = m.transform;
  const lag = transformLag(tf);
  const z = forwardTransform(y, tf);
  const u = Array.from(y, (v) => levelOf(v, tf));
  const X = windows(z, m.window, from - lag, y.length - lag);
  const zp = predictEnsemble(m.members, X.x, X.n, false);
  return Float64Array.from({ length: X.n }, (_, i) => inverseStep(zp[i * m.outputs], u, from + i, tf)[0]);
}

/** The H periods after y ends: point forecast, 95% interval and their dates. */
export function forecastAhead(m: SeriesModel, y: ArrayLike<number>, H: number, residuals: number[], seed: number, lastTime: number, freq: Parameters<typeof stepTime>[1]): { labels: (string | number)[]; point: Float64Array; lower: Float64Array; upper: Float64Array } {
  const tf = m.transform;
  const u = Array.from(y, (v) => levelOf(v, tf));
  const z = Array.from(forwardTransform(y, tf));
  const rng = new Rng(seed);
  const point = m.outputs > 1 ? direct(m.members, tf, m.window, u, z, H) : recursive(m.members, tf, m.window, u, z, H);
  const band = m.outputs > 1 ? simulateDirect(m.members, tf, m.window, m.outputs, u, z, H, residuals, rng) : simulate(m.members, tf, m.window, u, z, H, residuals, rng);
  const labels = Array.from({ length: H }, (_, h) => (freq === 'rows' ? y.length + h + 1 : formatTime(stepTime(lastTime, freq, h + 1), freq)));
  return { labels, point, lower: band.lower, upper: band.upper };
}
