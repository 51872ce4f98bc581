// Split-conformal 95% intervals on the sample regression set (diabetes, 442 rows) around an OLS fit:
// over repeated seeded splits (50% fit, 25% calibration, 25% test) the test coverage must land in
// 93–97% (the acceptance band), and no split may fall far outside it.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/engine/rng.js';
import { splitConformal } from '../../../src/metrics/stats/conformal.js';
import { fitOls } from '../../../src/metrics/tabular-baselines.js';

const lines = readFileSync(resolve(__dirname, '../../../sample-data/diabetes.csv'), 'utf8').trim().split('\n').slice(1);
const rows = lines.map((l) => l.split(',').map(Number));
const d = rows[0].length - 1;

function olsPredict(fit: { coef: Float64Array; intercept: number }, idx: number[]): number[] {
  return idx.map((i) => rows[i].slice(0, d).reduce((s, v, j) => s + v * fit.coef[j], fit.intercept));
}

describe('split conformal on diabetes', () => {
  it('covers 93–97% of test rows on average over 30 seeds', () => {
    const coverages: number[] = [];
    for (let seed = 0; seed < 30; seed++) {
      const idx = new Rng(seed).shuffle(Int32Array.from({ length: rows.length }, (_, i) => i));
      const n = rows.length;
      const fitIdx = Array.from(idx.subarray(0, n >> 1));
      const calIdx = Array.from(idx.subarray(n >> 1, (3 * n) >> 2));
      const testIdx = Array.from(idx.subarray((3 * n) >> 2));
      const fit = fitOls(
        { x: fitIdx.flatMap((i) => rows[i].slice(0, d)), y: fitIdx.map((i) => rows[i][d]), n: fitIdx.length },
        d,
      );
      const iv = splitConformal(
        calIdx.map((i) => rows[i][d]),
        olsPredict(fit, calIdx),
        olsPredict(fit, testIdx),
        0.05,
      );
      const covered = testIdx.filter((i, k) => rows[i][d] >= iv.lower[k] && rows[i][d] <= iv.upper[k]).length;
      coverages.push(covered / testIdx.length);
    }
    const mean = coverages.reduce((a, b) => a + b, 0) / coverages.length;
    expect(mean).toBeGreaterThanOrEqual(0.93);
    expect(mean).toBeLessThanOrEqual(0.97);
    expect(Math.min(...coverages)).toBeGreaterThan(0.85);
  });
});
