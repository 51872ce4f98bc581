import { describe, expect, it } from 'vitest';
import { majorityBaseline, meanBaseline } from '../../src/metrics/baselines.js';
import { argmaxRows, classificationMetrics } from '../../src/metrics/classification.js';
import { regressionMetrics } from '../../src/metrics/regression.js';

describe('classification metrics (hand-computed)', () => {
  // true: a a a b b c ; pred: a a b b c c
  const yt = [0, 0, 0, 1, 1, 2];
  const yp = [0, 0, 1, 1, 2, 2];
  const m = classificationMetrics(yt, yp, ['a', 'b', 'c']);
  it('accuracy 4/6', () => expect(m.accuracy).toBeCloseTo(4 / 6, 12));
  it('confusion matrix', () =>
    expect(m.confusion_matrix).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]));
  it.each([
    // class a: P = 2/2, R = 2/3, F1 = 0.8; b: P = 1/2, R = 1/2, F1 = 0.5; c: P = 1/2, R = 1, F1 = 2/3
    ['a', 1, 2 / 3, 0.8],
    ['b', 0.5, 0.5, 0.5],
    ['c', 0.5, 1, 2 / 3],
  ])('class %s: precision %d recall %d f1 %d', (label, p, r, f) => {
    const c = m.per_class.find((x) => x.label === label)!;
    expect(c.precision).toBeCloseTo(p, 12);
    expect(c.recall).toBeCloseTo(r, 12);
    expect(c.f1).toBeCloseTo(f, 12);
  });
  it('macro F1 = (0.8 + 0.5 + 2/3) / 3', () => expect(m.macro_f1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12));
  it('a class never predicted has precision 0, not NaN', () => {
    const z = classificationMetrics([0, 1], [0, 0], ['x', 'y']);
    expect(z.per_class[1].precision).toBe(0);
    expect(z.macro_f1).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });
  it('argmax', () =>
    expect(Array.from(argmaxRows(new Float32Array([0.1, 0.7, 0.2, 0.5, 0.1, 0.4]), 2, 3))).toEqual([1, 0]));
});

describe('regression metrics (hand-computed)', () => {
  it.each([
    // y = [1,2,3,4], p = [1,2,3,5]: SE = 1, RMSE = 0.5, MAE = 0.25, MAPE = 100·(1/4)/4 = 6.25, SS_tot = 5, R² = 0.8
    [[1, 2, 3, 4], [1, 2, 3, 5], 0.5, 0.25, 6.25, 0.8],
    // y = [2,4], p = [3,3]: RMSE 1, MAE 1, MAPE (0.5 + 0.25)/2 = 37.5%, SS_tot = 2, R² = 1 - 2/2 = 0
    [[2, 4], [3, 3], 1, 1, 37.5, 0],
  ])('%j vs %j', (y, p, rmse, mae, mape, r2) => {
    const m = regressionMetrics(y, p);
    expect(m.rmse).toBeCloseTo(rmse, 12);
    expect(m.mae).toBeCloseTo(mae, 12);
    expect(m.mape).toBeCloseTo(mape, 10);
    expect(m.r2).toBeCloseTo(r2, 12);
  });
  it('MAPE excludes zero actuals and says how many', () => {
    const m = regressionMetrics([0, 2], [1, 3]);
    expect(m.mape).toBeCloseTo(50, 12);
    expect(m.mape_excluded).toBe(1);
  });
});

describe('baselines', () => {
  it('majority class', () => {
    const m = majorityBaseline([0, 1, 1, 2], [1, 1, 0, 2], ['a', 'b', 'c']);
    expect(m.accuracy).toBe(0.5);
  });
  it('training mean', () => {
    const m = meanBaseline([1, 3], [2, 4]); // predicts 2: errors 0, 2
    expect(m.rmse).toBeCloseTo(Math.sqrt(2), 12);
    expect(m.mae).toBe(1);
  });
});
