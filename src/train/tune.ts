// Bounded random search (Bergstra & Bengio 2012) over hidden sizes, learning rate (log-uniform),
// dropout and, for forecasts, the window; every candidate is scored by the mean of a K-fold
// cross-validation (backtest for forecasts) of the same job. Trial 1 is the untouched defaults, so
// the leaderboard shows what tuning gained. Seeded: the same seed proposes the same candidates.

import type { TrainSpec } from '../config/options.js';
import type { Task } from '../config/tasks.js';
import { loadTable } from '../data/load.js';
import { findColumn, inferSchema } from '../data/schema.js';
import { Rng } from '../engine/rng.js';
import { type CvSummary } from '../metrics/aggregate.js';
import { crossValidate, type RunJob } from './analysis.js';
import { inferTabularTask, seriesOnly } from './tabular-job.js';

export interface TuneCandidate {
  hidden?: number[];
  lr?: number;
  dropout?: number;
  window?: number;
}

export interface TuneTrial {
  trial: number;
  params: TuneCandidate;
  /** Mean ± std over the folds of the score metric. */
  score: number;
  std: number;
  seconds: number;
}

export interface TuneResult {
  task: Task;
  metric: string;
  higherIsBetter: boolean;
  folds: number;
  trials: TuneTrial[];
  best: TuneTrial;
}

const HIDDEN: number[][] = [[16], [32], [64], [32, 16], [64, 32], [128, 64]];
const DROPOUT = [0, 0.1, 0.2, 0.3];

export function proposeCandidates(n: number, task: Task, rng: Rng, baseWindow?: number): TuneCandidate[] {
  const out: TuneCandidate[] = [{}];
  for (let t = 1; t < n; t++) {
    const c: TuneCandidate = {
      hidden: HIDDEN[rng.int(HIDDEN.length)],
      lr: Number((3e-4 * (1e-2 / 3e-4) ** rng.uniform()).toPrecision(2)),
      dropout: DROPOUT[rng.int(DROPOUT.length)],
    };
    if (task === 'forecast') {
      const w0 = baseWindow ?? 8;
      const windows = [...new Set([Math.max(2, Math.round(w0 / 2)), w0, 2 * w0])];
      c.window = windows[rng.int(windows.length)];
    }
    out.push(c);
  }
  return out;
}

/** The task of the data as `nnm train` would choose it (classify/regress inferred from the target,
 *  forecast for a file of only a date column and a number). */
export function tuneTask(spec: TrainSpec): Task {
  if (spec.task) return spec.task;
  const table = loadTable(spec.data, spec);
  const ti = spec.target !== undefined ? findColumn(table, spec.target, '--target') : table.names.length - 1;
  const schema = inferSchema(table);
  if (!spec.features && seriesOnly(schema, ti)) return 'forecast';
  return inferTabularTask(schema, ti).task;
}

export function runTune(base: TrainSpec, task: Task, trials: number, run: RunJob, say: (msg: string) => void): TuneResult {
  const folds = base.cv ?? 3;
  const metric = task === 'classify' ? 'accuracy' : task === 'regress' ? 'rmse' : 'multi_step_rmse';
  const higherIsBetter = task === 'classify';
  const rng = new Rng(base.seed);
  const spec0: TrainSpec = { ...base, cv: folds, sensitivity: 'off', ensemble: base.ensemble ?? 1 };
  const done: TuneTrial[] = [];
  let candidates: TuneCandidate[] = [{}];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    const spec: TrainSpec = { ...spec0, ...c };
    const t0 = performance.now();
    const main = task === 'forecast' ? run(spec, { lite: true }) : undefined;
    const cv: CvSummary = crossValidate(spec, task, run, () => {}, main);
    // NOTE: candidates are drawn after trial 1 so forecast windows centre on the window it used.
    if (i === 0) candidates = proposeCandidates(trials, task, rng, base.window ?? (main ? Number(main.summary.metrics.data.window) : undefined));
    const trial: TuneTrial = { trial: i + 1, params: c, score: cv.mean[metric], std: cv.std[metric], seconds: (performance.now() - t0) / 1000 };
    done.push(trial);
    say(`trial ${i + 1}/${candidates.length}: ${describeCandidate(c)} -> ${metric} ${trial.score.toPrecision(4)} ± ${trial.std.toPrecision(2)} (${trial.seconds.toFixed(1)}s)`);
  }
  const ranked = [...done].sort((a, b) => (higherIsBetter ? b.score - a.score : a.score - b.score) || a.trial - b.trial);
  return { task, metric, higherIsBetter, folds, trials: ranked, best: ranked[0] };
}

export function describeCandidate(c: TuneCandidate): string {
  if (!c.hidden && c.lr === undefined && c.dropout === undefined && c.window === undefined) return 'as given (defaults)';
  const parts = [`hidden ${c.hidden?.join(',') ?? 'auto'}`, `lr ${c.lr ?? 'auto'}`, `dropout ${c.dropout ?? 'auto'}`];
  if (c.window !== undefined) parts.push(`window ${c.window}`);
  return parts.join(', ');
}
