// Many-run analyses around one trained run: --cv K (stratified K-fold for classes, K-fold for
// regression, rolling-origin backtest for forecasts: fold i tests the nTest periods that end at
// n − (K − 1 − i)·nTest, trained on everything before) and --repeats N (seeds seed .. seed+N−1).
// Each inner run is the same job with a JobVariant; their test and baseline metrics become rows of
// metrics.json `cv` / `repeats`, with mean ± sample std. The main run keeps its own split and model.

import type { TrainSpec } from '../config/options.js';
import { UserError } from '../errors.js';
import {
  type CvSummary,
  type RepeatsSummary,
  type RunRow,
  scalarMetrics,
  summariseRuns,
} from '../metrics/aggregate.js';
import type { RunOutput } from '../report/types.js';
import type { JobVariant } from './variant.js';

export type RunJob = (spec: TrainSpec, variant: JobVariant) => RunOutput;

/** A backtest fold needs at least this many training points before its test part (as the forecast task does). */
const MIN_BACKTEST_TRAIN = 8;

function rowOf(o: RunOutput): RunRow {
  const m = o.summary.metrics;
  return {
    train_rows: Number(m.data.train_rows),
    test_rows: Number(m.data.test_rows),
    test: scalarMetrics(m.test),
    baselines: Object.fromEntries(Object.entries(m.baselines).map(([k, v]) => [k, scalarMetrics(v)])),
  };
}

/** K-fold / backtest rows for `task`; a forecast needs its main run (the last origin and the test length).
 *  `within`: nnm tune's folds, cut from the main run's training part only (tables: K folds of its
 *  training rows; series: K origins that end before the main test periods), so the rows `nnm train`
 *  tests on are never seen. */
export function crossValidate(
  spec: TrainSpec,
  task: string,
  run: RunJob,
  say: (msg: string) => void,
  main?: RunOutput,
  within = false,
): CvSummary & { heldOut?: number[] } {
  const K = spec.cv ?? 0;
  const forecast = task === 'forecast';
  let heldOut: number[] | undefined;
  let folds: CvSummary['folds'];
  if (forecast) {
    if (!main) throw new Error('crossValidate: a forecast backtest needs the main run');
    folds = backtestFolds(spec, K, run, say, main, within);
  } else {
    const table = tableFolds(spec, K, task, run, say, within);
    folds = table.folds;
    heldOut = table.heldOut;
  }
  const method = forecast ? 'rolling-origin backtest' : task === 'classify' ? 'stratified k-fold' : 'k-fold';
  if (forecast && within && main) {
    const n = Number(main.summary.metrics.data.points);
    heldOut = Array.from(
      { length: Number(main.summary.metrics.data.test_rows) },
      (_, j) => n - Number(main.summary.metrics.data.test_rows) + j + 1,
    );
  }
  return { method, k: K, folds, ...summariseRuns(folds), ...(heldOut ? { heldOut } : {}) };
}

/** The rolling-origin backtest folds of a forecast (the last origin is the main run unless `within`). */
function backtestFolds(
  spec: TrainSpec,
  K: number,
  run: RunJob,
  say: (msg: string) => void,
  main: RunOutput,
  within: boolean,
): CvSummary['folds'] {
  const folds: CvSummary['folds'] = [];
  const m = main.summary.metrics;
  const n = Number(m.data.points);
  const nTest = Number(m.data.test_rows);
  const shift = within ? nTest : 0;
  const firstEnd = n - shift - (K - 1) * nTest;
  const most = Math.max(1, Math.floor((n - shift - MIN_BACKTEST_TRAIN) / nTest));
  if (firstEnd - nTest < MIN_BACKTEST_TRAIN) {
    throw new UserError({
      message: `--cv ${K}: a rolling-origin backtest of ${K} folds needs ${K} test parts of ${nTest} periods${within ? ' before the held-out test part' : ''} and ${MIN_BACKTEST_TRAIN} training points before the first; the series has ${n} points`,
      hint:
        most >= 2
          ? `use --cv ${Math.min(most, K - 1)} or fewer, or a smaller --test-periods`
          : 'use a smaller --test-periods, or no --cv',
    });
  }
  for (let i = 0; i < K; i++) {
    const end = n - shift - (K - 1 - i) * nTest;
    let o: RunOutput;
    if (i === K - 1 && !within)
      o = main; // the last origin is the main run's own split
    else {
      try {
        o = run({ ...spec, testPeriods: nTest }, { seriesEnd: end, lite: true });
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        throw new UserError({
          message: `--cv ${K}: backtest fold ${i + 1} (the first ${end} points) is too short (${e.message})`,
          hint: 'use a smaller --cv or --test-periods',
        });
      }
    }
    folds.push({ fold: i + 1, ...rowOf(o) });
    say(
      `backtest fold ${i + 1}/${K} (test periods ${end - nTest + 1}..${end}): multi-step RMSE ${fmt(folds[i].test.multi_step_rmse)}`,
    );
  }
  return folds;
}

/** The K folds of a table task (`within`: the inner folds of the main run's training part). */
function tableFolds(
  spec: TrainSpec,
  K: number,
  task: string,
  run: RunJob,
  say: (msg: string) => void,
  within: boolean,
): { folds: CvSummary['folds']; heldOut?: number[] } {
  const folds: CvSummary['folds'] = [];
  let heldOut: number[] | undefined;
  for (let i = 0; i < K; i++) {
    const o = run(spec, within ? { inner: { k: K, index: i }, lite: true } : { fold: { k: K, index: i }, lite: true });
    if (within && i === 0) heldOut = o.heldOut;
    folds.push({ fold: i + 1, ...rowOf(o) });
    say(
      `cv fold ${i + 1}/${K}: ${task === 'classify' ? `accuracy ${fmt(folds[i].test.accuracy)}` : `RMSE ${fmt(folds[i].test.rmse)}`}`,
    );
  }
  return { folds, heldOut };
}

export function repeatSeeds(spec: TrainSpec, main: RunOutput, run: RunJob, say: (msg: string) => void): RepeatsSummary {
  const N = spec.repeats ?? 0;
  const runs: RepeatsSummary['runs'] = [{ seed: spec.seed, ...rowOf(main) }];
  for (let r = 1; r < N; r++) {
    const seed = spec.seed + r;
    runs.push({ seed, ...rowOf(run({ ...spec, seed }, { lite: true })) });
    say(`repeat ${r + 1}/${N} (seed ${seed}) done`);
  }
  return { seeds: runs.map((r) => r.seed), runs, ...summariseRuns(runs) };
}

function fmt(v: number | undefined): string {
  return v === undefined ? '—' : String(Number(v.toPrecision(4)));
}

/** Run --cv / --repeats for a finished main run, attach them to its metrics and re-render its report. */
export function addManyRunAnalysis(main: RunOutput, spec: TrainSpec, run: RunJob, say: (msg: string) => void): void {
  const m = main.summary.metrics;
  if (spec.cv) m.cv = crossValidate(spec, m.task, run, say, main);
  if (spec.repeats) m.repeats = repeatSeeds(spec, main, run, say);
}
