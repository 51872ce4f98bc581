// Small pure helpers of `npm run bench` (bench/run.js, bench/workloads.js), kept apart so they are
// unit-tested (test/bench/bench-stats.test.ts): repeat statistics, the spread warning, --only.

/** Median, min and max of the per-repeat figures (the median of an even count: mean of the middle two). */
export function summarize(values) {
  if (!values.length) throw new Error('summarize: no values');
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  const median = n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  return { value: median, min: v[0], max: v[n - 1], repeats: n };
}

/** Relative spread (max − min) / median of a summarized figure; NaN when it has no min–max. */
export function spread(r) {
  if (r == null || typeof r.min !== 'number' || typeof r.max !== 'number' || !(r.value > 0)) return NaN;
  return (r.max - r.min) / r.value;
}

/** The spread above which a figure gets a warning. */
export const SPREAD_WARN = 0.2;

/** A warning line when a figure's min–max spread exceeds SPREAD_WARN of its median, else undefined. */
export function spreadWarning(label, impl, r) {
  const s = spread(r);
  return s > SPREAD_WARN
    ? `WARNING: ${label}, ${impl}: the ${r.repeats} repeats spread ${Math.round(100 * s)}% of the median (min–max ${fmt(r.min)}–${fmt(r.max)} ${r.unit}); treat this figure as noisy`
    : undefined;
}

/** The workloads selected by `--only W1,W4` (ids or their prefix before ':'); all when absent.
 *  Throws on a name that matches no workload, listing the valid ones. */
export function selectWorkloads(workloads, only) {
  if (only === undefined) return workloads;
  const wanted = String(only)
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  const bad = wanted.filter(
    (w) => !workloads.some((x) => x.id.toUpperCase() === w || x.id.toUpperCase().split(':')[0] === w),
  );
  if (bad.length || !wanted.length)
    throw new Error(
      `--only: unknown workload ${bad.join(', ') || '(none given)'}; choose from ${workloads.map((x) => x.id).join(', ')}`,
    );
  return workloads.filter((x) =>
    wanted.some((w) => x.id.toUpperCase() === w || x.id.toUpperCase().split(':')[0] === w),
  );
}

/** How many times better `n` is than `p` (> 1: n wins), whatever the unit's direction. */
export const ratio = (n, p) => (n.better === 'higher' ? n.value / p.value : p.value / n.value);

export const fmt = (v) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v >= 10 ? v.toFixed(1) : v.toFixed(2));
