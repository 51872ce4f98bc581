// The forecast job's outputs, built from what its steps hand on (job-types.ts): the future forecast
// with its intervals, metrics.json, the model file's pipeline, the run summary and the run-folder files.

import { nnmVersion } from '../../config/version.js';
import { formatTime } from '../../data/dates.js';
import type { Series, SeriesTransform } from '../../data/series.js';
import { encodeModelFile } from '../../models/model-file.js';
import { toCsv } from '../../report/csv.js';
import type { ForecastData, MetricsJson, RunOutput, RunSummary } from '../../report/types.js';
import { trainStats } from '../../train/ensemble.js';
import { forecastAhead } from './forecasting.js';
import { dataAudit, historyCsv, resolvedConfig } from '../outputs.js';
import type { ForecastJob, SeriesPipeline } from './job-types.js';

export function forecastOutput(job: ForecastJob): RunOutput {
  const { spec, data, trained, tested } = job;
  const future = futureForecast(job);
  const beats = Object.entries(tested.baselines)
    .filter(([, b]) => b.multi_step.rmse <= tested.test.multi_step.rmse)
    .map(([k]) => k);
  if (beats.length)
    data.notes.push(`the network does not beat the ${beats.join(', ')} baseline(s) on the multi-step test forecast`);
  data.notes.push(...job.setup.reasons.map((r) => `transform: ${r}`));
  const metrics = forecastMetrics(job);
  const files: Record<string, string> = {
    'model.nnm.json': encodeModelFile(trained.ens.members, {
      nnmVersion: nnmVersion(),
      task: 'forecast',
      model: job.model,
      pipeline: seriesPipeline(job),
      seed: spec.seed,
    }),
    'predictions.csv': predictionsCsv(job),
    'history.csv': historyCsv(trained.ens),
  };
  if (future) files['forecast.csv'] = future.csv;
  const config = resolvedConfig(spec, {
    task: 'forecast',
    model: job.model,
    strategy: spec.strategy,
    window: job.setup.W,
    testPeriods: job.split.nTest,
    hidden: trained.hidden,
    epochs: trained.hyper.epochs,
    batchSize: trained.hyper.batch_size,
    lr: trained.hyper.lr,
    patience: trained.hyper.patience,
    weightDecay: trained.hyper.weight_decay,
    ensemble: trained.nMembers,
  });
  return { summary: forecastSummary(job, metrics, future?.data), config, files };
}

/** The label of point i: its row number, or its formatted time. */
function pointLabel(series: Series, i: number): string | number {
  return series.freq === 'rows' ? i + 1 : formatTime(series.times[i], series.freq, series.yearOnly);
}

/** Future forecast with simulated intervals, when a --horizon is given. */
function futureForecast(job: ForecastJob): { data: NonNullable<ForecastData['future']>; csv: string } | undefined {
  const H = job.spec.horizon ?? 0;
  if (H <= 0) return undefined;
  const { series } = job.data;
  const { sm, covValues } = job.tested;
  const n = job.split.n;
  const f = forecastAhead(
    sm,
    series.values,
    covValues,
    H,
    job.trained.residuals,
    job.spec.seed,
    series.times[n - 1],
    series.freq,
    series.yearOnly,
  );
  const data = {
    x: f.labels,
    mean: Array.from(f.point),
    lower: Array.from(f.lower),
    upper: Array.from(f.upper),
    level: 0.95,
  };
  const csv = toCsv(
    ['date', 'forecast', 'lower_95', 'upper_95'],
    Array.from({ length: H }, (_, h) => [f.labels[h], f.point[h], f.lower[h], f.upper[h]]),
  );
  return { data, csv };
}

function forecastMetrics(job: ForecastJob): MetricsJson {
  const { spec, data, split, setup, trained, tested } = job;
  const { tf, F } = setup;
  return {
    task: 'forecast',
    model: job.model,
    data: {
      file: spec.data,
      rows: data.table.nRows,
      points: split.n,
      train_rows: split.nTrain,
      test_rows: split.nTest,
      frequency: data.series.freq,
      season: split.s,
      window: setup.W,
      val_rows: trained.folds[0].val?.n ?? 0,
      transforms: describeTransform(tf),
      transform: { log: tf.log, seasonalLag: tf.seasonalLag, diff: tf.diff },
      ...(F > 1 ? { covariates: data.series.covariates.map((c) => c.name) } : {}),
    },
    test: tested.test,
    baselines: tested.baselines,
    train: trainStats(trained.ens),
  };
}

function seriesPipeline(job: ForecastJob): SeriesPipeline {
  const { series } = job.data;
  const { tf, covTfs, F } = job.setup;
  const covs = series.covariates;
  return {
    kind: 'series',
    target: series.target,
    timeColumn: series.timeColumn,
    freq: series.freq,
    yearOnly: series.yearOnly,
    season: job.split.s,
    transform: tf,
    window: job.setup.W,
    values: Array.from(series.values),
    times: series.times,
    // NOTE: at full precision: the run's intervals are drawn from these, and predict must redraw the same numbers.
    residuals: Array.from(job.trained.residuals),
    outputs: job.setup.O,
    strategy: job.setup.mode,
    ...(F > 1
      ? { covariates: covs.map((c, k) => ({ name: c.name, transform: covTfs[k], values: Array.from(c.values) })) }
      : {}),
  };
}

function predictionsCsv(job: ForecastJob): string {
  const { series } = job.data;
  const { nTrain, nTest } = job.split;
  const { actual, oneStepPred, multi } = job.tested;
  return toCsv(
    [series.freq === 'rows' ? 'row' : 'date', 'actual', 'predicted', 'multi_step'],
    Array.from({ length: nTest }, (_, i) => [pointLabel(series, nTrain + i), actual[i], oneStepPred[i], multi[i]]),
  );
}

function forecastSummary(job: ForecastJob, metrics: MetricsJson, future: ForecastData['future']): RunSummary {
  const { spec, data, trained, tested } = job;
  const { table, schema, series, notes } = data;
  const { nTrain, nTest } = job.split;
  const { actual, oneStepPred, multi } = tested;
  const members = trained.ens.members;
  const label = (i: number): string | number => pointLabel(series, i);
  const y = series.values;
  return {
    task: 'forecast' as const,
    model: job.model,
    command: job.ctx.command,
    seed: spec.seed,
    nnmVersion: nnmVersion(),
    audit: dataAudit(spec.data, table, schema, (c) => roleOf(series, c), [], notes),
    target: series.target,
    split: `chronological: the first ${nTrain} periods for training, the last ${nTest} for testing`,
    layers: members[0].summary(),
    paramCount: members[0].paramCount,
    hyper: trained.hyper,
    history: trained.ens.results[0].history,
    metrics,
    notes,
    inShape: [job.setup.W, job.setup.F],
    splitInfo: { kind: 'chronological' as const, train: nTrain, test: nTest, val: trained.folds[0].val?.n ?? 0 },
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
}

function roleOf(series: Series, c: string): 'target' | 'input' | 'unused' {
  if (c === series.target) return 'target';
  return c === series.timeColumn || series.covariates.some((v) => v.name === c) ? 'input' : 'unused';
}

function describeTransform(tf: SeriesTransform): string {
  const parts: string[] = [];
  if (tf.log) parts.push('log');
  if (tf.seasonalLag) parts.push(`seasonal difference (lag ${tf.seasonalLag})`);
  if (tf.diff) parts.push('first difference');
  parts.push('standardise');
  return parts.join(' -> ');
}
