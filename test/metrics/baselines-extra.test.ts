import { describe, expect, it } from 'vitest';
import { forecastBaselines } from '../../src/metrics/forecast.js';
import {
  fitGm11,
  fitHolt,
  gm11Fitted,
  gm11Forecast,
  holtFilter,
  holtForecast,
} from '../../src/metrics/forecast-models.js';
import type { RegMetrics } from '../../src/metrics/regression.js';
import {
  choleskySolve,
  classificationBaselines,
  fitOls,
  fitSoftmaxRegression,
  knnClassify,
  knnRegress,
  knnSkipped,
  predictSoftmax,
  regressionBaselines,
} from '../../src/metrics/tabular-baselines.js';

describe('OLS by the normal equations (closed form)', () => {
  it('recovers y = 1 + 2·x1 − 3·x2 exactly from 4 points', () => {
    const x = [0, 0, 1, 0, 0, 1, 2, 3];
    const y = [1, 3, -2, -4]; // 1 + 2·x1 − 3·x2
    const m = fitOls({ x, y, n: 4 }, 2);
    expect(m.intercept).toBeCloseTo(1, 6);
    expect(m.coef[0]).toBeCloseTo(2, 6);
    expect(m.coef[1]).toBeCloseTo(-3, 6);
  });
  it('x = 0,1,2; y = 1,3,2: slope Sxy/Sxx = 1/2 = 0.5, intercept 2 − 0.5·1 = 1.5', () => {
    const m = fitOls({ x: [0, 1, 2], y: [1, 3, 2], n: 3 }, 1);
    expect(m.coef[0]).toBeCloseTo(0.5, 7);
    expect(m.intercept).toBeCloseTo(1.5, 7);
  });
  it('Cholesky solves [[4,2],[2,3]]·x = [2,1]: x = (0.5, 0)', () => {
    const s = choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2);
    expect(s[0]).toBeCloseTo(0.5, 12);
    expect(s[1]).toBeCloseTo(0, 12);
  });
});

describe('softmax regression', () => {
  const x = [-2, -1.5, -1, 1, 1.5, 2, 0.2, -0.3];
  const y = [0, 0, 0, 1, 1, 1, 1, 0];
  it('reaches the optimum: the regularised gradient is ~0, and it separates the classes', () => {
    const lambda = 0.1;
    const m = fitSoftmaxRegression({ x, y, n: 8 }, 1, 2, lambda, 5000);
    const p = predictSoftmax(m, x, 8);
    let gw0 = lambda * m.w[0];
    let gb0 = 0;
    for (let i = 0; i < 8; i++) {
      const r = p[i * 2] - (y[i] === 0 ? 1 : 0);
      gw0 += (r * x[i]) / 8;
      gb0 += r / 8;
    }
    expect(Math.abs(gw0)).toBeLessThan(1e-6);
    expect(Math.abs(gb0)).toBeLessThan(1e-6);
    for (let i = 0; i < 8; i++) expect(p[i * 2 + y[i]]).toBeGreaterThan(0.5);
  });
});

describe('k-NN', () => {
  const x = [0, 1, 2, 10, 11, 12];
  it('classifies by the majority of the 3 nearest', () => {
    expect(Array.from(knnClassify({ x, y: [0, 0, 0, 1, 1, 1], n: 6 }, { x: [1.4, 10.6], n: 2 }, 1, 2, 3))).toEqual([
      0, 1,
    ]);
  });
  it('regresses by the mean of the 3 nearest: 0.5 -> (y0+y1+y2)/3', () => {
    expect(knnRegress({ x, y: [3, 6, 9, 100, 100, 100], n: 6 }, { x: [0.5], n: 1 }, 1, 3)[0]).toBeCloseTo(6, 12);
  });
});

describe('tabular baselines beside the network', () => {
  it('classification: majority, logistic regression and 5-NN, all with the same metric keys', () => {
    const x = Array.from({ length: 40 }, (_, i) => (i < 20 ? -1 : 1) + 0.1 * Math.sin(i));
    const y = Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1));
    const b = classificationBaselines({ x, y, n: 40 }, { x: [-1, 1], y: [0, 1], n: 2 }, 1, ['a', 'b']);
    expect(Object.keys(b)).toEqual(['majority', 'logistic_regression', 'knn_5']);
    expect(b.logistic_regression).toMatchObject({ accuracy: 1, converged: true });
    expect(b.knn_5).toMatchObject({ accuracy: 1 });
  });
  it('k-NN over its cost budget is a row with the reason, not a missing row', () => {
    // 2,000 × 300 × 1,000 = 6·10⁸ > 5·10⁸ multiply-adds; 1,000 inputs keep it under the softmax budget.
    const n = 2000;
    const d = 1000;
    const x = new Float64Array(n * d);
    const y = Array.from({ length: n }, (_, i) => i % 2);
    for (let i = 0; i < n; i++) x[i * d] = y[i] ? 1 : -1;
    const test = { x: x.subarray(0, 300 * d), y: y.slice(0, 300), n: 300 };
    const b = classificationBaselines({ x, y, n }, test, d, ['a', 'b']);
    expect(b.knn_5).toEqual({ skipped: expect.stringContaining('over the budget'), cost: 6e8, budget: 5e8 });
    expect(b.logistic_regression).toMatchObject({ accuracy: 1 });
    expect(knnSkipped(2000, 250, 1000)).toBeUndefined();
  });
  it('regression: mean, OLS and 5-NN in original units', () => {
    const x = Array.from({ length: 20 }, (_, i) => i / 10);
    const y = x.map((v) => 2 * v + 1);
    const b = regressionBaselines({ x, y, n: 20 }, { x: [0.55], y: [2.1], n: 1 }, 1, (z) => 10 * z);
    expect((b.linear_regression as RegMetrics).rmse).toBeCloseTo(0, 6);
    expect((b.mean as RegMetrics).rmse).toBeCloseTo(8, 6); // train mean 2·0.95 + 1 = 2.9 -> 29; actual 21
  });
});

describe('GM(1,1) on the textbook series', () => {
  const x0 = [2.874, 3.278, 3.337, 3.39, 3.679];
  it('a = −0.03720, b = 3.06536 (least squares worked by hand here)', () => {
    // x1 = cumsum; z(k) = (x1(k) + x1(k−1))/2; solve [Σz² −Σz; −Σz m]·[a b] = [−Σz·x0; Σx0] (B = [−z 1]).
    const x1 = x0.map((_, i) => x0.slice(0, i + 1).reduce((s, v) => s + v, 0));
    const z = [1, 2, 3, 4].map((k) => (x1[k] + x1[k - 1]) / 2);
    const Y = x0.slice(1);
    const Szz = z.reduce((s, v) => s + v * v, 0);
    const Sz = z.reduce((s, v) => s + v, 0);
    const Sy = Y.reduce((s, v) => s + v, 0);
    const Szy = z.reduce((s, v, i) => s + v * Y[i], 0);
    const det = Szz * 4 - Sz * Sz;
    const aHand = (-4 * Szy + Sz * Sy) / det;
    const bHand = (Szz * Sy - Sz * Szy) / det;
    expect(aHand).toBeCloseTo(-0.0372, 4);
    expect(bHand).toBeCloseTo(3.06536, 4);
    const f = fitGm11(x0);
    expect(f.a).toBeCloseTo(aHand, 10);
    expect(f.b).toBeCloseTo(bHand, 10);
  });
  it('fitted values x̂(2) = 3.2320, x̂(5) = 3.6137 and the next value 3.7507', () => {
    const fitted = gm11Fitted(x0);
    expect(fitted[0]).toBe(2.874);
    expect(fitted[1]).toBeCloseTo(3.23204, 4);
    expect(fitted[4]).toBeCloseTo(3.61368, 4);
    expect(gm11Forecast(x0, 1)).toBeCloseTo(3.75066, 4);
  });
});

describe("Holt's linear method", () => {
  // y = 1 3 4 6, α = β = 0.5; l0 = 1, b0 = 2. t=1: l = 3, b = 2. t=2: ŷ = 5 (e = −1), l = 4.5, b = 1.75.
  // t=3: ŷ = 6.25 (e = −0.25), l = 6.125, b = 1.6875. Two steps ahead: 6.125 + 2·1.6875 = 9.5.
  it('matches the hand-worked recursions', () => {
    const s = holtFilter([1, 3, 4, 6], 0.5, 0.5);
    expect(s.level).toBeCloseTo(6.125, 12);
    expect(s.trend).toBeCloseTo(1.6875, 12);
    expect(s.sse).toBeCloseTo(1.0625, 12);
    expect(holtForecast([1, 3, 4, 6], 2, 0.5, 0.5)).toBeCloseTo(9.5, 12);
  });
  it('a straight line is forecast exactly, whatever α, β the grid picks', () => {
    const y = [2, 4, 6, 8, 10, 12];
    const { alpha, beta } = fitHolt(y);
    expect(holtForecast(y, 3, alpha, beta)).toBeCloseTo(18, 9);
  });
  it('joins the forecast baselines with its fitted parameters, GM(1,1) for a positive series', () => {
    const y = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const b = forecastBaselines(y, 6, 1);
    expect(b.holt.multi_step.rmse).toBeCloseTo(0, 9);
    expect(b.holt.alpha).toBeGreaterThan(0);
    expect(b.gm11).toBeDefined();
    expect(forecastBaselines(Float64Array.from([-1, 2, 3, 4, 5, 6, 7, 8]), 6, 1).gm11).toBeUndefined();
  });
});
