import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pickCovariates } from '../../src/data/covariates.js';
import { parseTable } from '../../src/data/load.js';
import { inferSchema } from '../../src/data/schema.js';
import {
  covariateTransform,
  forwardChannels,
  forwardTransform,
  loadSeries,
  type SeriesTransform,
} from '../../src/data/series.js';
import { directWindows, windows } from '../../src/tasks/forecast/forecasting.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { laggedCovariateCsv } from '../helpers/series.js';

describe('covariate channels: transforms and alignment', () => {
  const y = Float64Array.from({ length: 12 }, (_, t) => 5 + t * t);
  const x = Float64Array.from({ length: 12 }, (_, t) => 100 + 3 * t + ((t * t) % 7));
  const plain: SeriesTransform = { log: false, seasonalLag: 0, diff: 0, mean: 0, std: 1 };
  const differenced: SeriesTransform = { log: false, seasonalLag: 2, diff: 1, mean: 0, std: 1 };

  it('rows are the same time steps: the channel with the largest lag decides where they start', () => {
    const { z, lag } = forwardChannels([y, x], [plain, differenced]);
    expect(lag).toBe(3);
    expect(z.length).toBe((12 - 3) * 2);
    const zy = forwardTransform(y, plain);
    const zx = forwardTransform(x, differenced);
    for (let t = 3; t < 12; t++) {
      expect(z[(t - 3) * 2]).toBe(zy[t]); // lag 0: z_t at index t
      expect(z[(t - 3) * 2 + 1]).toBe(zx[t - 3]); // lag 3: z_t at index t − 3
      expect(z[(t - 3) * 2 + 1]).toBe(x[t] - x[t - 2] - (x[t - 1] - x[t - 3]));
    }
  });

  it('a univariate matrix is the plain transform', () => {
    expect(Array.from(forwardChannels([y], [differenced]).z)).toEqual(Array.from(forwardTransform(y, differenced)));
  });

  it('windows are (W, F) row-major with all F channels as the recursive target; direct targets the first channel', () => {
    const F = 2;
    const z = Float64Array.from({ length: 10 * F }, (_, k) => Math.floor(k / F) * 10 + (k % F)); // row t: [10t, 10t + 1]
    const w = windows(z, 3, 3, 10, F);
    expect(w.n).toBe(7);
    expect(w.x.length).toBe(7 * 3 * F);
    expect(Array.from(w.x.subarray(0, 6))).toEqual([0, 1, 10, 11, 20, 21]);
    expect(Array.from(w.y.subarray(0, 2))).toEqual([30, 31]);
    const d = directWindows(z, 3, 2, 3, 9, F);
    expect(d.n).toBe(6);
    expect(Array.from(d.x.subarray(6, 12))).toEqual([10, 11, 20, 21, 30, 31]);
    expect(Array.from(d.y.subarray(0, 4))).toEqual([30, 40, 40, 50]);
  });

  it("a covariate keeps the target's differencing and gets its own standardisation", () => {
    const tf = covariateTransform(x.subarray(0, 10), differenced, 1);
    expect(tf).toMatchObject({ log: false, seasonalLag: 2, diff: 1 });
    const z = forwardTransform(x.subarray(0, 10), tf);
    expect(z.reduce((s, v) => s + v, 0) / z.length).toBeCloseTo(0, 9);
    expect(Math.sqrt(z.reduce((s, v) => s + v * v, 0) / z.length)).toBeCloseTo(1, 9);
  });
});

describe('choosing covariates', () => {
  const table = parseTable('t,x,kind,y\n1,3.5,a,10\n2,4.0,b,11\n3,,a,12\n4,5.5,b,13\n5,5.0,a,12\n', 'c.csv');
  const schema = inferSchema(table);

  it('auto: the other numeric columns; text columns and row counters are left out, and said', () => {
    const p = pickCovariates(table, schema, 3, -1, 'auto');
    expect(p.indices).toEqual([1]);
    expect(p.notes.join('\n')).toContain('"kind" (category)');
    expect(p.notes.join('\n')).toContain('left out "t": equally spaced numbers');
  });

  it('a missing covariate cell is interpolated with a note naming the row', () => {
    const s = loadSeries(table, schema, 'y', undefined, 'auto');
    expect(s.covariates.map((c) => c.name)).toEqual(['x']);
    expect(Array.from(s.covariates[0].values)).toEqual([3.5, 4, 4.75, 5.5, 5]);
    expect(s.notes.join('\n')).toContain('covariate "x": 1 missing cell(s) (first: row 4) were interpolated');
  });

  it('a named text column or the target is one clear error', () => {
    expect(() => pickCovariates(table, schema, 3, -1, ['kind'])).toThrow(
      expect.objectContaining({ column: 'kind', message: 'is a category column, not a numeric covariate' }),
    );
    expect(() => pickCovariates(table, schema, 3, -1, ['y'])).toThrow(/is the target, not a covariate/);
    expect(pickCovariates(table, schema, 3, -1, 'none').indices).toEqual([]);
  });
});

describe('a target driven by a lagged covariate', () => {
  it('the covariate model beats the univariate one clearly on one-step RMSE (seed 1)', async () => {
    const dir = tempDir();
    const data = join(dir, 'cov.csv');
    writeFileSync(data, laggedCovariateCsv(200, 7));
    const rmse: Record<string, number> = {};
    for (const cov of ['auto', 'none']) {
      const r = await runCli([
        'train',
        data,
        '--task',
        'forecast',
        '--target',
        'y',
        '--covariates',
        cov,
        '--model',
        'mlp',
        '--epochs',
        '60',
        '--ensemble',
        '1',
        '--test-periods',
        '30',
        '--seed',
        '1',
        '--out',
        join(dir, cov),
        '--json',
      ]);
      expect(r.code).toBe(0);
      const m = JSON.parse(r.stdout);
      rmse[cov] = m.test.one_step.rmse;
      if (cov === 'auto') {
        expect(m.data.covariates).toEqual(['x']);
        expect(r.stderr).toContain('covariates: "x" as extra input channels');
      } else expect(m.data.covariates).toBeUndefined();
    }
    // The shocks have sd ≈ 1.15 after the AR(1), so y's own past leaves ≈ 2 RMSE; x's past leaves the 0.1 noise.
    expect(rmse.none).toBeGreaterThan(1.5);
    expect(rmse.auto).toBeLessThan(0.8);
    expect(rmse.auto).toBeLessThan(0.5 * rmse.none);
  }, 60_000);
});
