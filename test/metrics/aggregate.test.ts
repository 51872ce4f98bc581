import { describe, expect, it } from 'vitest';
import { meanStd, scalarMetrics } from '../../src/metrics/aggregate.js';
import { meanImpactValue, permutationImportance, ranks } from '../../src/metrics/sensitivity.js';
import { Rng } from '../../src/engine/rng.js';

describe('many-run summaries', () => {
  it('mean and sample std (n − 1): 1, 2, 3 -> 2 ± 1', () => {
    const r = meanStd([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(r.mean.a).toBe(2);
    expect(r.std.a).toBeCloseTo(1, 12);
  });
  it('identical values have std exactly 0', () => expect(meanStd([{ a: 0.1 / 3 }, { a: 0.1 / 3 }]).std.a).toBe(0));
  it('flattens nested groups and drops non-scalars', () => {
    expect(scalarMetrics({ one_step: { rmse: 2 }, labels: ['a'], mape: null, r2: 0.5 })).toEqual({
      one_step_rmse: 2,
      r2: 0.5,
    });
  });
});

describe('sensitivity maths on a known function', () => {
  // f(z) = 2·z0 (z standardised, raw x = z·std + mean with mean 10, std 2): only input 0 matters.
  const groups = [
    { name: 'a', start: 0, width: 1, scale: { mean: 10, std: 2 } },
    { name: 'b', start: 1, width: 1, scale: { mean: 10, std: 2 } },
  ];
  const x = Float32Array.from([-1, 0, 0, 1, 1, -1, 0.5, 0.5]); // 4 rows, 2 inputs
  const predict = (z: Float32Array, n: number) => Float64Array.from({ length: n }, (_, i) => 2 * z[i * 2]);
  it('MIV of input 0: f(+10%) − f(−10%) = 2·(0.2·x/std) = 0.2·x; mean raw x = 10 + 2·mean(z) = 10.25 -> 2.05; input 1: 0', () => {
    const miv = meanImpactValue(x, 4, 2, groups, predict, 1);
    expect(miv[0]).toBeCloseTo(2.05, 5);
    expect(miv[1]).toBe(0);
  });
  it('permutation importance of the unused input is exactly 0', () => {
    const score = (out: ArrayLike<number>) => -Array.from(out).reduce((s, v, i) => s + (v - 2 * x[i * 2]) ** 2, 0);
    const p = permutationImportance(x, 4, 2, groups, predict, score, new Rng(1), 3);
    expect(p.base).toBeCloseTo(0, 12);
    expect(p.mean[1]).toBeCloseTo(0, 12);
    expect(p.mean[0]).toBeGreaterThanOrEqual(0);
  });
  it('ranks by decreasing (absolute) value, nulls stay null', () =>
    expect(ranks([0.1, null, -3, 2], true)).toEqual([3, null, 1, 2]));
});
