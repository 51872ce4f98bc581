import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

const median = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1];

describe('nnm train --task forecast', () => {
  it('airpassengers, no other flags: median over seeds 1..5 of multi-step RMSE <= 45 and one-step RMSE <= 25 on the last 24 months', async () => {
    const one: number[] = [];
    const multi: number[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      const r = await runCli([
        'train',
        SAMPLE('airpassengers.csv'),
        '--task',
        'forecast',
        '--seed',
        String(seed),
        '--out',
        join(tempDir(), 'r'),
        '--json',
        '--quiet',
      ]);
      expect(r.code).toBe(0);
      const m = JSON.parse(r.stdout);
      expect(m.model).toBe('lstm');
      expect(m.data.test_rows).toBe(24);
      one.push(m.test.one_step.rmse);
      multi.push(m.test.multi_step.rmse);
      expect(m.baselines.seasonal_naive.multi_step.rmse).toBeCloseTo(77.0, 0); // the shared reference
    }
    expect(median(multi)).toBeLessThanOrEqual(45);
    expect(median(one)).toBeLessThanOrEqual(25);
  });

  it('--horizon 12 writes forecast.csv dated 1961-01 .. 1961-12 with intervals; 时间序列 works as a keyword', async () => {
    const out = join(tempDir(), 'r');
    const r = await runCli([
      'train',
      SAMPLE('airpassengers.csv'),
      '--task',
      '时间序列',
      '--horizon',
      '12',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const lines = readFileSync(join(out, 'forecast.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('date,forecast,lower_95,upper_95');
    expect(lines.slice(1).map((l) => l.slice(0, 7))).toEqual(
      Array.from({ length: 12 }, (_, i) => `1961-${String(i + 1).padStart(2, '0')}`),
    );
    for (const l of lines.slice(1)) {
      const [, f, lo, hi] = l.split(',').map(Number);
      expect(lo).toBeLessThan(f);
      expect(f).toBeLessThan(hi);
      expect(f).toBeGreaterThan(350);
      expect(f).toBeLessThan(800);
    }
    const pred = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split('\n');
    expect(pred[0]).toBe('date,actual,predicted,multi_step');
    expect(pred[1].startsWith('1959-01-01,360,')).toBe(true);
  });

  it('sorts a shuffled series and says so; a duplicate date is one clear line', async () => {
    const dir = tempDir();
    const lines = readFileSync(SAMPLE('airpassengers.csv'), 'utf8').trim().split('\n');
    const shuffled = [lines[0], ...lines.slice(1).reverse()];
    writeFileSync(join(dir, 'rev.csv'), `${shuffled.join('\n')}\n`);
    const r = await runCli([
      'train',
      join(dir, 'rev.csv'),
      '--task',
      'forecast',
      '--model',
      'mlp',
      '--epochs',
      '5',
      '--ensemble',
      '1',
      '--out',
      join(dir, 'r1'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the rows were not in time order; sorted them by "date"');
    writeFileSync(join(dir, 'dup.csv'), `${[...lines.slice(0, 30), lines[29]].join('\n')}\n`);
    const d = await runCli(['train', join(dir, 'dup.csv'), '--task', 'forecast', '--out', join(dir, 'r2')]);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/row 31, column "date": the time "1951-05-01" occurs twice \(rows 30 and 31\)/);
  });

  it('a series too short for window + test part is one clear line', async () => {
    const dir = tempDir();
    const lines = readFileSync(SAMPLE('airpassengers.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'short.csv'), `${lines.slice(0, 11).join('\n')}\n`);
    const r = await runCli(['train', join(dir, 'short.csv'), '--task', 'forecast', '--out', join(dir, 'r')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toMatch(
      /the series has 10 points: too few for a window of \d+ plus a \d+-period test part/,
    );
  });

  it('no --task on a "date, value" file: forecast, and said why (with other columns too; repeated dates stay a table)', async () => {
    const dir = tempDir();
    const r = await runCli([
      'train',
      SAMPLE('airpassengers.csv'),
      '--epochs',
      '3',
      '--ensemble',
      '1',
      '--out',
      join(dir, 'r'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'task: forecast, because column "date" holds one date per row and "passengers" is numeric: a time series',
    );
    expect(JSON.parse(readFileSync(join(dir, 'r', 'metrics.json'), 'utf8')).task).toBe('forecast');
    const lines = readFileSync(SAMPLE('airpassengers.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'withx.csv'), lines.map((l, i) => `${l},${i === 0 ? 'x' : i % 7}`).join('\n'));
    const t = await runCli([
      'train',
      join(dir, 'withx.csv'),
      '--target',
      'passengers',
      '--epochs',
      '3',
      '--ensemble',
      '1',
      '--out',
      join(dir, 't'),
    ]);
    expect(t.code).toBe(0);
    expect(t.stderr).toContain('with 1 other numeric column(s) as covariates');
    expect(JSON.parse(readFileSync(join(dir, 't', 'metrics.json'), 'utf8')).task).toBe('forecast');
    // The same dates twice over (two shops): not a time index, so a table.
    const twice = [lines[0] + ',shop', ...lines.slice(1).flatMap((l) => [`${l},1`, `${l},2`])];
    writeFileSync(join(dir, 'twice.csv'), twice.join('\n'));
    const u = await runCli([
      'train',
      join(dir, 'twice.csv'),
      '--target',
      'passengers',
      '--epochs',
      '3',
      '--ensemble',
      '1',
      '--out',
      join(dir, 'u'),
    ]);
    expect(u.code).toBe(0);
    expect(u.stderr).toContain('task: regression');
  });

  it('a cell that is not a date is one clear line', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.csv'), 'date,v\n2020-01-01,1\n2020-02-01,2\nsoon,3\n');
    const r = await runCli([
      'train',
      join(dir, 'bad.csv'),
      '--task',
      'forecast',
      '--date',
      'date',
      '--out',
      join(dir, 'r'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('row 4, column "date": "soon" is not a date');
  });
});

describe('--strategy direct', () => {
  it('forecasts the test part and the horizon at once; predict reproduces forecast.csv and refuses a longer horizon', async () => {
    const out = join(tempDir(), 'direct');
    const r = await runCli([
      'train',
      SAMPLE('airpassengers.csv'),
      '--task',
      'forecast',
      '--strategy',
      'direct',
      '--horizon',
      '12',
      '--ensemble',
      '2',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('direct strategy: the network outputs the next 24 periods at once');
    const m = JSON.parse(r.stdout);
    expect(m.test.multi_step.rmse).toBeLessThanOrEqual(45);
    expect(m.test.one_step.rmse).toBeLessThanOrEqual(25);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('Multi-step forecasts are direct');
    const want = readFileSync(join(out, 'forecast.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(want.map((x) => x[0].slice(0, 7))).toEqual(
      Array.from({ length: 12 }, (_, i) => `1961-${String(i + 1).padStart(2, '0')}`),
    );
    const p = await runCli(['predict', join(out, 'model.nnm.json'), '--horizon', '12', '--quiet']);
    expect(p.code).toBe(0);
    const future = p.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .filter((x) => x[1] === '');
    future.forEach((x, i) => expect(Number(x[2])).toBeCloseTo(Number(want[i][1]), 3));
    const long = await runCli(['predict', join(out, 'model.nnm.json'), '--horizon', '30']);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('is a direct-strategy model that forecasts at most 24 periods, not 30');
  });
});
