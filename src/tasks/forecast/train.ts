// The forecast job: series -> chronological split (test = the last periods) -> transformations chosen
// on the training part -> windows -> an ensemble of networks (each early-stopped on its own block of
// training windows) -> one-step and multi-step test forecasts, baselines, and the future forecast
// with simulated 95% intervals (validation residuals resampled along 400 recursive paths).

import type { ForecastStrategy, TrainSpec } from '../../config/options.js';
import type { ModelKind } from '../../config/tasks.js';
import { refuseTestFile } from '../../config/test-file.js';
import { nnmVersion } from '../../config/version.js';
import { formatTime } from '../../data/dates.js';
import { inferSchema } from '../../data/schema.js';
import {
  chooseTransform,
  covariateTransform,
  cutSeries,
  defaultWindow,
  forwardChannels,
  levelOf,
  loadSeries,
  type Series,
  type SeriesTransform,
} from '../../data/series.js';
import { Rng } from '../../engine/rng.js';
import { UserError } from '../../errors.js';
import { forecastBaselines } from '../../metrics/forecast.js';
import { regressionMetrics } from '../../metrics/regression.js';
import { buildForecaster } from '../../models/forecaster.js';
import { encodeModelFile } from '../../models/model-file.js';
import { toCsv } from '../../report/csv.js';
import type { ForecastData, MetricsJson, RunOutput } from '../../report/types.js';
import type { JobContext } from '../context.js';
import { tunedNote } from '../../analysis/tune.js';
import { type Fold, subset, trainEnsemble, trainStats } from '../../train/ensemble.js';
import { direct, directWindows, forecastAhead, oneStep, recursive, type SeriesModel, windows } from './forecasting.js';
import { dataAudit, historyCsv, resolvedConfig } from '../outputs.js';
import type { Dataset } from '../../train/fit.js';

export interface SeriesPipeline {
  kind: 'series';
  target: string;
  timeColumn?: string;
  freq: Series['freq'];
  season: number;
  transform: SeriesTransform;
  window: number;
  /** The training series (values and times) so predict can forecast with no data given. */
  values: number[];
  times: number[];
  /** Out-of-fold residuals (transformed scale; D per window for direct), for prediction intervals. */
  residuals: number[];
  /** Network outputs: D for direct (the longest horizon predict can give); 1, or F with covariates, for recursive. */
  outputs?: number;
  /** Absent in older files: direct when outputs > 1. */
  strategy?: ForecastStrategy;
  /** Covariate channels 1..F−1 in window order (absent for a univariate model): transforms and training values. */
  covariates?: CovariatePipeline[];
}

export interface CovariatePipeline {
  name: string;
  transform: SeriesTransform;
  values: number[];
}

export function runForecastJob(spec: TrainSpec, model: ModelKind, ctx: JobContext): RunOutput {
  refuseTestFile(spec, 'forecast');
  const table = ctx.readTable(spec.data);
  for (const n of table.notes) ctx.note(n);
  const schema = inferSchema(table);
  const series = cutSeries(
    loadSeries(table, schema, spec.target, spec.date, spec.covariates ?? 'auto'),
    ctx.variant?.seriesEnd,
  );
  const notes = [...table.notes, ...series.notes];
  for (const n of series.notes) ctx.note(n);
  const y = series.values;
  const n = y.length;
  const s = series.season;
  ctx.note(
    `series "${series.target}"${series.timeColumn ? ` by "${series.timeColumn}"` : ''}: ${n} points, ${series.freq}${s > 1 ? `, season ${s}` : ''}`,
  );

  // NOTE: by default the test part is whole seasons (the last 24 of 144 months), else a fraction.
  const seasons = s > 1 ? Math.round((spec.testSize * n) / s) : 0;
  const nTest = spec.testPeriods ?? (seasons >= 1 ? seasons * s : Math.max(1, Math.round(spec.testSize * n)));
  const nTrain = n - nTest;
  if (nTrain < 8) {
    throw new UserError({
      file: table.file,
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
    notes.push(tuned);
    ctx.note(tuned);
  }

  const fitSeason = nTrain >= 3 * s ? s : 1; // a season needs three cycles of training data to be judged
  const { transform: tf, reasons } = chooseTransform(y.subarray(0, nTrain), fitSeason);
  const covs = series.covariates;
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
      file: table.file,
      message: `the series has ${n} points: too few for a window of ${W} plus a ${nTest}-period test part (${Math.max(0, nWindows)} training windows${D > 1 ? ` of ${D} direct outputs` : ''})`,
      hint: `give at least ${W + lag + D + 5 + nTest} points, or a smaller --window / --test-periods${D > 1 ? ' / --horizon, or --strategy recursive' : ''}`,
    });
  }
  for (const r of reasons) ctx.note(`transform: ${r}`);
  if (F > 1) {
    const line = covariateNote(
      covs.map((c) => c.name),
      covTfs,
      mode,
    );
    ctx.note(line);
    notes.push(line);
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
  const hyper = {
    model,
    strategy,
    hidden: built.hidden.join(','),
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
  const members = ens.members;

  // Out-of-fold residuals (z-space) for the intervals.
  const residuals: number[] = [];
  folds.forEach((f, k) => {
    if (!f.val || k >= members.length) return;
    const p = members[k].predict(f.val.x, f.val.n);
    for (let i = 0; i < f.val.n * O; i++) residuals.push(f.val.y[i] - p[i]);
  });

  // One-step over the test part from the true history; multi-step from its start.
  const sm: SeriesModel = { members, transform: tf, covariates: covTfs, window: W, strategy: mode, outputs: O };
  const covValues = covs.map((c) => c.values);
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

  // Future forecast with simulated intervals.
  const H = spec.horizon ?? 0;
  let forecastCsv: string | undefined;
  const label = (i: number): string | number =>
    series.freq === 'rows' ? i + 1 : formatTime(series.times[i], series.freq);
  let future: ForecastData['future'];
  if (H > 0) {
    const f = forecastAhead(sm, y, covValues, H, residuals, spec.seed, series.times[n - 1], series.freq);
    future = {
      x: f.labels,
      mean: Array.from(f.point),
      lower: Array.from(f.lower),
      upper: Array.from(f.upper),
      level: 0.95,
    };
    forecastCsv = toCsv(
      ['date', 'forecast', 'lower_95', 'upper_95'],
      Array.from({ length: H }, (_, h) => [f.labels[h], f.point[h], f.lower[h], f.upper[h]]),
    );
  }

  const beats = Object.entries(baselines)
    .filter(([, b]) => b.multi_step.rmse <= test.multi_step.rmse)
    .map(([k]) => k);
  if (beats.length)
    notes.push(`the network does not beat the ${beats.join(', ')} baseline(s) on the multi-step test forecast`);
  notes.push(...reasons.map((r) => `transform: ${r}`));
  const metrics: MetricsJson = {
    task: 'forecast',
    model,
    data: {
      file: spec.data,
      rows: table.nRows,
      points: n,
      train_rows: nTrain,
      test_rows: nTest,
      frequency: series.freq,
      season: s,
      window: W,
      val_rows: folds[0].val?.n ?? 0,
      transforms: describeTransform(tf),
      transform: { log: tf.log, seasonalLag: tf.seasonalLag, diff: tf.diff },
      ...(F > 1 ? { covariates: covs.map((c) => c.name) } : {}),
    },
    test,
    baselines,
    train: trainStats(ens),
  };
  const pipeline: SeriesPipeline = {
    kind: 'series',
    target: series.target,
    timeColumn: series.timeColumn,
    freq: series.freq,
    season: s,
    transform: tf,
    window: W,
    values: Array.from(y),
    times: series.times,
    residuals: residuals.map((r) => Number(r.toPrecision(6))),
    outputs: O,
    strategy: mode,
    ...(F > 1
      ? { covariates: covs.map((c, k) => ({ name: c.name, transform: covTfs[k], values: Array.from(c.values) })) }
      : {}),
  };
  const predictions = toCsv(
    [series.freq === 'rows' ? 'row' : 'date', 'actual', 'predicted', 'multi_step'],
    Array.from({ length: nTest }, (_, i) => [label(nTrain + i), actual[i], oneStepPred[i], multi[i]]),
  );
  const summary = {
    task: 'forecast' as const,
    model,
    command: ctx.command,
    seed: spec.seed,
    nnmVersion: nnmVersion(),
    audit: dataAudit(
      spec.data,
      table,
      schema,
      (c) =>
        c === series.target ? 'target' : c === series.timeColumn || covs.some((v) => v.name === c) ? 'input' : 'unused',
      [],
      notes,
    ),
    target: series.target,
    split: `chronological: the first ${nTrain} periods for training, the last ${nTest} for testing`,
    layers: members[0].summary(),
    paramCount: members[0].paramCount,
    hyper,
    history: ens.results[0].history,
    metrics,
    notes,
    inShape: [W, F],
    splitInfo: { kind: 'chronological' as const, train: nTrain, test: nTest, val: folds[0].val?.n ?? 0 },
    predictions: { actual: Array.from(actual), predicted: Array.from(oneStepPred) },
    forecast: {
      history: { x: Array.from({ length: nTrain }, (_, i) => label(i)), y: Array.from(y.subarray(0, nTrain)) },
      test: {
        x: Array.from({ length: nTest }, (_, i) => label(nTrain + i)),
        actual: Array.from(actual),
        oneStep: Array.from(oneStepPred),
        multiStep: Array.from(multi),
      },
      ...(future ? { future } : {}),
      residuals: Array.from(actual, (a, i) => a - oneStepPred[i]),
    } satisfies ForecastData,
  };
  const files: Record<string, string> = {
    'model.nnm.json': encodeModelFile(members, {
      nnmVersion: nnmVersion(),
      task: 'forecast',
      model,
      pipeline,
      seed: spec.seed,
    }),
    'predictions.csv': predictions,
    'history.csv': historyCsv(ens),
  };
  if (forecastCsv) files['forecast.csv'] = forecastCsv;
  const config = resolvedConfig(spec, {
    task: 'forecast',
    model,
    strategy,
    window: W,
    testPeriods: nTest,
    hidden: built.hidden,
    epochs: hyper.epochs,
    batchSize: hyper.batch_size,
    lr: hyper.lr,
    patience: hyper.patience,
    weightDecay: hyper.weight_decay,
    ensemble: nMembers,
  });
  return { summary, config, files };
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

function describeTransform(tf: SeriesTransform): string {
  const parts: string[] = [];
  if (tf.log) parts.push('log');
  if (tf.seasonalLag) parts.push(`seasonal difference (lag ${tf.seasonalLag})`);
  if (tf.diff) parts.push('first difference');
  parts.push('standardise');
  return parts.join(' -> ');
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
