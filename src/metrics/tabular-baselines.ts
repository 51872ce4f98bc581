// Classical baselines for tabular tasks, fitted on the same (already standardised / one-hot) training
// inputs as the network and scored on the same test rows:
//   softmax (multinomial logistic) regression: min_W mean CE(softmax(XW + b), y) + λ/2·||W||², λ = 1/n
//     (sklearn's default C = 1, intercept not penalised), by L-BFGS (lbfgs.ts) to max|∇| ≤ 1e-5 within a
//     multiply-add budget; the fit reports whether it converged;
//   ordinary least squares: normal equations [X 1]ᵀ[X 1]·β = [X 1]ᵀy with a tiny ridge (1e-9·trace)
//     for stability, solved by Cholesky;
//   k-nearest neighbours (k = 5, Euclidean on the standardised inputs): majority vote (ties -> the
//     class of the nearest tied neighbour) or the mean of the k targets.
// The fits live in softmax-regression.ts, least-squares.ts and knn.ts. X: (n, d) row-major.

import { majorityBaseline, majorityClass, meanBaseline } from './baselines.js';
import { type ClassMetrics, classificationMetrics } from './classification.js';
import { knnClassify, knnRegress } from './knn.js';
import { type RegMetrics, regressionMetrics } from './regression.js';
import { fitOls } from './least-squares.js';
import { type FitReport, fitSoftmaxRegression, predictSoftmax } from './softmax-regression.js';

export * from './least-squares.js';
export * from './softmax-regression.js';
export * from './knn.js';

export interface XY {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  n: number;
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
