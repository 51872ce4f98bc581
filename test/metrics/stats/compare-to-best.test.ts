import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/engine/rng.js';
import { compareToBest } from '../../../src/metrics/stats/compare-to-best.js';
import { dieboldMariano } from '../../../src/metrics/stats/diebold-mariano.js';
import { holm } from '../../../src/metrics/stats/holm.js';
import { mcnemar } from '../../../src/metrics/stats/mcnemar.js';
import { wilcoxonSignedRank } from '../../../src/metrics/stats/wilcoxon.js';

const rng = new Rng(11);
const noise = (n: number, sd: number): number[] => Array.from({ length: n }, () => sd * rng.normal());

describe('compareToBest', () => {
  const good = noise(60, 1);
  const close = good.map((e) => e + 0.05 * rng.normal());
  const bad = noise(60, 2.5);

  it('forecasts: DM against the least-MSE model, Holm-adjusted', () => {
    const cands = [
      { name: 'bad', values: bad },
      { name: 'good', values: good },
      { name: 'close', values: close },
    ];
    const rows = compareToBest(cands, 'dm-squared');
    const mse = cands.map((c) => c.values.reduce((s, e) => s + e * e, 0) / 60);
    const bi = mse.indexOf(Math.min(...mse));
    expect(rows.map((r) => r.best)).toEqual(cands.map((_, i) => i === bi));
    expect(rows[bi].pValue).toBeNull();
    const others = cands.filter((_, i) => i !== bi);
    const raw = others.map((c) => dieboldMariano(c.values, cands[bi].values).pValue);
    expect(rows.filter((r) => !r.best).map((r) => r.pValue)).toEqual(raw);
    expect(rows.filter((r) => !r.best).map((r) => r.pAdjusted)).toEqual(Array.from(holm(raw)));
    expect(rows[0].distinguishable).toBe(true); // bad
    expect(rows.filter((r) => r.name !== 'bad' && !r.best).every((r) => !r.distinguishable)).toBe(true);
  });

  it('regression: Wilcoxon on absolute errors against the least-MAE model', () => {
    const rows = compareToBest(
      [
        { name: 'good', values: good },
        { name: 'bad', values: bad },
      ],
      'wilcoxon',
    );
    expect(rows[0].best).toBe(true);
    expect(rows[0].criterion).toBeCloseTo(good.reduce((s, e) => s + Math.abs(e), 0) / 60, 12);
    expect(rows[1].pValue).toBe(wilcoxonSignedRank(bad.map(Math.abs), good.map(Math.abs)).pValue);
    expect(rows[1].pAdjusted).toBe(rows[1].pValue); // one comparison: Holm leaves it alone
  });

  it('classification: McNemar on per-row correctness against the most accurate model', () => {
    const a = [1, 1, 1, 1, 1, 1, 1, 1, 0, 1]; // 9 right
    const b = [1, 0, 1, 0, 1, 0, 1, 1, 0, 1]; // 6 right: b = 3 rows only a got, c = 0
    const rows = compareToBest(
      [
        { name: 'b', values: b },
        { name: 'a', values: a },
      ],
      'mcnemar',
    );
    expect(rows.map((r) => r.best)).toEqual([false, true]);
    expect(rows[1].criterion).toBeCloseTo(0.9, 12);
    expect(rows[0].pValue).toBe(mcnemar(3, 0).pValue);
    expect(rows[0].pValue).toBeCloseTo(0.25, 12); // exact: 2·(1/2)³
  });

  it('fold scores: the paired t-test needs to know which way is better', () => {
    const acc1 = [0.91, 0.93, 0.9, 0.94, 0.92];
    const acc2 = [0.85, 0.88, 0.84, 0.9, 0.86];
    expect(() =>
      compareToBest(
        [
          { name: 'x', values: acc1 },
          { name: 'y', values: acc2 },
        ],
        'paired-t',
      ),
    ).toThrow(/higherIsBetter/);
    expect(
      compareToBest(
        [
          { name: 'x', values: acc1 },
          { name: 'y', values: acc2 },
        ],
        'paired-t',
        { higherIsBetter: true },
      )[0].best,
    ).toBe(true);
    expect(
      compareToBest(
        [
          { name: 'x', values: acc1 },
          { name: 'y', values: acc2 },
        ],
        'paired-t',
        { higherIsBetter: false },
      )[1].best,
    ).toBe(true);
  });

  it('rejects candidates of different lengths', () => {
    expect(() =>
      compareToBest(
        [
          { name: 'x', values: [1, 2] },
          { name: 'y', values: [1] },
        ],
        'wilcoxon',
      ),
    ).toThrow(/"y" has 1 values/);
  });
});
