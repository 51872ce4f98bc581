// Summaries of many runs (cross-validation folds, repeated seeds): the scalar metrics of each run,
// then their mean and sample standard deviation (n − 1 in the denominator; 0 for a single run).
// Nested metric groups are flattened with an underscore: {one_step: {rmse}} -> one_step_rmse.

export type Scalars = Record<string, number>;

/** The finite numeric metrics of a test (or baseline) record, nested groups flattened. */
export function scalarMetrics(m: Record<string, unknown>, prefix = ''): Scalars {
  const out: Scalars = {};
  for (const [k, v] of Object.entries(m)) {
    if (k === 'mape_excluded' || k === 'alpha' || k === 'beta') continue;
    if (typeof v === 'number' && Number.isFinite(v)) out[prefix + k] = v;
    else if (v && typeof v === 'object' && !Array.isArray(v))
      Object.assign(out, scalarMetrics(v as Record<string, unknown>, `${prefix}${k}_`));
  }
  return out;
}

/** Mean and sample standard deviation of every key present in all rows. */
export function meanStd(rows: Scalars[]): { mean: Scalars; std: Scalars } {
  const mean: Scalars = {};
  const std: Scalars = {};
  if (rows.length === 0) return { mean, std };
  const keys = Object.keys(rows[0]).filter((k) => rows.every((r) => typeof r[k] === 'number'));
  for (const k of keys) {
    const n = rows.length;
    const m = rows.reduce((s, r) => s + r[k], 0) / n;
    mean[k] = m;
    const sd = n > 1 ? Math.sqrt(rows.reduce((s, r) => s + (r[k] - m) ** 2, 0) / (n - 1)) : 0;
    // NOTE: identical values can leave ~1e-17 of rounding; report that as 0.
    std[k] = sd < 1e-12 * Math.max(1, Math.abs(m)) ? 0 : sd;
  }
  return { mean, std };
}

export interface RunRow {
  test: Scalars;
  baselines: Record<string, Scalars>;
  train_rows?: number;
  test_rows?: number;
}

export interface ManyRuns {
  mean: Scalars;
  std: Scalars;
  /** Baseline name -> mean and std of its metrics over the same runs. */
  baselines: Record<string, { mean: Scalars; std: Scalars }>;
}

export function summariseRuns(rows: RunRow[]): ManyRuns {
  const names = rows.length ? Object.keys(rows[0].baselines).filter((b) => rows.every((r) => r.baselines[b])) : [];
  return {
    ...meanStd(rows.map((r) => r.test)),
    baselines: Object.fromEntries(names.map((b) => [b, meanStd(rows.map((r) => r.baselines[b]))])),
  };
}

export interface CvSummary extends ManyRuns {
  method: string;
  k: number;
  folds: (RunRow & { fold: number })[];
}

export interface RepeatsSummary extends ManyRuns {
  seeds: number[];
  runs: (RunRow & { seed: number })[];
}
