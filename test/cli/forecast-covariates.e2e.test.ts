import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/models/model-file.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { laggedCovariateCsv } from '../helpers/series.js';

const rows = (csv: string): string[][] =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

describe('forecast with covariates, end to end', () => {
  const dir = tempDir();
  const data = join(dir, 'cov.csv');
  writeFileSync(data, laggedCovariateCsv(120, 3));
  const train = (out: string, ...extra: string[]) =>
    runCli([
      'train',
      data,
      '--task',
      'forecast',
      '--model',
      'mlp',
      '--epochs',
      '20',
      '--ensemble',
      '2',
      '--test-periods',
      '20',
      '--horizon',
      '4',
      '--seed',
      '5',
      '--out',
      join(dir, out),
      ...extra,
    ]);

  it('predict on the training file reproduces predictions.csv and forecast.csv; the report names the covariates', async () => {
    const r = await train('r1');
    expect(r.code).toBe(0);
    const model = JSON.parse(readFileSync(join(dir, 'r1', 'model.nnm.json'), 'utf8'));
    expect(model.pipeline.covariates.map((c: { name: string }) => c.name)).toEqual(['x']);
    expect(model.architecture.inShape).toEqual([8, 2]);
    const report = readFileSync(join(dir, 'r1', 'report.md'), 'utf8');
    expect(report).toContain('covariates: "x"');
    expect(report).toContain('The window also reads the covariate(s) "x" as extra channels');
    const p = await runCli(['predict', join(dir, 'r1', 'model.nnm.json'), data, '--horizon', '4']);
    expect(p.code).toBe(0);
    const got = rows(p.stdout);
    const test = rows(readFileSync(join(dir, 'r1', 'predictions.csv'), 'utf8'));
    const byRow = new Map(got.map((g) => [g[0], Number(g[2])]));
    for (const t of test) expect(byRow.get(t[0])).toBeCloseTo(Number(t[2]), 6);
    const future = got.filter((g) => g[1] === '');
    const want = rows(readFileSync(join(dir, 'r1', 'forecast.csv'), 'utf8'));
    expect(future.map((f) => f[0])).toEqual(['121', '122', '123', '124']);
    future.forEach((f, h) => expect(Number(f[2])).toBeCloseTo(Number(want[h][1]), 6));
  }, 60_000);

  it('same seed, same files', async () => {
    await train('d1');
    await train('d2');
    for (const f of ['model.nnm.json', 'predictions.csv', 'forecast.csv']) {
      expect(readFileSync(join(dir, 'd2', f), 'utf8')).toBe(readFileSync(join(dir, 'd1', f), 'utf8'));
    }
  }, 60_000);

  it('direct strategy: the network outputs the target only', async () => {
    const r = await train('dir', '--strategy', 'direct', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the direct network outputs the target alone');
    const model = JSON.parse(readFileSync(join(dir, 'dir', 'model.nnm.json'), 'utf8'));
    expect(model.pipeline.outputs).toBe(20);
    expect(model.architecture.inShape).toEqual([8, 2]);
    const p = await runCli(['predict', join(dir, 'dir', 'model.nnm.json'), '--horizon', '4']);
    expect(p.code).toBe(0);
    const want = rows(readFileSync(join(dir, 'dir', 'forecast.csv'), 'utf8'));
    rows(p.stdout)
      .filter((g) => g[1] === '')
      .forEach((f, h) => expect(Number(f[2])).toBeCloseTo(Number(want[h][1]), 6));
  }, 60_000);

  it('new data without the covariate, or with text in it, is one clear line (exit 2)', async () => {
    const r = await train('r2', '--ensemble', '1', '--epochs', '3');
    expect(r.code).toBe(0);
    const model = join(dir, 'r2', 'model.nnm.json');
    const lines = readFileSync(data, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    writeFileSync(join(dir, 'nox.csv'), `${lines.map((c) => [c[0], c[2]].join(',')).join('\n')}\n`);
    const a = await runCli(['predict', model, join(dir, 'nox.csv')]);
    expect(a.code).toBe(2);
    const last = a.stderr.trim().split('\n');
    expect(last).toHaveLength(1);
    expect(last[0]).toMatch(
      /nox\.csv: has no column "x": the model reads this covariate as an input channel; add the column "x"/,
    );
    writeFileSync(
      join(dir, 'textx.csv'),
      `${lines.map((c, i) => [c[0], i ? `v${i % 3}` : 'x', c[2]].join(',')).join('\n')}\n`,
    );
    const b = await runCli(['predict', model, join(dir, 'textx.csv')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(
      /textx\.csv.*column "x": is a category column, but the model reads it as a numeric covariate/,
    );
  }, 60_000);

  it('a missing covariate cell in training is interpolated and said; --covariates none trains univariate', async () => {
    const lines = readFileSync(data, 'utf8').trim().split('\n');
    lines[10] = lines[10].replace(/^(\d+),[^,]*,/, '$1,,');
    writeFileSync(join(dir, 'hole.csv'), `${lines.join('\n')}\n`);
    const r = await runCli([
      'train',
      join(dir, 'hole.csv'),
      '--task',
      'forecast',
      '--model',
      'mlp',
      '--epochs',
      '3',
      '--ensemble',
      '1',
      '--test-periods',
      '20',
      '--out',
      join(dir, 'r3'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('covariate "x": 1 missing cell(s) (first: row 11) were interpolated');
    const u = await train('r4', '--covariates', 'none', '--ensemble', '1', '--epochs', '3');
    expect(u.code).toBe(0);
    const model = JSON.parse(readFileSync(join(dir, 'r4', 'model.nnm.json'), 'utf8'));
    expect(model.pipeline.covariates).toBeUndefined();
    expect(model.architecture.inShape).toEqual([8, 1]);
  }, 60_000);

  it('a univariate model file from before covariates (no strategy, no covariates) still predicts the same', async () => {
    const r = await train('old', '--covariates', 'none', '--ensemble', '1', '--epochs', '5');
    expect(r.code).toBe(0);
    const { checksum: _, ...body } = JSON.parse(readFileSync(join(dir, 'old', 'model.nnm.json'), 'utf8'));
    delete body.pipeline.strategy;
    const old = join(dir, 'old', 'old.nnm.json');
    writeFileSync(old, `${JSON.stringify({ ...body, checksum: `sha256:${sha256(JSON.stringify(body))}` })}\n`);
    const p = await runCli(['predict', old, '--horizon', '4']);
    expect(p.code).toBe(0);
    const want = rows(readFileSync(join(dir, 'old', 'forecast.csv'), 'utf8'));
    const future = rows(p.stdout).filter((g) => g[1] === '');
    expect(future).toHaveLength(4);
    future.forEach((f, h) => expect(Number(f[2])).toBeCloseTo(Number(want[h][1]), 6));
  }, 60_000);
});
