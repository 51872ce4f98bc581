import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng.js';
import { fitElm, predictElm } from '../../src/models/elm.js';
import { argmaxAccuracy, iris, plane, rmse, sine } from './small-sample-data.js';

/** Solve A x = r by Gaussian elimination with partial pivoting (a reference independent of Cholesky). */
function gaussSolve(A: number[][], r: number[]): number[] {
  const n = r.length;
  const M = A.map((row, i) => [...row, r[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(M[i][c]) > Math.abs(M[p][c])) p = i;
    [M[c], M[p]] = [M[p], M[c]];
    for (let i = c + 1; i < n; i++) {
      const f = M[i][c] / M[c][c];
      for (let j = c; j <= n; j++) M[i][j] -= f * M[c][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = M[i][n];
    for (let j = i + 1; j < n; j++) s -= M[i][j] * x[j];
    x[i] = s / M[i][i];
  }
  return x;
}

describe('ELM', () => {
  it('fits a noiseless plane almost exactly (test RMSE < 0.02)', () => {
    const train = plane(100, 1);
    const test = plane(100, 2);
    const m = fitElm(train.x, train.y, train.n, 2, 1, new Rng(3), { hidden: 40 });
    expect(rmse(predictElm(m, test.x, test.n), test.y)).toBeLessThan(0.02);
  });

  it('learns a noisy sine: test RMSE against sin(x) below 0.05', () => {
    const train = sine(150, 1);
    const test = sine(200, 2);
    const m = fitElm(train.x, train.y, train.n, 1, 1, new Rng(4), { hidden: 30 });
    expect(rmse(predictElm(m, test.x, test.n), test.truth)).toBeLessThan(0.05);
  });

  it('its closed-form leave-one-out error (PRESS) equals refitting without each row', () => {
    const data = sine(20, 5, 0.2);
    const m = fitElm(data.x, data.y, data.n, 1, 1, new Rng(6), { hidden: 6, lambda: 1e-3 });
    const P = m.L + 1;
    const h = (x: number): number[] => [
      ...Array.from({ length: m.L }, (_, j) => 1 / (1 + Math.exp(-(m.b[j] + x * m.W[j])))),
      1,
    ];
    let se = 0;
    for (let i = 0; i < data.n; i++) {
      const A = Array.from({ length: P }, (_, a) =>
        Array.from({ length: P }, (_, c) => (a === c && a < P - 1 ? m.penalty : 0)),
      );
      const r = new Array<number>(P).fill(0);
      for (let j = 0; j < data.n; j++) {
        if (j === i) continue;
        const hj = h(data.x[j]);
        for (let a = 0; a < P; a++) {
          r[a] += hj[a] * data.y[j];
          for (let c = 0; c < P; c++) A[a][c] += hj[a] * hj[c];
        }
      }
      const beta = gaussSolve(A, r);
      const pred = h(data.x[i]).reduce((s, v, a) => s + v * beta[a], 0);
      se += (data.y[i] - pred) ** 2;
    }
    expect(Math.abs(m.looMse - se / data.n) / m.looMse).toBeLessThan(1e-6);
  });

  it('classifies iris (one-hot targets): test accuracy ≥ 0.9', () => {
    const { train, test, testLabels } = iris();
    const m = fitElm(train.x, train.y, train.n, 4, 3, new Rng(7), { hidden: 50 });
    expect(argmaxAccuracy(predictElm(m, test.x, test.n), testLabels, 3)).toBeGreaterThanOrEqual(0.9);
  });

  it('is deterministic by seed, and another seed draws another hidden layer', () => {
    const d = sine(30, 8);
    const a = predictElm(fitElm(d.x, d.y, d.n, 1, 1, new Rng(1)), d.x, d.n);
    const b = predictElm(fitElm(d.x, d.y, d.n, 1, 1, new Rng(1)), d.x, d.n);
    const c = fitElm(d.x, d.y, d.n, 1, 1, new Rng(2));
    expect(b).toEqual(a);
    expect(c.W).not.toEqual(fitElm(d.x, d.y, d.n, 1, 1, new Rng(1)).W);
  });

  it('rejects too few rows and a bad hidden size', () => {
    expect(() => fitElm([1], [1], 1, 1, 1, new Rng(0))).toThrow(/at least 2/);
    expect(() => fitElm([1, 2], [1, 2], 2, 1, 1, new Rng(0), { hidden: 0 })).toThrow(/hidden 0/);
  });
});
