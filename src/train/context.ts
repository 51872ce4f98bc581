// What a job needs from its caller, injected: where notes go, how progress is reported, the clock.

import type { TableReader } from '../data/read.js';
import type { TrainListener } from './fit.js';

export interface JobContext {
  /** A one-line note for the user (stderr). */
  note(msg: string): void;
  listener: TrainListener;
  /** The command line as typed, for the reproducibility block. */
  command: string;
  /** Reads a data file (CSV, or an .xlsx sheet the caller has pre-read) into a RawTable. */
  readTable: TableReader;
  /** Set for the inner runs of --cv / --repeats (src/train/analysis.ts); absent for a normal run. */
  variant?: JobVariant;
}

export interface JobVariant {
  /** Tabular cross-validation: fold `index` of a seeded (stratified) K-fold split is the test part. */
  fold?: { k: number; index: number };
  /** Forecast backtest: only the first `seriesEnd` points of the series exist. */
  seriesEnd?: number;
  /** Skip optional extras (sensitivity) that the summary of many runs does not use. */
  lite?: boolean;
}
