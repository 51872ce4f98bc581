// The softmax-regression baseline against scikit-learn's converged LogisticRegression on a
// 10-class set (digits 8×8, the fixed split): same objective, so the same minimum and test accuracy.
// Reference: test/fixtures/softmax-digits-reference.json, made by bench/reference/softmax_digits.py.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitSoftmaxRegression, predictSoftmax } from '../../src/metrics/tabular-baselines.js';

const ref = JSON.parse(readFileSync(join(__dirname, '../fixtures/softmax-digits-reference.json'), 'utf8'));

function digits(): {
  train: { x: Float64Array; y: number[]; n: number };
  test: { x: Float64Array; y: number[]; n: number };
  d: number;
} {
  const root = join(__dirname, '../../sample-data');
  const rows = readFileSync(join(root, 'digits8x8.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map(Number));
  const testIdx = new Set(readFileSync(join(root, 'digits8x8.test_idx.txt'), 'utf8').trim().split(/\s+/).map(Number));
  const d = rows[0].length - 1;
  const tr = rows.filter((_, i) => !testIdx.has(i));
  const te = rows.filter((_, i) => testIdx.has(i));
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const r of tr) for (let j = 0; j < d; j++) mean[j] += r[j + 1] / tr.length;
  for (const r of tr) for (let j = 0; j < d; j++) sd[j] += (r[j + 1] - mean[j]) ** 2 / tr.length;
  const scale = (part: number[][]): Float64Array =>
    Float64Array.from(
      part.flatMap((r) => r.slice(1).map((v, j) => (v - mean[j]) / (sd[j] > 0 ? Math.sqrt(sd[j]) : 1))),
    );
  return {
    train: { x: scale(tr), y: tr.map((r) => r[0]), n: tr.length },
    test: { x: scale(te), y: te.map((r) => r[0]), n: te.length },
    d,
  };
}

describe("softmax regression converges to scikit-learn's optimum (10 classes, 1,437 × 64)", () => {
  const { train, test, d } = digits();
  const m = fitSoftmaxRegression(train, d, 10);
  it('same split and λ as the reference', () => {
    expect([train.n, test.n, d]).toEqual([ref.n_train, ref.n_test, ref.inputs]);
    expect(1 / train.n).toBeCloseTo(ref.lambda, 12);
  });
  it(`reaches the minimum loss ${ref.loss.toFixed(6)} (to 1e-6) and says it converged`, () => {
    expect(m.fit.converged).toBe(true);
    expect(m.fit.grad_max).toBeLessThanOrEqual(1e-5);
    expect(Math.abs(m.fit.loss - ref.loss)).toBeLessThan(1e-6);
  });
  it(`test accuracy ${ref.test_accuracy.toFixed(4)} within one test row`, () => {
    const p = predictSoftmax(m, test.x, test.n);
    let correct = 0;
    for (let i = 0; i < test.n; i++) {
      let best = 0;
      for (let k = 1; k < 10; k++) if (p[i * 10 + k] > p[i * 10 + best]) best = k;
      if (best === test.y[i]) correct++;
    }
    expect(Math.abs(correct / test.n - ref.test_accuracy)).toBeLessThanOrEqual(1 / test.n + 1e-12);
  });
  it('a fit cut short (5 iterations) says converged: false', () => {
    const cut = fitSoftmaxRegression(train, d, 10, 1 / train.n, 5);
    expect(cut.fit.converged).toBe(false);
    expect(cut.fit.loss).toBeGreaterThan(ref.loss + 1e-3);
  });
});
