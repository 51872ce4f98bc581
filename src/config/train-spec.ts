// What a train run is given: the TrainSpec that the option table (options.ts) resolves flags and
// config files into, and the word lists and limits its fields take.

import type { OptimizerKind } from '../engine/optimizers/index.js';
import type { ModelKind, Task } from './tasks.js';

export const LANGS = ['en', 'zh'] as const;
export const FORECAST_STRATEGIES = ['recursive', 'direct'] as const;
export type ForecastStrategy = (typeof FORECAST_STRATEGIES)[number];
export const SENSITIVITY_MODES = ['auto', 'on', 'off'] as const;
export type SensitivityMode = (typeof SENSITIVITY_MODES)[number];
export type Lang = (typeof LANGS)[number];
/** --horizon limit (train and predict): each period is one more forward pass per path (1,000 took 74 s). */
export const MAX_HORIZON = 1000;

/** What nnm tune held out: the 1-based data rows (tables) or periods (series) of the test part that
 *  `nnm train` with the same seed and test options will score, none of which tuning saw. */
export interface TunedOn {
  seed: number;
  /** 'split' (a seeded split of the rows), 'file' (a separate --test file), 'periods' (last periods). */
  test: 'split' | 'file' | 'periods';
  test_rows: number[];
}

export interface TrainSpec {
  data: string;
  sheet?: string;
  /** 1-based row of the header (rows above it are skipped); absent = title lines detected. */
  headerRow?: number;
  /** Tables with more cells (rows x columns) are refused. */
  maxCells: number;
  target?: string;
  task?: Task;
  model: ModelKind | 'auto';
  features?: string[];
  date?: string;
  window?: number;
  horizon?: number;
  strategy: ForecastStrategy;
  /** Forecast: other numeric columns read as input channels (absent = auto: all of them). */
  covariates?: 'auto' | 'none' | string[];
  imageShape?: [number, number, number];
  imageSize?: number;
  augment: boolean;
  sequenceColumns?: string[];
  hidden?: number[];
  epochs?: number;
  batchSize?: number;
  lr?: number;
  optimizer: OptimizerKind;
  patience?: number;
  ensemble?: number;
  dropout?: number;
  weightDecay?: number;
  testSize: number;
  test?: string;
  testPeriods?: number;
  valSize: number;
  seed: number;
  /** Cross-validation folds (tabular: (stratified) K-fold; forecast: rolling-origin backtest). */
  cv?: number;
  /** Retrain with seeds seed, seed+1, ... and report mean ± std. */
  repeats?: number;
  sensitivity: SensitivityMode;
  /** Clustering: number of clusters (chosen by silhouette in 2..8 when absent). */
  clusters?: number;
  /** The --task word as typed (e.g. 预测), for the inference of an ambiguous keyword (set by the CLI). */
  taskWord?: string;
  /** Written by nnm tune into its config file: which rows tuning never saw (config files only). */
  tunedOn?: TunedOn;
  out?: string;
  config?: string;
  json: boolean;
  quiet: boolean;
  force: boolean;
  lang: Lang;
  debug: boolean;
}
