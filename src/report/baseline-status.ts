// What the report says about a baseline that did not run to the end: skipped by its cost budget
// (metrics.json `baselines.<name>.skipped`: the reason) or stopped before it converged
// (`converged: false`). The metrics table marks its row; the results list says why.

import type { Messages } from './i18n/index.js';

function skippedReason(b: Record<string, unknown>, zh: boolean): string | undefined {
  if (typeof b.skipped !== 'string') return undefined;
  // NOTE: the reason in metrics.json is English; the Chinese report rebuilds it from the numbers.
  if (zh && typeof b.cost === 'number' && typeof b.budget === 'number')
    return `计算量 ${b.cost.toPrecision(3)} 次乘加超过预算 ${b.budget.toPrecision(1)}`;
  return b.skipped;
}

/** The metrics-table row label of a baseline, marked when it was skipped or did not converge. */
export function baselineLabel(name: string, b: Record<string, unknown>, m: Messages): string {
  const mark =
    typeof b.skipped === 'string'
      ? m.baselineStatus.skippedMark
      : b.converged === false
        ? m.baselineStatus.notConvergedMark
        : '';
  return m.baselineRow(name) + mark;
}

/** One sentence per skipped or unconverged baseline. */
export function baselineStatusLines(baselines: Record<string, Record<string, unknown>>, m: Messages): string[] {
  const zh = m.lang === 'zh';
  return Object.entries(baselines).flatMap(([name, b]) => {
    const reason = skippedReason(b, zh);
    if (reason !== undefined) return [m.baselineStatus.skipped(m.interp.baselineName(name), reason)];
    if (b.converged === false)
      return [m.baselineStatus.notConverged(m.interp.baselineName(name), Number(b.iterations))];
    return [];
  });
}
