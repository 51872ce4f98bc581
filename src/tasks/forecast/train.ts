// The forecast job (its outputs are built in train-outputs.ts): series -> chronological split (test = the last periods) -> transformations chosen
// on the training part -> windows -> an ensemble of networks (each early-stopped on its own block of
// training windows) -> one-step and multi-step test forecasts, baselines, and the future forecast
// with simulated 95% intervals (validation residuals resampled along 400 recursive paths).

import type { ForecastStrategy, TrainSpec } from '../../config/options.js';
import type { ModelKind } from '../../config/tasks.js';
import { refuseTestFile } from '../../config/test-file.js';
import { inferSchema } from '../../data/schema.js';
import {
  chooseTransform,
  covariateTransform,
  cutSeries,
  defaultWindow,
  forwardChannels,
  levelOf,
  loadSeries,
  type SeriesTransform,
} from '../../data/series.js';
import { Rng } from '../../engine/rng.js';
import type { Sequential } from '../../engine/model.js';
import { UserError } from '../../errors.js';
import { forecastBaselines } from '../../metrics/forecast.js';
import { regressionMetrics } from '../../metrics/regression.js';
import { buildForecaster } from '../../models/forecaster.js';
import type { RunOutput } from '../../report/types.js';
import type { JobContext } from '../context.js';
import { tunedNote } from '../../analysis/tune.js';
import { type Fold, subset, trainEnsemble } from '../../train/ensemble.js';
import type { Dataset } from '../../train/fit.js';
import { direct, directWindows, oneStep, recursive, type SeriesModel, windows } from './forecasting.js';
import type {
  ForecastHyper,
  SeriesData,
  SeriesSplit,
  TestForecasts,
  TrainedMembers,
  WindowSetup,
} from './job-types.js';
import { forecastOutput } from './train-outputs.js';

/** The forecast model file's pipeline types live in job-types.ts; tasks/model.ts reads them from here. */
export type { CovariatePipeline, SeriesPipeline } from './job-types.js';

export function runForecastJob(spec: TrainSpec, model: ModelKind, ctx: JobContext): RunOutput {
  refuseTestFile(spec, 'forecast');
  const data = readSeries(spec, ctx);
  const split = splitSeries(spec, data, ctx);
  const setup = windowSetup(spec, data, split);
  setupNotes(spec, data, split, setup, ctx);
  const trained = trainMembers(spec, model, setup, ctx);
  const tested = testForecasts(data, split, setup, trained);
  return forecastOutput({ spec, model, ctx, data, split, setup, trained, tested });
}

/** The table read and inferred, and the series cut from it (to a backtest origin when the variant says so). */
function readSeries(spec: TrainSpec, ctx: JobContext): SeriesData {
  const table = ctx.readTable(spec.data);
  for (const n of table.notes) ctx.note(n);
  const schema = inferSchema(table);
  const series = cutSeries(
    loadSeries(table, schema, spec.target, spec.date, spec.covariates ?? 'auto'),
    ctx.variant?.seriesEnd,
  );
  const notes = [...table.notes, ...series.notes];
  for (const n of series.notes) ctx.note(n);
  const n = series.values.length;
  const s = series.season;
  ctx.note(
    `series "${series.target}"${series.timeColumn ? ` by "${series.timeColumn}"` : ''}: ${n} points, ${series.freq}${s > 1 ? `, season ${s}` : ''}`,
  );
  return { table, schema, series, notes };
}

/** The chronological split: the test part is the last periods. */
function splitSeries(spec: TrainSpec, data: SeriesData, ctx: JobContext): SeriesSplit {
  const n = data.series.values.length;
  const s = data.series.season;
  // NOTE: by default the test part is whole seasons (the last 24 of 144 months), else a fraction.
  const seasons = s > 1 ? Math.round((spec.testSize * n) / s) : 0;
  const nTest = spec.testPeriods ?? (seasons >= 1 ? seasons * s : Math.max(1, Math.round(spec.testSize * n)));
  const nTrain = n - nTest;
  if (nTrain < 8) {
    throw new UserError({
      file: data.table.file,
      message: `the series has ${n} points; after the ${nTest}-period test part only ${nTrain} remain for training`,
      hint: 'give a longer series or a smaller --test-periods',
    });
  }
  const tuned = tunedNote(
    spec.tunedOn,
    Int32Array.from({ length: nTest }, (_, i) => nTrain + i),
    ctx.variant,
  );
  if (tuned) {
    data.notes.push(tuned);
    ctx.note(tuned);
  }
  return { n, s, nTrain, nTest };
}

/** Transforms chosen on the training part, the transformed channels, the window and the strategy. */
function windowSetup(spec: TrainSpec, data: SeriesData, split: SeriesSplit): WindowSetup {
  const { n, s, nTrain, nTest } = split;
  const y = data.series.values;
  const fitSeason = nTrain >= 3 * s ? s : 1; // a season needs three cycles of training data to be judged
  const { transform: tf, reasons } = chooseTransform(y.subarray(0, nTrain), fitSeason);
  const covs = data.series.covariates;
  const covTfs = covs.map((c) => covariateTransform(c.values.subarray(0, nTrain), tf, fitSeason));
  const F = 1 + covs.length;
  // zAll: (n − lag, F) row-major, every channel on the same time steps.
  const { z: zAll, lag } = forwardChannels([y, ...covs.map((c) => c.values)], [tf, ...covTfs]);
  const nTrainZ = nTrain - lag;
  const W = spec.window ?? defaultWindow(s, nTrainZ);
  const strategy = spec.strategy;
  // NOTE: a direct network forecasts the whole test part and the --horizon at once: D outputs; a
  // recursive one forecasts the next step of every channel (F outputs), since future covariates are unknown.
  const D = strategy === 'direct' ? Math.max(nTest, spec.horizon ?? 0) : 1;
  // A univariate direct network with one output is the recursive one (kept so, as before covariates).
  const mode: ForecastStrategy = strategy === 'direct' && (D > 1 || F > 1) ? 'direct' : 'recursive';
  const O = mode === 'direct' ? D : F;
  const nWindows = nTrainZ - W - D + 1;
  if (nWindows < 6) {
    throw new UserError({
      file: data.table.file,
      message: `the series has ${n} points: too few for a window of ${W} plus a ${nTest}-period test part (${Math.max(0, nWindows)} training windows${D > 1 ? ` of ${D} direct outputs` : ''})`,
      hint: `give at least ${W + lag + D + 5 + nTest} points, or a smaller --window / --test-periods${D > 1 ? ' / --horizon, or --strategy recursive' : ''}`,
    });
  }
  return { tf, reasons, covTfs, F, zAll, nTrainZ, W, D, mode, O, nWindows };
}

/** The transforms, covariates, window and strategy said on stderr (and the covariate line in the notes). */
function setupNotes(spec: TrainSpec, data: SeriesData, split: SeriesSplit, setup: WindowSetup, ctx: JobContext): void {
  const { s, nTest } = split;
  const { W, D, F, mode, nTrainZ } = setup;
  for (const r of setup.reasons) ctx.note(`transform: ${r}`);
  if (F > 1) {
    const line = covariateNote(
      data.series.covariates.map((c) => c.name),
      setup.covTfs,
      mode,
    );
    ctx.note(line);
    data.notes.push(line);
  }
  const want = s > 1 ? s : 8;
  const why = spec.window
    ? ''
    : W < want
      ? ` (default: ${s > 1 ? `one season would be ${want}` : '8 without a season'}, cut to a quarter of the ${nTrainZ} transformed training points so that enough windows remain)`
      : ` (default: ${s > 1 ? 'one season' : '8 without a season'})`;
  ctx.note(
    `window: ${W} past periods${why}; test part: the last ${nTest} periods; ${mode === 'direct' ? `direct strategy: the network outputs the next ${D} periods at once` : 'recursive multi-step forecasts'}`,
  );
}

/** The ensemble trained on block folds of the training windows, and its out-of-fold residuals. */
function trainMembers(spec: TrainSpec, model: ModelKind, setup: WindowSetup, ctx: JobContext): TrainedMembers {
  const { zAll, W, D, F, O, mode, nTrainZ, nWindows } = setup;
  // Training windows: x = z[i−W..i−1], y = z[i] (recursive) or z[i..i+D−1] (direct).
  const train: Dataset =
    mode === 'direct' ? directWindows(zAll, W, D, W, nTrainZ - D + 1, F) : windows(zAll, W, W, nTrainZ, F);
  const nMembers = spec.ensemble ?? (nWindows <= 2000 ? 5 : 1);
  const folds: Fold[] = blockFolds(train, W * F, O, nMembers, spec.valSize);
  const built = buildForecaster({
    kind: model,
    window: W,
    channels: F,
    outputs: O,
    hidden: spec.hidden,
    dropout: spec.dropout,
  });
  const hyper = forecastHyper(spec, model, built.hidden, W, nMembers);
  const rng = new Rng(spec.seed);
  const ens = trainEnsemble(
    built.spec,
    folds,
    {
      epochs: hyper.epochs,
      batchSize: hyper.batch_size,
      lr: hyper.lr,
      optimizer: hyper.optimizer,
      patience: hyper.patience,
      weightDecay: hyper.weight_decay,
      loss: 'mse',
      clipNorm: hyper.clip_norm,
      plateau: Math.max(5, Math.floor(hyper.patience / 3)),
    },
    rng.fork(),
    ctx.listener,
    ctx.note,
  );
  return { hidden: built.hidden, hyper, nMembers, folds, ens, residuals: outOfFoldResiduals(folds, ens.members, O) };
}

function forecastHyper(
  spec: TrainSpec,
  model: ModelKind,
  hidden: number[],
  W: number,
  nMembers: number,
): ForecastHyper {
  return {
    model,
    strategy: spec.strategy,
    hidden: hidden.join(','),
    window: W,
    ensemble: nMembers,
    epochs: spec.epochs ?? 300,
    batch_size: spec.batchSize ?? 16,
    lr: spec.lr ?? (spec.optimizer === 'sgd' ? 0.01 : 0.003),
    optimizer: spec.optimizer,
    patience: spec.patience ?? 30,
    weight_decay: spec.weightDecay ?? 1e-3,
    dropout: spec.dropout ?? 0,
    clip_norm: 1,
  };
}

/** Out-of-fold residuals (z-space) for the intervals: each member on its own validation block. */
function outOfFoldResiduals(folds: Fold[], members: Sequential[], O: number): number[] {
  const residuals: number[] = [];
  folds.forEach((f, k) => {
    if (!f.val || k >= members.length) return;
    const p = members[k].predict(f.val.x, f.val.n);
    for (let i = 0; i < f.val.n * O; i++) residuals.push(f.val.y[i] - p[i]);
  });
  return residuals;
}

/** One-step over the test part from the true history; multi-step from its start; and the baselines. */
function testForecasts(
  data: SeriesData,
  split: SeriesSplit,
  setup: WindowSetup,
  trained: TrainedMembers,
): TestForecasts {
  const { series } = data;
  const { nTrain, nTest, s } = split;
  const { tf, covTfs, W, F, O, mode, zAll, nTrainZ } = setup;
  const members = trained.ens.members;
  const y = series.values;
  const sm: SeriesModel = { members, transform: tf, covariates: covTfs, window: W, strategy: mode, outputs: O };
  const covValues = series.covariates.map((c) => c.values);
  const oneStepPred = oneStep(sm, y, covValues, nTrain);
  const multi = (mode === 'direct' ? direct : recursive)(
    members,
    tf,
    W,
    Array.from(y.subarray(0, nTrain), (v) => levelOf(v, tf)),
    Array.from(zAll.subarray(0, nTrainZ * F)),
    nTest,
    F,
  );
  const actual = y.subarray(nTrain);
  const test = { one_step: regressionMetrics(actual, oneStepPred), multi_step: regressionMetrics(actual, multi) };
  const baselines = forecastBaselines(y, nTrain, s);
  return { sm, covValues, oneStepPred, multi, actual, test, baselines };
}

/** N folds whose validation parts are contiguous blocks of windows (the last block for N = 1); X, D: sizes of one x and one y. */
function blockFolds(d: Dataset, X: number, D: number, N: number, valFrac: number): Fold[] {
  const take = (idx: number[]): Dataset => subset(d, Int32Array.from(idx), X, D);
  const all = Array.from({ length: d.n }, (_, i) => i);
  if (N <= 1) {
    const nVal = Math.max(3, Math.round(valFrac * d.n));
    return [{ train: take(all.slice(0, d.n - nVal)), val: take(all.slice(d.n - nVal)) }];
  }
  return Array.from({ length: N }, (_, k) => {
    const lo = Math.floor((k * d.n) / N);
    const hi = Math.floor(((k + 1) * d.n) / N);
    return { train: take(all.filter((i) => i < lo || i >= hi)), val: take(all.slice(lo, hi)) };
  });
}

/** One line on the covariates: which, their transforms, and how multi-step forecasts treat their unknown future. */
function covariateNote(names: string[], tfs: SeriesTransform[], strategy: ForecastStrategy): string {
  const list = names.map((nm, k) => `"${nm}"${tfs[k].log ? ' (log)' : ''}`).join(', ');
  const future =
    strategy === 'direct'
      ? 'multi-step forecasts read them up to the forecast origin only (the direct network outputs the target alone)'
      : 'their future values are unknown, so the network forecasts every channel one step ahead and feeds all of them back';
  return `covariates: ${list} as extra input channels (each standardised on the training part, with the target's differencing); ${future}`;
}
