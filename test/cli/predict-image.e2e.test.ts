// predict / evaluate with an image model: the saved pipeline and CNN reproduce the run's predictions.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedSplit, runCli, tempDir } from '../helpers/cli.js';

const csv = (text: string): string[][] =>
  text
    .trim()
    .split('\n')
    .map((l) => l.split(','));

describe('predict with an image model', () => {
  it("on the run's test file equals predictions.csv; evaluate gives its accuracy", async () => {
    const dir = tempDir();
    const { train, test } = fixedSplit('digits8x8', dir);
    const run = join(dir, 'run');
    expect(
      (await runCli(['train', train, '--test', test, '--task', 'image', '--epochs', '3', '--out', run, '--quiet']))
        .code,
    ).toBe(0);
    const r = await runCli(['predict', join(run, 'model.nnm.json'), test, '--quiet']);
    expect(r.code).toBe(0);
    const got = csv(r.stdout);
    const want = csv(readFileSync(join(run, 'predictions.csv'), 'utf8'));
    expect(got[0]).toEqual(want[0]);
    expect(got.length).toBe(want.length);
    for (let i = 1; i < want.length; i++) {
      expect(got[i][2]).toBe(want[i][2]);
      for (let k = 3; k < want[i].length; k++)
        expect(Math.abs(Number(got[i][k]) - Number(want[i][k]))).toBeLessThanOrEqual(1e-6);
    }
    const e = await runCli(['evaluate', join(run, 'model.nnm.json'), test, '--json']);
    expect(e.code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(run, 'metrics.json'), 'utf8'));
    expect(JSON.parse(e.stdout).test.accuracy).toBeCloseTo(metrics.test.accuracy, 12);
  });
});
