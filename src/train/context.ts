// What a job needs from its caller, injected: where notes go, how progress is reported, the clock.

import type { TrainListener } from './fit.js';

export interface JobContext {
  /** A one-line note for the user (stderr). */
  note(msg: string): void;
  listener: TrainListener;
  /** The command line as typed, for the reproducibility block. */
  command: string;
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
