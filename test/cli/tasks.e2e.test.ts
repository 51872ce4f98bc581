// The task registry end to end: a bare `nnm train` picks what `nnm inspect` suggests; cluster is a
// full task (report.md/html with figures and tables, in English and Chinese; `nnm report` rebuilds it;
// `nnm evaluate` scores it); every path reads .xlsx; predict reproduces a run's random draws (seed).

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';
import { csvToXlsx } from '../helpers/xlsx.js';

function irisNoLabel(dir: string): string {
  const lines = readFileSync(SAMPLE('iris.csv'), 'utf8').trim().split('\n');
  const file = join(dir, 'iris-nolabel.csv');
  writeFileSync(file, `${lines.map((l) => l.split(',').slice(0, 4).join(',')).join('\n')}\n`);
  return file;
}

describe('task registry', () => {
  it('bare nnm train on digits8x8 trains the CNN on "label", as nnm inspect suggests', async () => {
    const dir = tempDir();
    const inspect = await runCli(['inspect', SAMPLE('digits8x8.csv'), '--json']);
    const s = JSON.parse(inspect.stdout).suggestion;
    expect(s).toMatchObject({ task: 'image', model: 'cnn', target: 'label' });
    const r = await runCli(['train', SAMPLE('digits8x8.csv'), '--epochs', '1', '--out', join(dir, 'r'), '--json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.task).toBe('image');
    expect(m.model).toBe('cnn');
    expect(m.data.classes).toBe(10);
    expect(r.stderr).toContain('task: image, because');
  });

  it.each([
    ['iris.csv', 'classify', 'mlp'],
    ['diabetes.csv', 'regress', 'mlp'],
    ['airpassengers.csv', 'forecast', 'lstm'],
  ])('%s: inspect suggests the task and model that a bare train runs', async (file, task, model) => {
    const inspect = JSON.parse((await runCli(['inspect', SAMPLE(file), '--json'])).stdout).suggestion;
    expect(inspect).toMatchObject({ task, model });
    const dir = tempDir();
    const r = await runCli([
      'train',
      SAMPLE(file),
      '--epochs',
      '2',
      '--ensemble',
      '1',
      '--out',
      join(dir, 'r'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ task, model });
  });

  it('cluster: report.md + report.html with figures and tables, zh report, nnm report rebuilds it, evaluate scores new rows', async () => {
    const dir = tempDir();
    const file = irisNoLabel(dir);
    const out = join(dir, 'c');
    const r = await runCli(['train', file, '--task', 'cluster', '--out', out, '--lang', 'zh']);
    expect(r.code).toBe(0);
    for (const f of [
      'report.md',
      'report.html',
      'figures/cluster_sizes.svg',
      'figures/som_umatrix.png',
      'figures/cluster_projection.svg',
      'figures/silhouette_per_cluster.svg',
      'tables/cluster_profiles.tex',
      'tables/metrics.md',
      'tables/k_selection.tex',
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const zh = readFileSync(join(out, 'report.md'), 'utf8');
    expect(zh).toContain('自组织映射');
    expect(zh).toContain('轮廓系数');
    expect(zh).not.toContain('learning rate NaN');
    // Rebuilding in English keeps the cluster report (not the network template).
    const rep = await runCli(['report', out, '--lang', 'en', '--quiet']);
    expect(rep.code).toBe(0);
    const en = readFileSync(join(out, 'report.md'), 'utf8');
    expect(en).toContain('Self-organising map (SOM) clustering');
    expect(en).toContain('| SOM + k-means on units (nnm) |');
    expect(en).not.toMatch(/NaN|\(none\)|accuracy/i);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('data:image/svg+xml');
    // evaluate: silhouette and Davies-Bouldin on new rows; ARI against a reference column.
    const ev = await runCli(['evaluate', join(out, 'model.nnm.json'), file, '--json']);
    expect(ev.code).toBe(0);
    const e = JSON.parse(ev.stdout);
    const trained = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(e.task).toBe('cluster');
    expect(e.test.clusters).toBe(trained.test.clusters);
    expect(e.test.silhouette).toBeCloseTo(trained.test.silhouette, 6);
    expect(e.test.davies_bouldin).toBeCloseTo(trained.test.davies_bouldin, 6);
    const ari = await runCli([
      'evaluate',
      join(out, 'model.nnm.json'),
      SAMPLE('iris.csv'),
      '--target',
      'species',
      '--json',
    ]);
    expect(ari.code).toBe(0);
    expect(JSON.parse(ari.stdout).test.ari).toBeGreaterThan(0.4);
  });

  it('.xlsx reaches every path: train --task cluster and nnm tune', async () => {
    const dir = tempDir();
    const xlsx = join(dir, 'iris.xlsx');
    await csvToXlsx(SAMPLE('iris.csv'), xlsx);
    const c = await runCli([
      'train',
      xlsx,
      '--task',
      'cluster',
      '--features',
      'sepal_length,sepal_width,petal_length,petal_width',
      '--out',
      join(dir, 'c'),
      '--json',
    ]);
    expect(c.stderr).not.toContain('not a text file');
    expect(c.code).toBe(0);
    const t = await runCli([
      'tune',
      xlsx,
      '--trials',
      '1',
      '--cv',
      '2',
      '--epochs',
      '2',
      '--save',
      join(dir, 'tuned.json'),
      '--quiet',
    ]);
    expect(t.stderr).not.toContain('not a text file');
    expect(t.code).toBe(0);
    // A pixel table as a workbook: the image task reads it through the same reader.
    const lines = readFileSync(SAMPLE('digits8x8.csv'), 'utf8').trim().split('\n').slice(0, 401);
    writeFileSync(join(dir, 'digits.csv'), `${lines.join('\n')}\n`);
    await csvToXlsx(join(dir, 'digits.csv'), join(dir, 'digits.xlsx'));
    const img = await runCli([
      'train',
      join(dir, 'digits.xlsx'),
      '--task',
      'image',
      '--epochs',
      '1',
      '--out',
      join(dir, 'i'),
      '--json',
    ]);
    expect(img.stderr).not.toContain('not a text file');
    expect(img.code).toBe(0);
    expect(JSON.parse(img.stdout).model).toBe('cnn');
  });

  it("the seed is in the model file: predict --horizon reproduces the run's forecast.csv, intervals included", async () => {
    const dir = tempDir();
    const out = join(dir, 'f');
    const r = await runCli([
      'train',
      SAMPLE('airpassengers.csv'),
      '--task',
      'forecast',
      '--seed',
      '7',
      '--horizon',
      '3',
      '--epochs',
      '5',
      '--ensemble',
      '2',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const model = JSON.parse(readFileSync(join(out, 'model.nnm.json'), 'utf8'));
    expect(model.seed).toBe(7);
    const p = await runCli(['predict', join(out, 'model.nnm.json'), '--horizon', '3']);
    expect(p.code).toBe(0);
    const rows = (s: string): string[][] =>
      s
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','));
    const future = rows(p.stdout).filter((c) => c[1] === '');
    const run = rows(readFileSync(join(out, 'forecast.csv'), 'utf8'));
    expect(future).toHaveLength(3);
    expect(run).toHaveLength(3);
    const num = (v: string): number => Number(v);
    for (let h = 0; h < 3; h++) {
      const [point, lower, upper] = future[h].slice(2).map(num);
      const header = readFileSync(join(out, 'forecast.csv'), 'utf8').split('\n')[0].split(',');
      const at = (name: string): number => num(run[h][header.indexOf(name)]);
      // the same numbers as printed, not merely close (the residuals behind the intervals are stored in full)
      expect(point).toBe(at(header.find((x) => /forecast|predicted|mean/.test(x))!));
      expect(lower).toBe(at(header.find((x) => /lower/.test(x))!));
      expect(upper).toBe(at(header.find((x) => /upper/.test(x))!));
    }
  });

  it('evaluate on an image model reads the pixel file (no "cannot apply yet")', async () => {
    const dir = tempDir();
    const out = join(dir, 'i');
    expect(
      (await runCli(['train', SAMPLE('digits8x8.csv'), '--task', 'image', '--epochs', '1', '--out', out, '--quiet']))
        .code,
    ).toBe(0);
    const e = await runCli(['evaluate', join(out, 'model.nnm.json'), SAMPLE('digits8x8.csv'), '--json']);
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout).test.accuracy).toBeGreaterThan(0.5);
    expect(readdirSync(out)).toContain('report.html');
  });

  it('--task 预测 on a table without dates means regression (said why); with a date column it forecasts', async () => {
    const dir = tempDir();
    const r = await runCli([
      'train',
      SAMPLE('diabetes.csv'),
      '--task',
      '预测',
      '--epochs',
      '2',
      '--ensemble',
      '1',
      '--out',
      join(dir, 'd'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).task).toBe('regress');
    expect(r.stderr).toContain('task: regression, because "预测" on a table without a date column means predicting');
    const f = await runCli([
      'train',
      SAMPLE('airpassengers.csv'),
      '--task',
      '预测',
      '--epochs',
      '2',
      '--ensemble',
      '1',
      '--out',
      join(dir, 'f'),
      '--json',
    ]);
    expect(f.code).toBe(0);
    expect(JSON.parse(f.stdout).task).toBe('forecast');
    // The English word "forecast" keeps its meaning: a series in row order.
    const g = await runCli([
      'train',
      SAMPLE('diabetes.csv'),
      '--task',
      'forecast',
      '--target',
      'progression',
      '--covariates',
      'none',
      '--epochs',
      '2',
      '--ensemble',
      '1',
      '--out',
      join(dir, 'g'),
      '--json',
    ]);
    expect(g.code).toBe(0);
    expect(JSON.parse(g.stdout).task).toBe('forecast');
  });

  it('a table under 50 rows gets cross-validation for its headline numbers and a warning, on screen and in the report', async () => {
    const dir = tempDir();
    const lines = ['x1,x2,y'];
    for (let i = 0; i < 30; i++) lines.push(`${(i % 7) / 7},${(i % 5) / 5},${(3 * (i % 7)) / 7 - (2 * (i % 5)) / 5}`);
    writeFileSync(join(dir, 'small.csv'), `${lines.join('\n')}\n`);
    const r = await runCli(['train', join(dir, 'small.csv'), '--epochs', '5', '--out', join(dir, 'r'), '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: only 30 labelled rows, so the test part has 6 rows');
    const m = JSON.parse(r.stdout);
    expect(m.cv.k).toBe(5);
    expect(m.cv.folds).toHaveLength(5);
    expect(readFileSync(join(dir, 'r', 'report.md'), 'utf8')).toContain('only 30 labelled rows');
    // --cv or a --test file is the user's choice: no automatic folds.
    const t = await runCli([
      'train',
      join(dir, 'small.csv'),
      '--epochs',
      '5',
      '--cv',
      '3',
      '--out',
      join(dir, 't'),
      '--json',
    ]);
    expect(JSON.parse(t.stdout).cv.k).toBe(3);
  });

  it('a forecast --cv that cannot fit keeps the trained run and says so; --test equal to the data is warned', async () => {
    const dir = tempDir();
    const r = await runCli([
      'train',
      SAMPLE('airpassengers.csv'),
      '--cv',
      '50',
      '--epochs',
      '2',
      '--ensemble',
      '1',
      '--out',
      join(dir, 'f'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('--cv 50: a rolling-origin backtest of 50 folds needs 50 test parts of 24 periods');
    expect(r.stderr).not.toMatch(/-\d+ points/);
    expect(JSON.parse(r.stdout).cv).toBeUndefined();
    const t = await runCli([
      'train',
      SAMPLE('iris.csv'),
      '--test',
      SAMPLE('iris.csv'),
      '--epochs',
      '2',
      '--out',
      join(dir, 't'),
    ]);
    expect(t.code).toBe(0);
    expect(t.stderr).toContain('holds the same data as');
  });

  it('progress names the network of an ensemble and the summary counts networks, not a silent sum', async () => {
    const dir = tempDir();
    const r = await runCli(['train', SAMPLE('iris.csv'), '--epochs', '5', '--ensemble', '3', '--out', join(dir, 'r')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('network 1/3  epoch 1/5');
    expect(r.stderr).toContain('network 3/3  epoch 5/5');
    expect(r.stderr).toMatch(/trained 3 networks, 15 epochs in all \(5 each on average; best epochs \d+, \d+, \d+/);
  });
});
