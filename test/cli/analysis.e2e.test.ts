import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng.js';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

// Lean settings: one network per run, few epochs (the suite runs on a shared 2-core machine).
const FAST = ['--ensemble', '1', '--epochs', '60', '--quiet', '--json'];

const meanOf = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
const sdOf = (v: number[]): number => Math.sqrt(v.reduce((s, x) => s + (x - meanOf(v)) ** 2, 0) / (v.length - 1));

describe('nnm train --cv / --repeats', () => {
  it('--cv 5 on iris: 5 stratified folds covering every row once, mean ± std recomputed from the rows', async () => {
    const out = join(tempDir(), 'r');
    const r = await runCli(['train', SAMPLE('iris.csv'), '--out', out, '--cv', '5', ...FAST]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.cv.method).toBe('stratified k-fold');
    expect(m.cv.folds).toHaveLength(5);
    expect(m.cv.folds.map((f: { test_rows: number }) => f.test_rows)).toEqual([30, 30, 30, 30, 30]);
    const acc = m.cv.folds.map((f: { test: { accuracy: number } }) => f.test.accuracy);
    expect(m.cv.mean.accuracy).toBeCloseTo(meanOf(acc), 12);
    expect(m.cv.std.accuracy).toBeCloseTo(sdOf(acc), 12);
    expect(m.cv.mean.accuracy).toBeGreaterThan(0.85);
    const lr = m.cv.folds.map(
      (f: { baselines: Record<string, { accuracy: number }> }) => f.baselines.logistic_regression.accuracy,
    );
    expect(m.cv.baselines.logistic_regression.mean.accuracy).toBeCloseTo(meanOf(lr), 12);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain('## Cross-validation');
    expect(report).toContain('| **mean ± std** |');
    expect(report).toContain('## Baselines');
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).cv).toBe(5);
  });

  it('--repeats 5 on diabetes: seeds 42..46, per-seed rows, mean ± std recomputed; OLS and 5-NN beside the network', async () => {
    const out = join(tempDir(), 'r');
    const r = await runCli([
      'train',
      SAMPLE('diabetes.csv'),
      '--out',
      out,
      '--repeats',
      '5',
      '--sensitivity',
      'off',
      ...FAST.map((f) => (f === '60' ? '40' : f)),
    ]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.repeats.seeds).toEqual([42, 43, 44, 45, 46]);
    const rmse = m.repeats.runs.map((x: { test: { rmse: number } }) => x.test.rmse);
    expect(rmse[0]).toBeCloseTo(m.test.rmse, 12); // the first repeat is the main run
    expect(new Set(rmse).size).toBeGreaterThan(1);
    expect(m.repeats.mean.rmse).toBeCloseTo(meanOf(rmse), 12);
    expect(m.repeats.std.rmse).toBeCloseTo(sdOf(rmse), 12);
    expect(Object.keys(m.baselines)).toEqual(['mean', 'linear_regression', 'knn_5']);
    expect(m.baselines.linear_regression.r2).toBeGreaterThan(0.3);
    expect(m.baselines.linear_regression.rmse).toBeLessThan(m.baselines.mean.rmse);
    expect(m.sensitivity).toBeUndefined();
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('## Repeated runs');
  });

  it('--cv 3 on a series is a rolling-origin backtest whose last fold is the main test part', async () => {
    const r = await runCli([
      'train',
      SAMPLE('airpassengers.csv'),
      '--task',
      'forecast',
      '--model',
      'mlp',
      '--out',
      join(tempDir(), 'r'),
      '--cv',
      '3',
      ...FAST,
    ]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.cv.method).toBe('rolling-origin backtest');
    expect(m.cv.folds.map((f: { train_rows: number }) => f.train_rows)).toEqual([72, 96, 120]);
    expect(m.cv.folds[2].test.multi_step_rmse).toBeCloseTo(m.test.multi_step.rmse, 12);
    expect(Object.keys(m.baselines)).toEqual(
      expect.arrayContaining(['naive', 'seasonal_naive', 'drift', 'holt', 'gm11']),
    );
    expect(m.cv.mean.multi_step_rmse).toBeCloseTo(
      meanOf(m.cv.folds.map((f: { test: { multi_step_rmse: number } }) => f.test.multi_step_rmse)),
      12,
    );
  });
});

describe('sensitivity', () => {
  // x1..x4 uniform on [1, 10]; only x3 drives the target.
  const table = (classify: boolean): string => {
    const rng = new Rng(5);
    const rows = ['x1,x2,x3,x4,y'];
    for (let i = 0; i < 240; i++) {
      const x = [0, 0, 0, 0].map(() => 1 + 9 * rng.uniform());
      const y = classify ? (x[2] > 5.5 ? 'hi' : 'lo') : (3 * x[2] + 0.3 * rng.normal()).toFixed(3);
      rows.push([...x.map((v) => v.toFixed(3)), y].join(','));
    }
    return `${rows.join('\n')}\n`;
  };
  it.each([
    ['regression', false],
    ['classification', true],
  ])('%s: permutation importance and MIV both rank the one informative input first', async (_, classify) => {
    const dir = tempDir();
    const file = join(dir, 'synthetic.csv');
    writeFileSync(file, table(classify));
    const r = await runCli(['train', file, '--out', join(dir, 'r'), ...FAST]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout).sensitivity;
    const top = (key: 'rank_permutation' | 'rank_miv'): string =>
      s.features.find((f: Record<string, unknown>) => f[key] === 1).feature;
    expect(top('rank_permutation')).toBe('x3');
    expect(top('rank_miv')).toBe('x3');
    expect(s.features).toHaveLength(4);
    expect(readFileSync(join(dir, 'r', 'report.md'), 'utf8')).toContain('## Input sensitivity');
  });
});
