// Report sections for the analyses of issue #9, kept apart from markdown.ts so that file can change
// freely: the network against its best baseline, cross-validation / backtest, repeated seeds and
// input sensitivity. Each section reads only metrics.json fields and returns markdown lines.

import type { CvSummary, ManyRuns, RepeatsSummary, Scalars } from '../metrics/aggregate.js';
import type { RunSummary } from './types.js';

const LOWER_IS_BETTER = new Set(['rmse', 'mae', 'mape']);

function n4(v: number | undefined | null): string {
  return typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toPrecision(4))) : '—';
}

function label(k: string): string {
  return k.replace(/_/g, ' ').replace(/\brmse\b/, 'RMSE').replace(/\bmae\b/, 'MAE').replace(/\bmape\b/, 'MAPE %').replace(/\br2\b/, 'R²');
}

/** The metrics a table shows per task (keys of the flattened scalar metrics). */
function headline(task: string): string[] {
  if (task === 'forecast') return ['one_step_rmse', 'multi_step_rmse', 'multi_step_mae', 'multi_step_mape'];
  if (task === 'regress') return ['rmse', 'mae', 'mape', 'r2'];
  return ['accuracy', 'macro_f1', 'precision', 'recall'];
}

/** "The network beats the best baseline by …" for classify/regress (forecast has its own line). */
export function bestBaselineLines(s: RunSummary): string[] {
  const m = s.metrics;
  if (s.task !== 'classify' && s.task !== 'regress') return [];
  const key = s.task === 'classify' ? 'accuracy' : 'rmse';
  const entries = Object.entries(m.baselines).filter(([, b]) => typeof b[key] === 'number');
  if (!entries.length) return [];
  const lower = LOWER_IS_BETTER.has(key);
  const [name, best] = entries.reduce((a, b) => ((lower ? Number(b[1][key]) < Number(a[1][key]) : Number(b[1][key]) > Number(a[1][key])) ? b : a));
  const mine = Number(m.test[key]);
  const theirs = Number(best[key]);
  const who = `the best baseline, ${name.replace(/_/g, ' ')} (${label(key)} ${n4(theirs)})`;
  let line: string;
  if (lower) {
    line = mine < theirs
      ? `Against ${who}, the network's RMSE ${n4(mine)} is ${Math.round((1 - mine / theirs) * 100)}% lower.`
      : `**The network does not beat ${who}**: its RMSE is ${n4(mine)}.`;
  } else {
    line = mine > theirs
      ? `Against ${who}, the network's accuracy ${n4(mine)} is ${n4((mine - theirs) * 100)} percentage points higher.`
      : `**The network does not beat ${who}**: its accuracy is ${n4(mine)}${mine === theirs ? ' (a tie)' : ''}.`;
  }
  return ['## Baselines', '', `Every baseline was fitted on the same training rows and inputs and scored on the same test rows. ${line}`, ''];
}

function meanStdCell(mean: Scalars, std: Scalars, k: string): string {
  return `${n4(mean[k])} ± ${n4(std[k])}`;
}

function baselineRows(r: ManyRuns, keys: string[]): string[] {
  return Object.entries(r.baselines).map(([b, v]) => `| baseline: ${b.replace(/_/g, ' ')} (mean ± std) | ${keys.map((k) => meanStdCell(v.mean, v.std, k)).join(' | ')} |`);
}

export function cvLines(s: RunSummary): string[] {
  const cv = s.metrics.cv as CvSummary | undefined;
  if (!cv) return [];
  const keys = headline(s.task).filter((k) => k in cv.mean);
  const what = cv.method === 'rolling-origin backtest'
    ? `Rolling-origin backtest with ${cv.k} origins: each fold trains on every period before its test window (of ${cv.folds[0]?.test_rows ?? '?'} periods) and forecasts it; the last fold is the main test part.`
    : `${cv.method === 'stratified k-fold' ? 'Stratified ' : ''}${cv.k}-fold cross-validation of the whole labelled data: each fold is the test part once, the network (and every baseline) is refitted on the rest.`;
  return [
    '## Cross-validation', '', what, '',
    `| fold | train rows | test rows | ${keys.map(label).join(' | ')} |`, `|---:|---:|---:|${keys.map(() => '---:').join('|')}|`,
    ...cv.folds.map((f) => `| ${f.fold} | ${f.train_rows ?? ''} | ${f.test_rows ?? ''} | ${keys.map((k) => n4(f.test[k])).join(' | ')} |`),
    `| **mean ± std** |  |  | ${keys.map((k) => `**${meanStdCell(cv.mean, cv.std, k)}**`).join(' | ')} |`,
    '',
    `| model | ${keys.map(label).join(' | ')} |`, `|---|${keys.map(() => '---:').join('|')}|`,
    `| ${s.model.toUpperCase()} (nnm) (mean ± std) | ${keys.map((k) => meanStdCell(cv.mean, cv.std, k)).join(' | ')} |`,
    ...baselineRows(cv, keys),
    '', 'std is the sample standard deviation over the folds (n − 1).', '',
  ];
}

export function repeatsLines(s: RunSummary): string[] {
  const r = s.metrics.repeats as RepeatsSummary | undefined;
  if (!r) return [];
  const keys = headline(s.task).filter((k) => k in r.mean);
  return [
    '## Repeated runs', '',
    `The same split and options trained with ${r.seeds.length} seeds (${r.seeds.join(', ')}): the spread shows how much of the result is the luck of the initial weights and shuffling.`, '',
    `| seed | ${keys.map(label).join(' | ')} |`, `|---:|${keys.map(() => '---:').join('|')}|`,
    ...r.runs.map((x) => `| ${x.seed} | ${keys.map((k) => n4(x.test[k])).join(' | ')} |`),
    `| **mean ± std** | ${keys.map((k) => `**${meanStdCell(r.mean, r.std, k)}**`).join(' | ')} |`,
    '',
  ];
}

interface SensitivityJson {
  metric: string;
  repeats: number;
  base: number;
  miv: string;
  features: { feature: string; permutation_importance: number; permutation_std: number; miv: number | null; rank_permutation: number; rank_miv: number | null }[];
}

export function sensitivityLines(s: RunSummary): string[] {
  const sj = s.metrics.sensitivity as SensitivityJson | undefined;
  if (!sj) return [];
  const rows = [...sj.features].sort((a, b) => a.rank_permutation - b.rank_permutation);
  const metric = sj.metric === 'r2' ? 'R²' : sj.metric;
  return [
    '## Input sensitivity', '',
    `Permutation importance: the drop of the test ${metric} (${n4(sj.base)}) when one input column is shuffled across the test rows, mean ± std of ${sj.repeats} seeded shuffles. ` +
    `MIV (mean impact value): the ${sj.miv}; numeric inputs only.`, '',
    '| rank | input | permutation importance | MIV | MIV rank |', '|---:|---|---:|---:|---:|',
    ...rows.map((f) => `| ${f.rank_permutation} | ${f.feature} | ${n4(f.permutation_importance)} ± ${n4(f.permutation_std)} | ${n4(f.miv)} | ${f.rank_miv ?? '—'} |`),
    '',
  ];
}

/** Every analysis section that has data, in report order. */
export function analysisSections(s: RunSummary): string[] {
  return [...bestBaselineLines(s), ...cvLines(s), ...repeatsLines(s), ...sensitivityLines(s)];
}
