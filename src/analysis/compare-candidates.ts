// `nnm compare`'s per-row (or per-fold) values of each model, the input of its paired tests against the
// best, and the seed-averaged forecast paths of its figure.

import type { ModelKind, Task } from '../config/tasks.js';
import { forecastBaselineRuns } from '../metrics/forecast.js';
import type { Candidate, PairedTestKind } from '../metrics/stats/index.js';
import type { CompareResult, Trained } from './compare.js';

/** The values a paired test compares, which test, on what, and its description. */
export interface Tested {
  candidates: Candidate[];
  kind: PairedTestKind;
  on: string;
  note: string;
}

/** Per-row values of each model on the single test part (networks seed-averaged; forecast baselines recomputed). */
export function rowCandidates(task: Task, trained: Trained[], models: ModelKind[]): Tested {
  return task === 'forecast' ? forecastCandidates(trained, models) : tableCandidates(task, trained, models);
}

/** Forecasts: the one-step test errors of each network's seed-averaged forecast and of each baseline. */
function forecastCandidates(trained: Trained[], models: ModelKind[]): Tested {
  const candidates: Candidate[] = [];
  const first = trained[0].out.summary;
  const f = first.forecast!;
  for (const model of models) {
    const oneStep = meanPaths(
      trained.filter((t) => t.model === model).map((t) => t.out.summary.forecast!.test.oneStep ?? []),
    );
    candidates.push({ name: model, values: f.test.actual.map((a, i) => a - oneStep[i]) });
  }
  const y = Float64Array.from([...f.history.y, ...f.test.actual]);
  const base = forecastBaselineRuns(y, f.history.y.length, Number(first.metrics.data.season ?? 1));
  for (const [name, b] of Object.entries(base))
    candidates.push({ name, values: f.test.actual.map((a, i) => a - b.oneStep[i]) });
  return {
    candidates,
    kind: 'dm-squared',
    on: 'one-step test errors',
    note: 'Diebold–Mariano with the Harvey–Leybourne–Newbold correction (h = 1) on the one-step test errors of the seed-averaged forecast, against the model with the least mean squared error; the absolute-loss p is given too',
  };
}

/** Tables: per-row errors (regress) or correctness (classify; a seed vote for networks) of each model. */
function tableCandidates(task: Task, trained: Trained[], models: ModelKind[]): Tested {
  const candidates: Candidate[] = [];
  const first = trained[0].out.summary;
  const p = first.predictions;
  if (!p)
    return {
      candidates,
      kind: task === 'regress' ? 'wilcoxon' : 'mcnemar',
      on: 'none',
      note: 'the runs hold no per-row test predictions: no test',
    };
  for (const model of models) {
    const preds = trained.filter((t) => t.model === model).map((t) => t.out.summary.predictions!.predicted);
    if (task === 'regress') {
      const mean = meanPaths(preds.map((q) => q.map(Number)));
      candidates.push({ name: model, values: p.actual.map((a, i) => Number(a) - mean[i]) });
    } else {
      candidates.push({
        name: model,
        values: p.actual.map((a, i) => {
          const right = preds.filter((q) => q[i] === a).length;
          return 2 * right === preds.length ? Number(preds[0][i] === a) : Number(2 * right > preds.length);
        }),
      });
    }
  }
  for (const [name, q] of Object.entries(first.predictions?.baselines ?? {})) {
    candidates.push({
      name,
      values:
        task === 'regress'
          ? p.actual.map((a, i) => Number(a) - Number(q[i]))
          : p.actual.map((a, i) => Number(q[i] === a)),
    });
  }
  return task === 'regress'
    ? {
        candidates,
        kind: 'wilcoxon',
        on: 'per-row absolute test errors',
        note: 'Wilcoxon signed-rank test on the per-row absolute test errors of the seed-averaged prediction, against the model with the least mean absolute error',
      }
    : {
        candidates,
        kind: 'mcnemar',
        on: 'per-row test correctness',
        note: 'McNemar test (exact binomial below 25 discordant rows) on per-row correctness (a network is right on a row when most of its seeds are), against the most accurate model',
      };
}

/** --cv: the per-fold ranking metric of each model (networks averaged over seeds), paired across folds. */
export function foldCandidates(trained: Trained[], models: ModelKind[], metric: string): Tested {
  const candidates: Candidate[] = models.map((model) => {
    const ts = trained.filter((t) => t.model === model);
    return { name: model, values: ts[0].folds!.map((_, k) => avg(ts.map((t) => t.folds![k][metric]))) };
  });
  const fb = trained[0].foldBaselines!;
  for (const name of Object.keys(fb[0] ?? {})) {
    if (fb.every((b) => Number.isFinite(b[name]?.[metric])))
      candidates.push({ name, values: fb.map((b) => b[name][metric]) });
  }
  return {
    candidates,
    kind: 'paired-t',
    on: `per-fold ${metric}`,
    note: `paired t-test across the folds on ${metric} (networks averaged over seeds), against the best mean`,
  };
}

export function forecastPaths(trained: Trained[], models: ModelKind[]): NonNullable<CompareResult['forecast']> {
  const f = trained[0].out.summary.forecast!;
  const paths: { name: string; y: number[] }[] = models.map((model) => ({
    name: model,
    y: meanPaths(trained.filter((t) => t.model === model).map((t) => t.out.summary.forecast!.test.multiStep ?? [])),
  }));
  const y = Float64Array.from([...f.history.y, ...f.test.actual]);
  const base = forecastBaselineRuns(y, f.history.y.length, Number(trained[0].out.summary.metrics.data.season ?? 1));
  for (const [name, b] of Object.entries(base)) paths.push({ name, y: Array.from(b.multiStep) });
  return { x: f.test.x, actual: f.test.actual, paths };
}

function meanPaths(paths: number[][]): number[] {
  return paths[0].map((_, i) => avg(paths.map((p) => p[i])));
}

export function avg(v: number[]): number {
  return v.reduce((s, x) => s + x, 0) / v.length;
}
