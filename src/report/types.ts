// What a finished training run hands to the report writers: plain data only.

import type { LayerSummary } from '../engine/model.js';

export interface DataAudit {
  file: string;
  sha256: string;
  encoding: string;
  delimiter: string;
  rows: number;
  columns: { name: string; type: string; missing: number; unique: number; role: 'target' | 'input' | 'unused' }[];
  imputed: { column: string; count: number; value: string }[];
  notes: string[];
}

export interface RunSummary {
  task: string;
  model: string;
  command: string;
  seed: number;
  nnmVersion: string;
  audit: DataAudit;
  target: string;
  split: string;
  layers: LayerSummary[];
  paramCount: number;
  hyper: Record<string, string | number>;
  history: HistoryRow[];
  metrics: MetricsJson;
  notes: string[];
  /** Network input shape (the layers list only holds output shapes); for the network diagram. */
  inShape?: number[];
  /** How the test part was chosen, as data (the `split` sentence is English only). */
  splitInfo?: SplitInfo;
  /** What was done to each input and to the target, fitted on the training part. */
  preprocessing?: PreprocessStep[];
  /** Test actuals and predictions (original units / class labels), for the figures. */
  predictions?: TestPredictions;
  /** Forecast task: the series for the forecast figures. */
  forecast?: ForecastData;
  /** Image runs: misclassified test images (at most 24), for the grid figure. */
  misclassified?: { shape: [number, number, number]; items: { pixels: number[]; actual: string; predicted: string }[] };
  /** Unit of the target when known (e.g. "thousands"), for axis labels. */
  targetUnit?: string;
  /** Cluster task: the map and the rows' assignments, for its figures and tables. */
  cluster?: ClusterData;
}

export interface ClusterData {
  /** SOM grid side (side × side units, row-major). */
  rows: number;
  cols: number;
  /** Per unit: U-matrix value, cluster (1..k; 0 for a unit that holds no row), rows mapped to it. */
  umatrix: number[];
  unitCluster: number[];
  hits: number[];
  /** A seeded sample of rows (at most 2000): first two principal components and cluster. */
  projection: { x: number[]; y: number[]; cluster: number[]; explained: [number, number] };
  /** Per cluster 1..k: rows, mean silhouette (on the sample). */
  sizes: number[];
  silhouette: number[];
}

export interface SplitInfo {
  kind: 'random' | 'stratified' | 'file' | 'chronological';
  train: number;
  test: number;
  /** Validation rows per network (early stopping). */
  val?: number;
  /** Fraction of the rows held out for the test part (random splits). */
  testFraction?: number;
  /** The separate test file (kind "file"). */
  file?: string;
}

export type PreprocessStep =
  | { kind: 'numeric'; column: string; fill: number; mean: number; std: number; missing: number }
  | { kind: 'onehot'; column: string; levels: number; fill: string; missing: number }
  | { kind: 'target_classes'; column: string; classes: number }
  | { kind: 'target_scaled'; column: string; mean: number; std: number };

export interface TestPredictions {
  /** One per test example: class labels (classification) or numbers in original units. */
  actual: (string | number)[];
  predicted: (string | number)[];
  /** Classification: per example, one probability per class in metrics.test.labels order. */
  probabilities?: number[][];
  /** `nnm compare` only: each baseline's per-row test predictions, in the same form. */
  baselines?: Record<string, (string | number)[]>;
}

/** Everything the forecast figures need, as plain arrays (x values are dates or period numbers). */
export interface ForecastData {
  history: { x: (string | number)[]; y: number[] };
  test: { x: (string | number)[]; actual: number[]; oneStep?: number[]; multiStep?: number[] };
  future?: { x: (string | number)[]; mean: number[]; lower?: number[]; upper?: number[]; level?: number };
  /** One-step test residuals (actual - predicted), for the autocorrelation figure. */
  residuals?: number[];
}

export interface MetricsJson {
  task: string;
  model: string;
  data: Record<string, unknown>;
  test: Record<string, unknown>;
  baselines: Record<string, Record<string, unknown>>;
  train: {
    epochs: number;
    seconds: number;
    best_epoch: number;
    samples_per_second: number;
    stopped_early: boolean;
    members?: number;
    best_epochs?: number[];
    interrupted?: boolean;
    diverged?: string;
    retried_lr?: number;
    /** Folds planned (an interruption can leave fewer members) and the rows of each. */
    planned_members?: number;
    fold_rows?: { train: number; val: number }[];
    /** Per network: why it stopped, its epochs and best epoch (older run folders lack it). */
    networks?: NetworkFacts[];
  };
  [k: string]: unknown;
}

export interface RunOutput {
  summary: RunSummary;
  /** Resolved options (config.json). */
  config: Record<string, unknown>;
  /** file name (relative to the run folder) -> content. */
  files: Record<string, string>;
  /** Inner runs of nnm tune: the 1-based data rows of the main test part, which this run never saw. */
  heldOut?: number[];
}

/** One epoch of training as the report reads it (train/fit.ts's EpochLog has this shape). */
export interface HistoryRow {
  epoch: number;
  train_loss: number;
  val_loss: number;
  lr: number;
}

/** Why a network stopped: early stopping (patience), the epoch limit, Ctrl-C / a signal, or divergence. */
export type StopReason = 'patience' | 'epoch_limit' | 'interrupted' | 'diverged';

/** What each network of a run did, for the report's sentences. */
export interface NetworkFacts {
  network: number;
  /** Why the network stopped training (train/fit.ts records it). */
  stop: StopReason;
  epochs: number;
  best_epoch: number;
  train_rows: number;
  val_rows: number;
  /** Set when a divergence in epoch 1 forced a retry at this learning rate. */
  retried_lr?: number;
}
