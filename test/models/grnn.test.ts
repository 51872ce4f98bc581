import { describe, expect, it } from 'vitest';
import { fitGrnn, predictGrnn } from '../../src/models/grnn.js';
import { argmaxAccuracy, iris, rmse, sine } from './small-sample-data.js';

describe('GRNN', () => {
  it('hand-computed: two rows, σ = 1', () => {
    // rows (0, 0) and (2, 4): at x = 1 both weights are e^{−1/2}: ŷ = 2; at x = 0 the weights are 1 and
    // e^{−2}: ŷ = 4e^{−2}/(1 + e^{−2}) = 0.4768117
    const m = fitGrnn([0, 2], [0, 4], 2, 1, 1, { sigma: 1 });
    const y = predictGrnn(m, [1, 0], 2);
    expect(y[0]).toBeCloseTo(2, 12);
    expect(y[1]).toBeCloseTo(0.4768117, 6);
  });

  it('its leave-one-out error equals refitting without each row', () => {
    const data = sine(25, 3);
    const m = fitGrnn(data.x, data.y, data.n, 1, 1);
    let se = 0;
    for (let i = 0; i < data.n; i++) {
      const keep = Array.from({ length: data.n }, (_, j) => j).filter((j) => j !== i);
      const sub = fitGrnn(
        keep.map((j) => data.x[j]),
        keep.map((j) => data.y[j]),
        data.n - 1,
        1,
        1,
        { sigma: m.sigma },
      );
      se += (predictGrnn(sub, [data.x[i]], 1)[0] - data.y[i]) ** 2;
    }
    expect(Math.abs(m.looMse - se / data.n)).toBeLessThan(1e-12);
  });

  it('learns a noisy sine from 150 rows: test RMSE against sin(x) below 0.05', () => {
    const train = sine(150, 1);
    const test = sine(200, 2);
    const m = fitGrnn(train.x, train.y, train.n, 1, 1);
    expect(rmse(predictGrnn(m, test.x, test.n), test.truth)).toBeLessThan(0.05);
    // the LOO choice beats bandwidths 5x smaller and 5x larger on new data
    for (const s of [m.sigma / 5, m.sigma * 5]) {
      const other = fitGrnn(train.x, train.y, train.n, 1, 1, { sigma: s });
      expect(rmse(predictGrnn(other, test.x, test.n), test.truth)).toBeGreaterThan(
        rmse(predictGrnn(m, test.x, test.n), test.truth),
      );
    }
  });

  it('classifies iris (one-hot targets): test accuracy ≥ 0.9', () => {
    const { train, test, testLabels } = iris();
    const m = fitGrnn(train.x, train.y, train.n, 4, 3);
    expect(argmaxAccuracy(predictGrnn(m, test.x, test.n), testLabels, 3)).toBeGreaterThanOrEqual(0.9);
  });

  it('rejects too few rows and mismatched shapes', () => {
    expect(() => fitGrnn([1], [1], 1, 1, 1)).toThrow(/at least 2/);
    expect(() => fitGrnn([1, 2, 3], [1, 2], 2, 1, 1)).toThrow(/expected 2 and 2/);
  });
});
