// Classical baselines for tabular tasks, fitted on the same (already standardised / one-hot) training
// inputs as the network and scored on the same test rows:
//   softmax (multinomial logistic) regression: min_W mean CE(softmax(XW + b), y) + λ/2·||W||², λ = 1/n
//     (sklearn's default C = 1, intercept not penalised), by L-BFGS (lbfgs.ts) to max|∇| ≤ 1e-5 within a
//     multiply-add budget; the fit reports whether it converged;
//   ordinary least squares: normal equations [X 1]ᵀ[X 1]·β = [X 1]ᵀy with a tiny ridge (1e-9·trace)
//     for stability, solved by Cholesky;
//   k-nearest neighbours (k = 5, Euclidean on the standardised inputs): majority vote (ties -> the
//     class of the nearest tied neighbour) or the mean of the k targets.
// X: (n, d) row-major.

import { majorityBaseline, majorityClass, meanBaseline } from './baselines.js';
import { type ClassMetrics, classificationMetrics } from './classification.js';
import { minimizeLbfgs } from './lbfgs.js';
import { type RegMetrics, regressionMetrics } from './regression.js';
import { fitOls } from './least-squares.js';

export * from './least-squares.js';

export interface XY {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  n: number;
}

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

/** Indices of the k nearest training rows of each query row (nearest first). */
export function nearestNeighbours(
  train: ArrayLike<number>,
  nTrain: number,
  query: ArrayLike<number>,
  nQuery: number,
  d: number,
  k: number,
): Int32Array {
  const kk = Math.min(k, nTrain);
  const out = new Int32Array(nQuery * kk);
  const bestD = new Float64Array(kk);
  const bestI = new Int32Array(kk);
  for (let q = 0; q < nQuery; q++) {
    bestD.fill(Infinity);
    bestI.fill(-1);
    for (let t = 0; t < nTrain; t++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const e = query[q * d + j] - train[t * d + j];
        s += e * e;
      }
      if (s >= bestD[kk - 1]) continue;
      let pos = kk - 1;
      while (pos > 0 && bestD[pos - 1] > s) {
        bestD[pos] = bestD[pos - 1];
        bestI[pos] = bestI[pos - 1];
        pos--;
      }
      bestD[pos] = s;
      bestI[pos] = t;
    }
    out.set(bestI, q * kk);
  }
  return out;
}

export function knnClassify(
  train: XY,
  test: { x: ArrayLike<number>; n: number },
  d: number,
  K: number,
  k = 5,
): Int32Array {
  const kk = Math.min(k, train.n);
  const nb = nearestNeighbours(train.x, train.n, test.x, test.n, d, kk);
  const pred = new Int32Array(test.n);
  const votes = new Int32Array(K);
  for (let q = 0; q < test.n; q++) {
    votes.fill(0);
    for (let j = 0; j < kk; j++) votes[train.y[nb[q * kk + j]]]++;
    const max = votes.reduce((m, v) => Math.max(m, v), 0); // NOTE: not Math.max(...votes): K may be large
    // NOTE: ties go to the class of the nearest neighbour among the tied classes.
    for (let j = 0; j < kk; j++) {
      const c = train.y[nb[q * kk + j]];
      if (votes[c] === max) {
        pred[q] = c;
        break;
      }
    }
  }
  return pred;
}

export function knnRegress(train: XY, test: { x: ArrayLike<number>; n: number }, d: number, k = 5): Float64Array {
  const kk = Math.min(k, train.n);
  const nb = nearestNeighbours(train.x, train.n, test.x, test.n, d, kk);
  return Float64Array.from({ length: test.n }, (_, q) => {
    let s = 0;
    for (let j = 0; j < kk; j++) s += train.y[nb[q * kk + j]];
    return s / kk;
  });
}

// NOTE: k-NN costs nTrain·nTest·d; above this it is skipped, and its row says so.
const KNN_BUDGET = 5e8;

/** metrics.json `baselines.<name>` for a baseline left out: the reason, and the cost against the budget. */
export interface SkippedBaseline {
  skipped: string;
  cost: number;
  budget: number;
}

export type ClassBaseline = ClassMetrics | (ClassMetrics & FitReport) | SkippedBaseline;
export type RegBaseline = RegMetrics | SkippedBaseline;

export function knnSkipped(nTrain: number, nTest: number, d: number): SkippedBaseline | undefined {
  const cost = nTrain * nTest * d;
  if (cost <= KNN_BUDGET) return undefined;
  return {
    skipped: `its cost (${nTrain} training × ${nTest} test rows × ${d} inputs = ${cost.toPrecision(3)} multiply-adds) is over the budget of ${KNN_BUDGET.toPrecision(1)}`,
    cost,
    budget: KNN_BUDGET,
  };
}

/** Majority class, softmax regression and 5-NN, scored like the network. y holds class indices. */
export function classificationBaselines(
  train: XY,
  test: XY,
  d: number,
  labels: string[],
): Record<string, ClassBaseline> {
  const out: Record<string, ClassBaseline> = Object.fromEntries(
    Object.entries(classificationBaselineRuns(train, test, d, labels)).map(([k, v]) => [k, v.metrics]),
  );
  const skipped = knnSkipped(train.n, test.n, d);
  if (skipped) out.knn_5 = skipped;
  return out;
}

/** The same baselines with their per-row test predictions (class indices), for paired tests; a
 *  baseline skipped by its cost budget is absent here (classificationBaselines gives its reason). */
export function classificationBaselineRuns(
  train: XY,
  test: XY,
  d: number,
  labels: string[],
): Record<string, { metrics: ClassMetrics | (ClassMetrics & FitReport); pred: Int32Array }> {
  const K = labels.length;
  const majority = majorityClass(train.y, K);
  const out: Record<string, { metrics: ClassMetrics | (ClassMetrics & FitReport); pred: Int32Array }> = {
    majority: { metrics: majorityBaseline(train.y, test.y, labels), pred: new Int32Array(test.n).fill(majority) },
  };
  const sm = fitSoftmaxRegression(train, d, K);
  const p = predictSoftmax(sm, test.x, test.n);
  const pred = Int32Array.from({ length: test.n }, (_, i) => {
    let best = 0;
    for (let k = 1; k < K; k++) if (p[i * K + k] > p[i * K + best]) best = k;
    return best;
  });
  out.logistic_regression = { metrics: { ...classificationMetrics(test.y, pred, labels), ...sm.fit }, pred };
  if (!knnSkipped(train.n, test.n, d)) {
    const knn = knnClassify(train, test, d, K);
    out.knn_5 = { metrics: classificationMetrics(test.y, knn, labels), pred: knn };
  }
  return out;
}

/** Training mean, OLS and 5-NN; targets and metrics in original units via `unscale`. */
export function regressionBaselines(
  train: XY,
  test: XY,
  d: number,
  unscale: (z: number) => number,
): Record<string, RegBaseline> {
  const out: Record<string, RegBaseline> = Object.fromEntries(
    Object.entries(regressionBaselineRuns(train, test, d, unscale)).map(([k, v]) => [k, v.metrics]),
  );
  const skipped = knnSkipped(train.n, test.n, d);
  if (skipped) out.knn_5 = skipped;
  return out;
}

/** The same baselines with their per-row test predictions in original units, for paired tests. */
export function regressionBaselineRuns(
  train: XY,
  test: XY,
  d: number,
  unscale: (z: number) => number,
): Record<string, { metrics: RegMetrics; pred: Float64Array }> {
  const yTrue = Float64Array.from(test.y, unscale);
  const trainY = Float64Array.from(train.y, unscale);
  const m = trainY.reduce((s, v) => s + v, 0) / trainY.length;
  const out: Record<string, { metrics: RegMetrics; pred: Float64Array }> = {
    mean: { metrics: meanBaseline(trainY, yTrue), pred: new Float64Array(test.n).fill(m) },
  };
  const ols = fitOls(train, d);
  const pred = Float64Array.from({ length: test.n }, (_, i) => {
    let s = ols.intercept;
    for (let j = 0; j < d; j++) s += ols.coef[j] * test.x[i * d + j];
    return unscale(s);
  });
  out.linear_regression = { metrics: regressionMetrics(yTrue, pred), pred };
  if (!knnSkipped(train.n, test.n, d)) {
    const knn = Float64Array.from(knnRegress(train, test, d), unscale);
    out.knn_5 = { metrics: regressionMetrics(yTrue, knn), pred: knn };
  }
  return out;
}
