// Extreme learning machine (Huang, Zhu & Siew 2006): one hidden layer whose weights are drawn once and
// never trained, and an output layer solved in closed form by ridge least squares.
//   H = [g(X·W + b), 1]        W: (d, L), b: (L) ~ U(−1, 1) from the seeded Rng; g = sigmoid or tanh
//   β = (HᵀH + λ·s·I)⁻¹ HᵀY    Y: (n, K), β: (L + 1, K); s = mean diagonal of HᵀH (λ is scale-free);
//                              the intercept column gets only a 1e-10 ridge
//   ŷ(x) = [g(x·W + b), 1]·β
// λ is chosen by leave-one-out from a log grid (1e-8 … 10): the LOO residual of a ridge fit is exact in
// closed form, e_{−i} = (y_i − ŷ_i) / (1 − h_ii) with h_ii = h_iᵀ (HᵀH + λsI)⁻¹ h_i (the PRESS statistic).
// Inputs should be standardised. With one-hot Y, argmax ŷ is the class (Huang et al. 2012).
// reference: Huang, Zhu & Siew (2006), Neurocomputing 70:489–501; Huang, Zhou, Ding & Zhang (2012), IEEE
// Trans. SMC-B 42(2):513–529 (ridge form); Allen (1974), Technometrics 16(1):125–127 (PRESS).

import type { Rng } from '../engine/rng.js';
import { choleskyFactor, choleskySolveWith, forwardSubstitute } from '../metrics/tabular-baselines.js';

export type ElmActivation = 'sigmoid' | 'tanh';

export interface ElmModel {
  W: Float64Array; // (d, L)
  b: Float64Array; // (L)
  beta: Float64Array; // (L + 1, K)
  d: number;
  L: number;
  K: number;
  activation: ElmActivation;
  lambda: number;
  /** The absolute ridge λ·s added to the hidden units' diagonal. */
  penalty: number;
  /** Leave-one-out mean squared error (per output value) at λ. */
  looMse: number;
}

export interface ElmOptions {
  /** Hidden units L (default min(100, n)). */
  hidden?: number;
  activation?: ElmActivation;
  /** Fixed relative ridge λ instead of the leave-one-out choice. */
  lambda?: number;
}

export const ELM_LAMBDA_GRID = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10];

/** H = [g(x·W + b), 1] as (m, L + 1). */
function hiddenLayer(
  x: ArrayLike<number>,
  m: number,
  W: Float64Array,
  b: Float64Array,
  d: number,
  L: number,
  act: ElmActivation,
): Float64Array {
  const P = L + 1;
  const H = new Float64Array(m * P);
  for (let r = 0; r < m; r++) {
    for (let j = 0; j < L; j++) {
      let z = b[j];
      for (let c = 0; c < d; c++) z += x[r * d + c] * W[c * L + j];
      H[r * P + j] = act === 'tanh' ? Math.tanh(z) : 1 / (1 + Math.exp(-z));
    }
    H[r * P + L] = 1;
  }
  return H;
}

interface RidgeFit {
  beta: Float64Array;
  looMse: number;
  penalty: number;
}

/** One ridge fit at relative λ: β and the leave-one-out MSE. */
function ridgeFit(
  H: Float64Array,
  G: Float64Array,
  HtY: Float64Array,
  y: ArrayLike<number>,
  n: number,
  P: number,
  K: number,
  lambda: number,
): RidgeFit {
  let s = 0;
  for (let a = 0; a < P - 1; a++) s += G[a * P + a];
  s = s / Math.max(1, P - 1) || 1;
  const A = Float64Array.from(G);
  for (let a = 0; a < P - 1; a++) A[a * P + a] += lambda * s;
  A[(P - 1) * P + (P - 1)] += 1e-10 * s;
  const Lc = choleskyFactor(A, P);
  const beta = new Float64Array(P * K);
  const col = new Float64Array(P);
  for (let k = 0; k < K; k++) {
    for (let a = 0; a < P; a++) col[a] = HtY[a * K + k];
    const bk = choleskySolveWith(Lc, col, P);
    for (let a = 0; a < P; a++) beta[a * K + k] = bk[a];
  }
  let se = 0;
  for (let i = 0; i < n; i++) {
    const hi = H.subarray(i * P, (i + 1) * P);
    const z = forwardSubstitute(Lc, hi, P);
    let lev = 0;
    for (let a = 0; a < P; a++) lev += z[a] * z[a];
    const denom = Math.max(1 - lev, 1e-12);
    for (let k = 0; k < K; k++) {
      let pred = 0;
      for (let a = 0; a < P; a++) pred += hi[a] * beta[a * K + k];
      se += ((y[i * K + k] - pred) / denom) ** 2;
    }
  }
  return { beta, looMse: se / (n * K), penalty: lambda * s };
}

/** Fit an ELM on x (n, d) and targets y (n, K), drawing the hidden layer from rng. */
export function fitElm(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  d: number,
  K: number,
  rng: Rng,
  o: ElmOptions = {},
): ElmModel {
  if (n < 2) throw new RangeError(`fitElm needs at least 2 training rows, got ${n}`);
  if (x.length !== n * d || y.length !== n * K)
    throw new RangeError(`fitElm: x has ${x.length} values and y ${y.length}, expected ${n * d} and ${n * K}`);
  const L = o.hidden ?? Math.min(100, n);
  if (!Number.isInteger(L) || L < 1) throw new RangeError(`fitElm: hidden ${L} must be a positive integer`);
  const activation = o.activation ?? 'sigmoid';
  const W = Float64Array.from({ length: d * L }, () => 2 * rng.uniform() - 1);
  const b = Float64Array.from({ length: L }, () => 2 * rng.uniform() - 1);
  const H = hiddenLayer(x, n, W, b, d, L, activation);
  const P = L + 1;
  const G = new Float64Array(P * P);
  const HtY = new Float64Array(P * K);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < P; a++) {
      const ha = H[i * P + a];
      for (let c = 0; c <= a; c++) G[a * P + c] += ha * H[i * P + c];
      for (let k = 0; k < K; k++) HtY[a * K + k] += ha * y[i * K + k];
    }
  }
  for (let a = 0; a < P; a++) for (let c = 0; c < a; c++) G[c * P + a] = G[a * P + c];
  let best: RidgeFit & { lambda: number } = { lambda: NaN, beta: new Float64Array(0), looMse: Infinity, penalty: NaN };
  for (const lambda of o.lambda !== undefined ? [o.lambda] : ELM_LAMBDA_GRID) {
    const fit = ridgeFit(H, G, HtY, y, n, P, K, lambda);
    if (fit.looMse < best.looMse || best.beta.length === 0) best = { lambda, ...fit };
  }
  return {
    W,
    b,
    beta: best.beta,
    d,
    L,
    K,
    activation,
    lambda: best.lambda,
    penalty: best.penalty,
    looMse: best.looMse,
  };
}

/** Predictions (m, K) for query rows q (m, d). */
export function predictElm(model: ElmModel, q: ArrayLike<number>, m: number): Float64Array {
  const { W, b, beta, d, L, K, activation } = model;
  const H = hiddenLayer(q, m, W, b, d, L, activation);
  const P = L + 1;
  const out = new Float64Array(m * K);
  for (let r = 0; r < m; r++) {
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let a = 0; a < P; a++) s += H[r * P + a] * beta[a * K + k];
      out[r * K + k] = s;
    }
  }
  return out;
}
