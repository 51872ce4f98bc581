// How an inner run of a many-run analysis (--cv, --repeats, tune) differs from the main run; a task's
// train reads it from its context.

export interface JobVariant {
  /** Tabular cross-validation: fold `index` of a seeded (stratified) K-fold split is the test part. */
  fold?: { k: number; index: number };
  /** nnm tune: fold `index` of a K-fold split of the main run's TRAINING part is the test part (the
   *  main test rows are never seen; the run reports them as RunOutput.heldOut). */
  inner?: { k: number; index: number };
  /** Forecast backtest: only the first `seriesEnd` points of the series exist. */
  seriesEnd?: number;
  /** `nnm compare`: the seed of the test split (and validation folds), held fixed while spec.seed
   *  varies the training (initial weights, shuffles, dropout). */
  splitSeed?: number;
  /** `nnm compare`: keep the baselines' per-row test predictions (summary.predictions.baselines). */
  baselineRows?: boolean;
  /** Skip optional extras (sensitivity) that the summary of many runs does not use. */
  lite?: boolean;
}
