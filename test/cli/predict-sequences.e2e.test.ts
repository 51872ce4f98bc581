// predict / evaluate with forecast and text models: the saved model reproduces the run's predictions.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

const csv = (text: string): string[][] =>
  text
    .trim()
    .split('\n')
    .map((l) => l.split(','));

describe('predict with a forecast model', () => {
  const run = join(tempDir(), 'air');
  beforeAll(async () => {
    const r = await runCli([
      'train',
      SAMPLE('airpassengers.csv'),
      '--task',
      'forecast',
      '--ensemble',
      '2',
      '--horizon',
      '12',
      '--out',
      run,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
  });

  it("one-step predictions on the whole series equal the run's predictions.csv on the test months", async () => {
    const r = await runCli(['predict', join(run, 'model.nnm.json'), SAMPLE('airpassengers.csv'), '--quiet']);
    expect(r.code).toBe(0);
    const got = new Map(
      csv(r.stdout)
        .slice(1)
        .map((row) => [row[0], Number(row[2])]),
    );
    const want = csv(readFileSync(join(run, 'predictions.csv'), 'utf8')).slice(1);
    expect(want).toHaveLength(24);
    for (const row of want)
      expect(Math.abs(got.get(row[0])! - Number(row[2]))).toBeLessThanOrEqual(1e-6 * Math.abs(Number(row[2])) + 1e-4);
  });

  it('--horizon without data continues the training series, equal to forecast.csv', async () => {
    const r = await runCli(['predict', join(run, 'model.nnm.json'), '--horizon', '12']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no data given: continuing the training series (144 points)');
    const rows = csv(r.stdout);
    expect(rows[0]).toEqual(['date', 'actual', 'predicted', 'lower_95', 'upper_95']);
    const future = rows.filter((x) => x[1] === '');
    const want = csv(readFileSync(join(run, 'forecast.csv'), 'utf8')).slice(1);
    expect(future.map((x) => x[0])).toEqual(want.map((x) => x[0]));
    future.forEach((x, i) => {
      expect(Number(x[2])).toBeCloseTo(Number(want[i][1]), 3);
      expect(Number(x[3])).toBeCloseTo(Number(want[i][2]), 3);
    });
  });

  it('a zero in new data for a log-transformed series is one line naming the period, not NaN forecasts', async () => {
    const lines = readFileSync(SAMPLE('airpassengers.csv'), 'utf8').trim().split('\n');
    lines[100] = lines[100].replace(/,[^,]*$/, ',0');
    const bad = join(tempDir(), 'zero.csv');
    writeFileSync(bad, `${lines.join('\n')}\n`);
    const r = await runCli(['predict', join(run, 'model.nnm.json'), bad, '--horizon', '3']);
    expect(r.code).toBe(2);
    const err = r.stderr.trim().split('\n');
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/zero\.csv.*has 0 at period 1957-04.*log/);
  });

  it('evaluate gives one-step metrics', async () => {
    const r = await runCli(['evaluate', join(run, 'model.nnm.json'), SAMPLE('airpassengers.csv'), '--json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.test.one_step.rmse).toBeGreaterThan(0);
    expect(m.test.one_step.rmse).toBeLessThan(40);
  });
});

describe('predict with a text model', () => {
  it("reproduces the run's test probabilities", async () => {
    const run = join(tempDir(), 'txt');
    const data = join(__dirname, '../fixtures/reviews-zh.csv');
    expect(
      (await runCli(['train', data, '--task', 'text', '--ensemble', '1', '--epochs', '10', '--out', run, '--quiet']))
        .code,
    ).toBe(0);
    const r = await runCli(['predict', join(run, 'model.nnm.json'), data, '--quiet']);
    expect(r.code).toBe(0);
    const got = new Map(
      csv(r.stdout)
        .slice(1)
        .map((row) => [row[0], row]),
    );
    const want = csv(readFileSync(join(run, 'predictions.csv'), 'utf8'));
    expect(want[0]).toEqual(csv(r.stdout)[0]);
    for (const row of want.slice(1)) {
      const g = got.get(row[0])!;
      expect(g[2]).toBe(row[2]);
      expect(Math.abs(Number(g[3]) - Number(row[3]))).toBeLessThanOrEqual(1.5e-6); // one unit of the printed 6th decimal
    }
  });
});
