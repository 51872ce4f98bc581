// Bounded random search (Bergstra & Bengio 2012) over hidden sizes, learning rate (log-uniform),
// dropout and, for forecasts, the window; every candidate is scored by the mean of a K-fold
// cross-validation (backtest for forecasts) of the same job. Trial 1 is the untouched defaults, so
// the leaderboard shows what tuning gained. Seeded: the same seed proposes the same candidates.

import type { TrainSpec, TunedOn } from '../config/options.js';
import type { JobVariant } from './variant.js';
import type { Task } from '../config/tasks.js';
import { Rng } from '../engine/rng.js';
import { crossValidate, type RunJob } from './many-runs.js';

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
  /** The test part `nnm train` will score (same seed and test options), never seen by tuning. */
  tunedOn?: TunedOn;
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

export function runTune(
  base: TrainSpec,
  task: Task,
  trials: number,
  run: RunJob,
  say: (msg: string) => void,
): TuneResult {
  const folds = base.cv ?? 3;
  const metric = task === 'classify' ? 'accuracy' : task === 'regress' ? 'rmse' : 'multi_step_rmse';
  const higherIsBetter = task === 'classify';
  const rng = new Rng(base.seed);
  // NOTE: candidates are scored as `nnm train --config` will run them (its ensemble default included).
  const spec0: TrainSpec = { ...base, cv: folds, sensitivity: 'off' };
  let heldOut: number[] | undefined;
  const done: TuneTrial[] = [];
  let candidates: TuneCandidate[] = [{}];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    const spec: TrainSpec = { ...spec0, ...c };
    const t0 = performance.now();
    const main = task === 'forecast' ? run(spec, { lite: true }) : undefined;
    const cv = crossValidate(spec, task, run, () => {}, main, true);
    heldOut ??= cv.heldOut;
    // NOTE: candidates are drawn after trial 1 so forecast windows centre on the window it used.
    if (i === 0)
      candidates = proposeCandidates(
        trials,
        task,
        rng,
        base.window ?? (main ? Number(main.summary.metrics.data.window) : undefined),
      );
    const trial: TuneTrial = {
      trial: i + 1,
      params: c,
      score: cv.mean[metric],
      std: cv.std[metric],
      seconds: (performance.now() - t0) / 1000,
    };
    done.push(trial);
    say(
      `trial ${i + 1}/${candidates.length}: ${describeCandidate(c)} -> ${metric} ${trial.score.toPrecision(4)} ± ${trial.std.toPrecision(2)} (${trial.seconds.toFixed(1)}s)`,
    );
  }
  const ranked = [...done].sort(
    (a, b) => (higherIsBetter ? b.score - a.score : a.score - b.score) || a.trial - b.trial,
  );
  const test: TunedOn['test'] = task === 'forecast' ? 'periods' : base.test ? 'file' : 'split';
  return {
    task,
    metric,
    higherIsBetter,
    folds,
    trials: ranked,
    best: ranked[0],
    ...(heldOut ? { tunedOn: { seed: base.seed, test, test_rows: heldOut } } : {}),
  };
}

/** What `nnm train --config tuned.json` says about the rows tuning saw: confirmed unseen, or a warning
 *  naming how many of this run's test rows (1-based) tuning used. Nothing without a tuned config, and
 *  nothing for inner runs. */
export function tunedNote(
  t: TunedOn | undefined,
  testRows: ArrayLike<number> | undefined,
  variant: JobVariant | undefined,
): string | undefined {
  if (!t || variant) return undefined;
  if (t.test === 'file' || !testRows)
    return 'the tuned settings were chosen by nnm tune on the training rows only (the test part is a separate file it never read)';
  const held = new Set(t.test_rows);
  const seen = Array.from(testRows).filter((r) => !held.has(r + 1)).length;
  if (seen === 0)
    return `the tuned settings were chosen by nnm tune without these ${testRows.length} test ${t.test === 'periods' ? 'periods' : 'rows'} (it held out the same test part, seed ${t.seed})`;
  return `warning: nnm tune saw ${seen} of these ${testRows.length} test ${t.test === 'periods' ? 'periods' : 'rows'} (it held out another test part: seed ${t.seed}); the test scores are optimistic. Train with the seed and test options the tuning used, or tune again`;
}

export function describeCandidate(c: TuneCandidate): string {
  if (!c.hidden && c.lr === undefined && c.dropout === undefined && c.window === undefined)
    return 'as given (defaults)';
  const parts = [`hidden ${c.hidden?.join(',') ?? 'auto'}`, `lr ${c.lr ?? 'auto'}`, `dropout ${c.dropout ?? 'auto'}`];
  if (c.window !== undefined) parts.push(`window ${c.window}`);
  return parts.join(', ');
}
