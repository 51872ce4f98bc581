import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

describe('nnm tune', () => {
  it('iris: a small search finishes, ranks its trials, and the best config reruns with nnm train --config', async () => {
    const dir = tempDir();
    const save = join(dir, 'best.json');
    const r = await runCli([
      'tune',
      SAMPLE('iris.csv'),
      '--trials',
      '3',
      '--cv',
      '2',
      '--epochs',
      '40',
      '--save',
      save,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.task).toBe('classify');
    expect(res.metric).toBe('accuracy');
    expect(res.trials).toHaveLength(3);
    const scores = res.trials.map((t: { score: number }) => t.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(res.best).toEqual(res.trials[0]);
    expect(r.stderr).toContain('trial 1/3: as given (defaults)');
    expect(r.stderr).toContain(`written to ${save}`);
    const best = JSON.parse(readFileSync(save, 'utf8'));
    expect(best.task).toBe('classify');
    const out = join(dir, 'run');
    const t = await runCli([
      'train',
      SAMPLE('iris.csv'),
      '--config',
      save,
      '--out',
      out,
      '--ensemble',
      '1',
      '--quiet',
      '--json',
    ]);
    expect(t.code).toBe(0);
    expect(JSON.parse(t.stdout).test.accuracy).toBeGreaterThan(0.8);
    const used = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    if (best.hidden) expect(used.hidden).toEqual(best.hidden);
    if (best.lr !== undefined) expect(used.lr).toBe(best.lr);
    expect(used.epochs).toBe(40);
  });

  it('prints a leaderboard table without --json and refuses a bad --trials with one line', async () => {
    const save = join(tempDir(), 'b.json');
    const r = await runCli([
      'tune',
      SAMPLE('iris.csv'),
      '--trials',
      '2',
      '--cv',
      '2',
      '--epochs',
      '20',
      '--save',
      save,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toContain(
      '| rank | trial | hidden | lr | dropout | accuracy (mean ± std, 2 folds)',
    );
    expect(existsSync(save)).toBe(true);
    const bad = await runCli(['tune', SAMPLE('iris.csv'), '--trials', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--trials must be a whole number from 1 to 500');
  });

  it('a date, value file with no --task is tuned as a forecast; image, text and cluster are refused with one line', async () => {
    const save = join(tempDir(), 'f.json');
    const r = await runCli([
      'tune',
      SAMPLE('airpassengers.csv'),
      '--trials',
      '1',
      '--epochs',
      '5',
      '--save',
      save,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).task).toBe('forecast');
    const img = await runCli(['tune', SAMPLE('digits8x8.csv'), '--task', 'image', '--save', join(tempDir(), 'i.json')]);
    expect(img.code).toBe(2);
    expect(img.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/digits8x8\.csv: nnm tune searches classify, regress and forecast networks, not image yet/),
    ]);
  });

  it('never sees the test rows: tune folds come from the training part of the split train --config then tests on', async () => {
    const dir = tempDir();
    const save = join(dir, 'tuned.json');
    const t = await runCli([
      'tune',
      SAMPLE('iris.csv'),
      '--trials',
      '2',
      '--cv',
      '2',
      '--epochs',
      '5',
      '--ensemble',
      '1',
      '--seed',
      '5',
      '--save',
      save,
      '--quiet',
    ]);
    expect(t.code).toBe(0);
    const tuned = JSON.parse(readFileSync(save, 'utf8'));
    expect(tuned.tunedOn).toMatchObject({ seed: 5, test: 'split' });
    expect(tuned.tunedOn.test_rows).toHaveLength(30);
    const out = join(dir, 'run');
    const r = await runCli(['train', SAMPLE('iris.csv'), '--config', save, '--out', out, '--epochs', '5']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('chosen by nnm tune without these 30 test rows');
    // The rows train tested on are exactly the rows tune held out.
    const testRows = readFileSync(join(out, 'predictions.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[0]))
      .sort((a, b) => a - b);
    expect(testRows).toEqual(tuned.tunedOn.test_rows);
    // Another seed draws another test part: train says tune saw some of it.
    const other = await runCli([
      'train',
      SAMPLE('iris.csv'),
      '--config',
      save,
      '--seed',
      '6',
      '--out',
      join(dir, 'run6'),
      '--epochs',
      '5',
    ]);
    expect(other.code).toBe(0);
    expect(other.stderr).toMatch(/warning: nnm tune saw \d+ of these 30 test rows/);
  });

  it('forecast: the backtest origins end before the test periods train will score', async () => {
    const dir = tempDir();
    const save = join(dir, 'tuned.json');
    const t = await runCli([
      'tune',
      SAMPLE('airpassengers.csv'),
      '--trials',
      '1',
      '--cv',
      '2',
      '--epochs',
      '3',
      '--ensemble',
      '1',
      '--save',
      save,
      '--quiet',
    ]);
    expect(t.code).toBe(0);
    const tuned = JSON.parse(readFileSync(save, 'utf8'));
    expect(tuned.tunedOn.test).toBe('periods');
    expect(tuned.tunedOn.test_rows).toEqual(Array.from({ length: 24 }, (_, i) => 121 + i));
    const r = await runCli([
      'train',
      SAMPLE('airpassengers.csv'),
      '--config',
      save,
      '--out',
      join(dir, 'run'),
      '--epochs',
      '3',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('without these 24 test periods');
  });
});
