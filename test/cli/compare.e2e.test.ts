import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

interface Model {
  name: string;
  kind: string;
  runs: { seed: number; seconds: number; metrics: Record<string, number> }[];
  mean: Record<string, number>;
  seconds: number | null;
  params: number | null;
  test?: {
    best: boolean;
    criterion: number;
    pValue: number | null;
    pAdjusted: number | null;
    distinguishable: boolean;
    pAbsolute?: number | null;
  };
}

const read = (dir: string, f: string): string => readFileSync(join(dir, f), 'utf8');
const withoutTimes = (json: string): unknown => JSON.parse(json, (k, v) => (k === 'seconds' ? undefined : v));

describe('nnm compare', () => {
  it('iris: mlp over 2 seeds and the baselines on one test part, McNemar against the best, every file written', async () => {
    const out = join(tempDir(), 'cmp');
    const r = await runCli(['compare', SAMPLE('iris.csv'), '--seeds', '2', '--epochs', '30', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('mlp, seed 42 (1/2)');
    expect(r.stderr).toContain('mlp, seed 43 (2/2)');
    for (const f of [
      'compare.csv',
      'compare.json',
      'tables/compare.tex',
      'tables/compare.md',
      'figures/compare_metric.svg',
      'figures/compare_metric.png',
      'report.md',
    ])
      expect(existsSync(join(out, f)), f).toBe(true);
    const res = JSON.parse(read(out, 'compare.json'));
    expect(res.task).toBe('classify');
    expect(res.seeds).toEqual([42, 43]);
    expect(res.test.kind).toBe('mcnemar');
    const models = res.models as Model[];
    expect(models.map((m) => m.name).sort()).toEqual(['knn_5', 'logistic_regression', 'majority', 'mlp']);
    const mlp = models.find((m) => m.name === 'mlp')!;
    expect(mlp.runs.map((x) => x.seed)).toEqual([42, 43]);
    expect(mlp.mean.accuracy).toBeGreaterThan(0.85);
    expect(mlp.params).toBeGreaterThan(50);
    // rank 1 is the best the others are tested against; every test row has a Holm p >= its raw p
    expect(models[0].test?.best).toBe(true);
    expect(models.filter((m) => m.test?.best)).toHaveLength(1);
    for (let i = 1; i < models.length; i++) {
      const t = models[i].test!;
      expect(t.criterion).toBeLessThanOrEqual(models[i - 1].test!.criterion);
      expect(t.pAdjusted!).toBeGreaterThanOrEqual(t.pValue! - 1e-12);
    }
    const majority = models.find((m) => m.name === 'majority')!;
    expect(majority.mean.accuracy).toBeCloseTo(1 / 3, 2);
    expect(majority.test!.distinguishable).toBe(true);
    // by hand: the best (accuracy 1 on the 30 test rows) is right on the 20 rows the majority class
    // gets wrong and vice versa on none: exact McNemar p = 2·P(Bin(20, ½) = 0) = 2^-19; Holm over the
    // 3 comparisons multiplies the smallest p by 3
    expect(models[0].mean.accuracy).toBe(1);
    expect(majority.test!.pValue!).toBeCloseTo(2 ** -19, 12);
    expect(majority.test!.pAdjusted!).toBeCloseTo(3 * 2 ** -19, 12);
    const csv = read(out, 'compare.csv').trim().split('\n');
    expect(csv).toHaveLength(1 + models.length);
    expect(csv[0]).toContain('accuracy_mean,accuracy_std');
    expect(csv[0]).toContain(',p_holm,p_absolute_loss,p_absolute_loss_holm,verdict');
    expect(read(out, 'tables/compare.tex')).toContain('\\toprule');
    expect(read(out, 'tables/compare.tex')).toContain('McNemar');
    const md = read(out, 'report.md');
    expect(md).toContain('# Model comparison');
    expect(md).toContain('worse than the best at 5%');
    expect(md).toContain('figures/compare_metric.png');
    expect(r.stdout).toContain('| Rank | Model | accuracy |');
  }, 60_000);

  it('the seed of the split is the seed of a plain train run: seed 42 of compare is nnm train --seed 42', async () => {
    const dir = tempDir();
    const c = await runCli([
      'compare',
      SAMPLE('iris.csv'),
      '--seeds',
      '1',
      '--epochs',
      '20',
      '--out',
      join(dir, 'c'),
      '--quiet',
      '--json',
    ]);
    expect(c.code).toBe(0);
    const mlp = (JSON.parse(c.stdout).models as Model[]).find((m) => m.name === 'mlp')!;
    const t = await runCli([
      'train',
      SAMPLE('iris.csv'),
      '--seed',
      '42',
      '--ensemble',
      '1',
      '--epochs',
      '20',
      '--out',
      join(dir, 't'),
      '--quiet',
      '--json',
    ]);
    const m = JSON.parse(t.stdout);
    expect(mlp.runs[0].metrics.accuracy).toBe(m.test.accuracy);
    expect(mlp.runs[0].metrics.macro_f1).toBe(m.test.macro_f1);
  }, 60_000);

  it('airpassengers: networks and forecast baselines, Diebold–Mariano (HLN) against the best, all forecasts in one figure, zh report', async () => {
    const out = join(tempDir(), 'air');
    const r = await runCli([
      'compare',
      SAMPLE('airpassengers.csv'),
      '--models',
      'lstm,mlp',
      '--seeds',
      '2',
      '--epochs',
      '15',
      '--out',
      out,
      '--lang',
      'zh',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('lstm, seed 43 (2/4)');
    const res = JSON.parse(read(out, 'compare.json'));
    expect(res.task).toBe('forecast');
    expect(res.test.kind).toBe('dm-squared');
    const models = res.models as Model[];
    const names = models.map((m) => m.name);
    for (const n of ['lstm', 'mlp', 'naive', 'seasonal_naive', 'drift', 'holt']) expect(names).toContain(n);
    for (const m of models) {
      expect(m.test, m.name).toBeDefined();
      if (!m.test!.best) expect(m.test!.pAbsolute, m.name).toBeGreaterThan(0);
    }
    // the baselines are the ones of a plain run on the same split (metrics.json `baselines`)
    const sn = models.find((m) => m.name === 'seasonal_naive')!;
    expect(Math.sqrt(sn.test!.criterion)).toBeCloseTo(sn.mean.one_step_rmse, 6);
    expect(res.forecast.actual).toHaveLength(res.forecast.x.length);
    expect(res.forecast.paths.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['lstm', 'mlp', 'holt']),
    );
    for (const p of res.forecast.paths) expect(p.y).toHaveLength(res.forecast.actual.length);
    expect(existsSync(join(out, 'figures/compare_forecasts.svg'))).toBe(true);
    const md = read(out, 'report.md');
    expect(md).toContain('# 模型对比');
    expect(md).toContain('Diebold–Mariano');
    expect(md).toContain('最优');
    expect(read(out, 'tables/compare.md')).toContain('绝对损失 p 值（Holm）');
    expect(read(out, 'compare.csv').split('\n')[0]).toContain('p_absolute_loss_holm');
  }, 60_000);

  it('diabetes: Wilcoxon on per-row errors; --cv 3: a paired t-test on the per-fold scores of the same folds', async () => {
    const dir = tempDir();
    const r = await runCli([
      'compare',
      SAMPLE('diabetes.csv'),
      '--seeds',
      '1',
      '--epochs',
      '15',
      '--out',
      join(dir, 'd'),
      '--quiet',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.task).toBe('regress');
    expect(res.test.kind).toBe('wilcoxon');
    const models = res.models as Model[];
    expect(models.map((m) => m.name)).toEqual(expect.arrayContaining(['mlp', 'mean', 'linear_regression', 'knn_5']));
    const mean = models.find((m) => m.name === 'mean')!;
    expect(mean.mean.r2).toBeLessThan(0.01);
    expect(mean.test!.distinguishable).toBe(true);
    // the criterion of a baseline is its own MAE in metrics.json
    for (const m of models.filter((x) => x.kind === 'baseline')) expect(m.test!.criterion).toBeCloseTo(m.mean.mae, 6);
    const cv = await runCli([
      'compare',
      SAMPLE('iris.csv'),
      '--seeds',
      '1',
      '--epochs',
      '10',
      '--cv',
      '3',
      '--out',
      join(dir, 'c'),
      '--quiet',
      '--json',
    ]);
    expect(cv.code).toBe(0);
    const c = JSON.parse(cv.stdout);
    expect(c.cv).toBe(3);
    expect(c.test.kind).toBe('paired-t');
    for (const m of c.models as Model[]) expect(m.test!.criterion).toBeCloseTo(m.mean.accuracy, 9);
    expect(read(join(dir, 'c'), 'tables/compare.md')).toContain('Models on the same folds');
  }, 60_000);

  it('the same seed gives the same compare.json (wall times aside), and a full run folder is not overwritten without --force', async () => {
    const dir = tempDir();
    const args = ['compare', SAMPLE('iris.csv'), '--seeds', '2', '--epochs', '10', '--quiet'];
    const a = await runCli([...args, '--out', join(dir, 'a')]);
    const b = await runCli([...args, '--out', join(dir, 'b')]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(withoutTimes(read(join(dir, 'b'), 'compare.json'))).toEqual(
      withoutTimes(read(join(dir, 'a'), 'compare.json')),
    );
    const noTimes = (csv: string): string[][] => {
      const rows = csv
        .trim()
        .split('\n')
        .map((l) => l.split(','));
      const at = rows[0].indexOf('seconds_per_seed');
      return rows.map((row) => row.filter((_, i) => i !== at));
    };
    expect(noTimes(read(join(dir, 'b'), 'compare.csv'))).toEqual(noTimes(read(join(dir, 'a'), 'compare.csv')));
    expect(read(join(dir, 'b'), 'figures/compare_metric.svg')).toBe(read(join(dir, 'a'), 'figures/compare_metric.svg'));
    const again = await runCli([...args, '--out', join(dir, 'a')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
  }, 60_000);

  it('refuses an unknown model name (listing the valid ones) and a model the task cannot train, in one line', async () => {
    const out = join(tempDir(), 'x');
    const u = await runCli(['compare', SAMPLE('iris.csv'), '--models', 'mlp,transformer', '--out', out]);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('unknown model "transformer"');
    expect(u.stderr).toContain('mlp, cnn, rnn, lstm, gru, som');
    expect(u.stderr.trim().split('\n')).toHaveLength(1);
    const w = await runCli(['compare', SAMPLE('iris.csv'), '--models', 'mlp,cnn', '--out', out]);
    expect(w.code).toBe(2);
    expect(w.stderr).toContain('--model cnn cannot do the classify task');
    expect(existsSync(out)).toBe(false);
  });
});
