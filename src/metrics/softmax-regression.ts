// Softmax (multinomial logistic) regression, the tabular classification baseline:
//   min_W mean CE(softmax(XW + b), y) + λ/2·||W||², λ = 1/n (sklearn's default C = 1, intercept not
//   penalised), by L-BFGS (lbfgs.ts) to max|∇| ≤ 1e-5 within a multiply-add budget. X: (n, d) row-major.

import { minimizeLbfgs } from './lbfgs.js';
import type { XY } from './tabular-baselines.js';

/** Fitted softmax regression: W (d, K) row-major, b (K), and how the fit ended. */
export interface SoftmaxModel {
  w: Float64Array;
  b: Float64Array;
  d: number;
  K: number;
  fit: FitReport;
}

/** metrics.json `baselines.<name>` fields saying whether an iterative fit converged. */
export interface FitReport {
  converged: boolean;
  iterations: number;
  /** The regularised mean training loss at the end. */
  loss: number;
  /** max |gradient| at the end (≤ 1e-5 when converged by the gradient test). */
  grad_max: number;
}

// NOTE: the fit may spend about this many multiply-adds (≈ a few seconds); a larger problem stops
// early and its metrics say converged: false.
const SOFTMAX_BUDGET = 3e9;

export function fitSoftmaxRegression(
  train: XY,
  d: number,
  K: number,
  lambda = 1 / train.n,
  maxIter = 1000,
  budget = SOFTMAX_BUDGET,
): SoftmaxModel {
  const { x, y, n } = train;
  const z = new Float64Array(K);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      loss -= logSoftmaxRow(z, theta, x, i, d, K, y[i]);
      z[y[i]] -= 1; // z now holds p − onehot(y)
      for (let j = 0; j < d; j++) {
        const xij = x[i * d + j] / n;
        if (xij === 0) continue;
        for (let k = 0; k < K; k++) grad[j * K + k] += z[k] * xij;
      }
      for (let k = 0; k < K; k++) grad[d * K + k] += z[k] / n;
    }
    let reg = 0;
    for (let j = 0; j < d * K; j++) {
      reg += theta[j] * theta[j];
      grad[j] += lambda * theta[j];
    }
    return loss / n + 0.5 * lambda * reg;
  };
  const perEval = 2 * n * (d + 1) * K;
  const maxEvals = Math.max(50, Math.floor(budget / Math.max(1, perEval)));
  const r = minimizeLbfgs(objective, new Float64Array((d + 1) * K), { maxIter, maxEvals });
  const fit = { converged: r.converged, iterations: r.iterations, loss: r.f, grad_max: r.gradMax };
  return { w: r.x.slice(0, d * K), b: r.x.slice(d * K), d, K, fit };
}

/** Writes softmax(x_i·W + b) into out and returns log p[label]. */
function logSoftmaxRow(
  out: Float64Array,
  theta: Float64Array,
  x: ArrayLike<number>,
  i: number,
  d: number,
  K: number,
  label: number,
): number {
  for (let k = 0; k < K; k++) out[k] = theta[d * K + k];
  for (let j = 0; j < d; j++) {
    const xij = x[i * d + j];
    if (xij === 0) continue;
    for (let k = 0; k < K; k++) out[k] += xij * theta[j * K + k];
  }
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (out[k] > max) max = out[k];
  const zLabel = out[label] - max;
  let s = 0;
  for (let k = 0; k < K; k++) s += out[k] = Math.exp(out[k] - max);
  for (let k = 0; k < K; k++) out[k] /= s;
  return zLabel - Math.log(s); // NOTE: log-sum-exp form, exact where p[label] underflows
}

function softmaxRow(
  out: Float64Array,
  theta: Float64Array,
  x: ArrayLike<number>,
  i: number,
  d: number,
  K: number,
): void {
  logSoftmaxRow(out, theta, x, i, d, K, 0);
}

/** Class probabilities (n, K) of a fitted softmax regression. */
export function predictSoftmax(m: SoftmaxModel, x: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n * m.K);
  const theta = new Float64Array((m.d + 1) * m.K);
  theta.set(m.w);
  theta.set(m.b, m.d * m.K);
  const p = new Float64Array(m.K);
  for (let i = 0; i < n; i++) {
    softmaxRow(p, theta, x, i, m.d, m.K);
    out.set(p, i * m.K);
  }
  return out;
}
