// `nnm compare`: every listed network × N training seeds, plus the task's baselines, on ONE test part
// (the split seed is held fixed: JobVariant.splitSeed; only spec.seed varies), or on the same K folds
// (--cv: the split seed fixes the folds). Per model: mean ± sample std over seeds of each scalar test
// metric, wall time, parameters; then each model against the best by a paired test, Holm-adjusted:
//   forecast  Diebold–Mariano (HLN, h = 1) on the one-step test errors, squared and absolute loss
//   regress   Wilcoxon signed-rank on the per-row absolute errors
//   classify  McNemar (exact for small counts) on per-row correctness
//   --cv      paired t-test on the per-fold scores of the ranking metric
// The per-row values of a network are those of its seed-averaged prediction: the mean prediction over
// seeds (numbers), or the majority vote of correctness over seeds (classes; a tie goes to the first seed).

import type { TrainSpec } from '../config/options.js';
import type { ModelKind, Task } from '../config/tasks.js';
import { meanStd, type Scalars, scalarMetrics } from '../metrics/aggregate.js';
import { compareToBest, type ComparisonRow, type PairedTestKind } from '../metrics/stats/index.js';
import type { RunOutput } from '../report/types.js';
import { avg, foldCandidates, forecastPaths, rowCandidates, type Tested } from './compare-candidates.js';
import { crossValidate, type RunJob } from './many-runs.js';

export interface CompareModel {
  name: string;
  kind: 'network' | 'baseline';
  /** Per seed (networks) or once (baselines: they do not depend on the training seed). */
  runs: { seed: number; seconds: number; metrics: Scalars }[];
  mean: Scalars;
  std: Scalars;
  /** Mean wall time per seed (networks; a baseline's time is inside its run). */
  seconds: number | null;
  /** Trainable parameters of one network (an ensemble has `members` of them). */
  params: number | null;
  members: number | null;
  /** The test against the best; absent when no per-row (or per-fold) values exist for this model. */
  test?: ComparisonRow & { pAbsolute?: number | null; pAbsoluteAdjusted?: number | null };
}

export interface CompareResult {
  task: Task;
  data: string;
  splitSeed: number;
  seeds: number[];
  cv: number | null;
  /** The metric the table is ranked by. */
  metric: string;
  higherIsBetter: boolean;
  test: { kind: PairedTestKind; on: string; alpha: number; best: string | null; note: string };
  models: CompareModel[];
  /** Forecasts: the test part with each model's seed-averaged multi-step forecast, for the figure. */
  forecast?: { x: (string | number)[]; actual: number[]; paths: { name: string; y: number[] }[] };
}

/** The metric a compare table ranks by. */
export function rankMetric(task: Task): { metric: string; higherIsBetter: boolean } {
  if (task === 'forecast') return { metric: 'multi_step_rmse', higherIsBetter: false };
  if (task === 'regress') return { metric: 'rmse', higherIsBetter: false };
  return { metric: 'accuracy', higherIsBetter: true };
}

const ALPHA = 0.05;

export interface Trained {
  model: ModelKind;
  seed: number;
  seconds: number;
  out: RunOutput;
  folds?: Scalars[];
  foldBaselines?: Record<string, Scalars>[];
}

export function runCompare(
  spec: TrainSpec,
  task: Task,
  models: ModelKind[],
  nSeeds: number,
  run: RunJob,
  say: (msg: string) => void,
): CompareResult {
  const splitSeed = spec.seed;
  const seeds = Array.from({ length: nSeeds }, (_, r) => spec.seed + r);
  const total = models.length * nSeeds;
  const trained: Trained[] = [];
  for (const model of models) {
    for (const seed of seeds) {
      const s: TrainSpec = { ...spec, model, seed, sensitivity: 'off', repeats: undefined, cv: undefined };
      const inner: RunJob = (sp, v) => run(sp, { ...v, splitSeed, baselineRows: true });
      say(`${model}, seed ${seed} (${trained.length + 1}/${total})${spec.cv ? `: ${spec.cv} folds` : ''}`);
      const t0 = performance.now();
      // NOTE: under --cv a table task needs no run on the plain split (its first fold stands for the
      // model's size); a forecast backtest uses the plain run as its last origin.
      let out = spec.cv && task !== 'forecast' ? undefined : inner(s, { lite: true });
      let folds: Pick<Trained, 'folds' | 'foldBaselines'> = {};
      if (spec.cv) {
        const keep: RunJob = (sp, v) => {
          const o = inner(sp, v);
          out ??= o;
          return o;
        };
        const cv = crossValidate({ ...s, cv: spec.cv }, task, keep, () => {}, out);
        folds = { folds: cv.folds.map((f) => f.test), foldBaselines: cv.folds.map((f) => f.baselines) };
      }
      if (!out) throw new Error('runCompare: no run');
      const t: Trained = { model, seed, seconds: 0, out, ...folds };
      t.seconds = (performance.now() - t0) / 1000;
      trained.push(t);
      const { metric } = rankMetric(task);
      say(
        `${model}, seed ${seed}: ${metric} ${fmt(t.folds ? avg(t.folds.map((f) => f[metric])) : scalarMetrics(out.summary.metrics.test)[metric])} (${t.seconds.toFixed(1)}s)`,
      );
    }
  }
  return assemble(spec, task, models, seeds, trained);
}

function assemble(
  spec: TrainSpec,
  task: Task,
  models: ModelKind[],
  seeds: number[],
  trained: Trained[],
): CompareResult {
  const { metric, higherIsBetter } = rankMetric(task);
  const first = trained[0].out.summary;
  const rows: CompareModel[] = [...networkRows(models, trained), ...baselineRows(trained, seeds)];
  const tested = spec.cv ? foldCandidates(trained, models, metric) : rowCandidates(task, trained, models);
  const test = testAgainstBest(tested, rows, higherIsBetter);
  sortRows(rows, tested.kind, metric, higherIsBetter);
  const result: CompareResult = {
    task,
    data: spec.data,
    splitSeed: spec.seed,
    seeds,
    cv: spec.cv ?? null,
    metric,
    higherIsBetter,
    test,
    models: rows,
  };
  if (task === 'forecast' && first.forecast) result.forecast = forecastPaths(trained, models);
  return result;
}

/** One row per network: its per-seed test metrics (fold means under --cv), mean ± std, time and size. */
function networkRows(models: ModelKind[], trained: Trained[]): CompareModel[] {
  const rows: CompareModel[] = [];
  for (const model of models) {
    const ts = trained.filter((t) => t.model === model);
    const runs = ts.map((t) => ({
      seed: t.seed,
      seconds: t.seconds,
      metrics: t.folds ? meanStd(t.folds).mean : scalarMetrics(t.out.summary.metrics.test),
    }));
    const members = Number(ts[0].out.summary.metrics.train.members ?? 1);
    rows.push({
      name: model,
      kind: 'network',
      runs,
      ...meanStd(runs.map((r) => r.metrics)),
      seconds: avg(runs.map((r) => r.seconds)),
      params: ts[0].out.summary.paramCount,
      members,
    });
  }
  return rows;
}

/** One row per baseline of the first run (fold means under --cv); baselines do not depend on the seed. */
function baselineRows(trained: Trained[], seeds: number[]): CompareModel[] {
  const first = trained[0].out.summary;
  const rows: CompareModel[] = [];
  for (const name of Object.keys(first.metrics.baselines)) {
    const m = trained[0].foldBaselines
      ? meanStd(trained[0].foldBaselines.map((b) => b[name])).mean
      : scalarMetrics(first.metrics.baselines[name]);
    rows.push({
      name,
      kind: 'baseline',
      runs: [{ seed: seeds[0], seconds: 0, metrics: m }],
      mean: m,
      std: Object.fromEntries(Object.keys(m).map((k) => [k, 0])),
      seconds: null,
      params: null,
      members: null,
    });
  }
  return rows;
}

/** Each model against the best (Holm-adjusted), written into its row; the test's description for the result. */
function testAgainstBest(tested: Tested, rows: CompareModel[], higherIsBetter: boolean): CompareResult['test'] {
  const { candidates, kind, on, note } = tested;
  const test = { kind, on, alpha: ALPHA, best: null as string | null, note };
  if (candidates.length > 1) {
    const res = compareToBest(candidates, kind, { alpha: ALPHA, higherIsBetter });
    const abs = kind === 'dm-squared' ? compareToBest(candidates, 'dm-absolute', { alpha: ALPHA }) : undefined;
    res.forEach((r, i) => {
      const row = rows.find((m) => m.name === r.name);
      if (row) row.test = { ...r, ...(abs ? { pAbsolute: abs[i].pValue, pAbsoluteAdjusted: abs[i].pAdjusted } : {}) };
    });
    test.best = res.find((r) => r.best)?.name ?? null;
  }
  return test;
}

function sortRows(rows: CompareModel[], kind: PairedTestKind, metric: string, higherIsBetter: boolean): void {
  // NOTE: ranked by the test's own criterion (so rank 1 is the best the others are tested against),
  // then the models without per-row values by the mean ranking metric.
  const up = kind === 'mcnemar' || (kind === 'paired-t' && higherIsBetter) ? -1 : 1;
  const sign = higherIsBetter ? -1 : 1;
  const key = (m: CompareModel): [number, number] => [
    m.test ? up * m.test.criterion : Infinity,
    Number.isFinite(m.mean[metric]) ? sign * m.mean[metric] : Infinity,
  ];
  rows.sort(
    (a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1] || (a.kind === b.kind ? 0 : a.kind === 'network' ? -1 : 1),
  );
}

function fmt(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '—' : String(Number(v.toPrecision(4)));
}
