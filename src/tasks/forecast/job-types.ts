// The model-file pipeline of a forecast model, and the typed values the forecast job's steps
// (train.ts) hand to each other and to the builders of its outputs (train-outputs.ts).

import type { ForecastStrategy, TrainSpec } from '../../config/options.js';
import type { ModelKind } from '../../config/tasks.js';
import type { RawTable } from '../../data/load.js';
import type { Schema } from '../../data/schema.js';
import type { Series, SeriesTransform } from '../../data/series.js';
import type { ForecastScores } from '../../metrics/forecast.js';
import type { RegMetrics } from '../../metrics/regression.js';
import type { JobContext } from '../context.js';
import type { Ensemble, Fold } from '../../train/ensemble.js';
import type { SeriesModel } from './forecasting.js';

export interface SeriesPipeline {
  kind: 'series';
  target: string;
  timeColumn?: string;
  freq: Series['freq'];
  /** Bare years in the training file's time column (absent in older files, which wrote yearly times as years). */
  yearOnly?: boolean;
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

/** The table, its schema, the series and the notes gathered so far (the report's data notes). */
export interface SeriesData {
  table: RawTable;
  schema: Schema;
  series: Series;
  notes: string[];
}

/** n points, season s; the first nTrain for training, the last nTest for testing. */
export interface SeriesSplit {
  n: number;
  s: number;
  nTrain: number;
  nTest: number;
}

/** The transforms, the transformed channels zAll (n − lag, F), window W, D direct outputs, O network outputs. */
export interface WindowSetup {
  tf: SeriesTransform;
  reasons: string[];
  covTfs: SeriesTransform[];
  F: number;
  zAll: Float64Array;
  nTrainZ: number;
  W: number;
  D: number;
  mode: ForecastStrategy;
  O: number;
  nWindows: number;
}

/** The hyperparameters as metrics.json and the report show them. */
export type ForecastHyper = {
  model: ModelKind;
  strategy: TrainSpec['strategy'];
  hidden: string;
  window: number;
  ensemble: number;
  epochs: number;
  batch_size: number;
  lr: number;
  optimizer: TrainSpec['optimizer'];
  patience: number;
  weight_decay: number;
  dropout: number;
  clip_norm: number;
};

export interface TrainedMembers {
  hidden: number[];
  hyper: ForecastHyper;
  nMembers: number;
  folds: Fold[];
  ens: Ensemble;
  residuals: number[];
}

export interface TestForecasts {
  sm: SeriesModel;
  covValues: Float64Array[];
  oneStepPred: Float64Array;
  multi: Float64Array;
  actual: Float64Array;
  test: { one_step: RegMetrics; multi_step: RegMetrics };
  baselines: Record<string, ForecastScores>;
}

export interface ForecastJob {
  spec: TrainSpec;
  model: ModelKind;
  ctx: JobContext;
  data: SeriesData;
  split: SeriesSplit;
  setup: WindowSetup;
  trained: TrainedMembers;
  tested: TestForecasts;
}
