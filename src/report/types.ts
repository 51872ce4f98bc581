// What a finished training run hands to the report writers: plain data only.

import type { LayerSummary } from '../engine/model.js';
import type { EpochLog } from '../train/fit.js';

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
  history: EpochLog[];
  metrics: MetricsJson;
  notes: string[];
}

export interface MetricsJson {
  task: string;
  model: string;
  data: Record<string, unknown>;
  test: Record<string, unknown>;
  baselines: Record<string, Record<string, unknown>>;
  train: { epochs: number; seconds: number; best_epoch: number; samples_per_second: number; stopped_early: boolean; members?: number; best_epochs?: number[]; interrupted?: boolean; diverged?: string };
  [k: string]: unknown;
}

export interface RunOutput {
  summary: RunSummary;
  /** Resolved options (config.json). */
  config: Record<string, unknown>;
  /** file name (relative to the run folder) -> content. */
  files: Record<string, string>;
}
