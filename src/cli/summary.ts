// The lines `nnm train` prints when it is done: the test metrics, the verdict against the best
// baseline (the same comparison the report makes), --cv / --repeats as mean ± std, how long each
// network trained, and the run folder; in the run's language (summary-text.ts).

import type { ChalkInstance } from 'chalk';
import type { Lang } from '../config/options.js';
import { num } from '../report/numbers.js';
import type { RunOutput } from '../report/types.js';
import { type Horizon, type Outcome, summaryText, type SummaryText } from './summary-text.js';

type Block = Record<string, unknown>;

const f = (v: unknown): string =>
  typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toPrecision(4))) : '—';

/** The task's headline metric: where it sits in a metrics block, its key, and whether higher is better. */
function primary(
  task: string,
  horizon: Horizon = 'multi_step',
): { pick: (b: Block) => number; flat: string; higher: boolean } {
  const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
  if (task === 'forecast')
    return { pick: (b) => num((b[horizon] as Block | undefined)?.rmse), flat: `${horizon}_rmse`, higher: false };
  if (task === 'regress') return { pick: (b) => num(b.rmse), flat: 'rmse', higher: false };
  if (task === 'cluster') return { pick: (b) => num(b.silhouette), flat: 'silhouette', higher: true };
  return { pick: (b) => num(b.accuracy), flat: 'accuracy', higher: true };
}

const metricName = (t: SummaryText, task: string, horizon?: Horizon): string =>
  task === 'forecast' ? t.metric('rmse', horizon ?? 'multi_step') : t.metric(primary(task).flat);

function judge(
  task: string,
  test: Block,
  baselines: Record<string, Block>,
  horizon: Horizon | undefined,
  lang: Lang,
): { outcome: Outcome; text: string } | undefined {
  const t = summaryText(lang);
  const p = primary(task, horizon);
  const mine = p.pick(test);
  const scored = Object.entries(baselines)
    .map(([name, b]) => ({ name, v: p.pick(b) }))
    .filter((b) => Number.isFinite(b.v));
  if (!Number.isFinite(mine) || scored.length === 0) return undefined;
  const best = scored.reduce((a, b) => ((p.higher ? b.v > a.v : b.v < a.v) ? b : a));
  // NOTE: the report's rule (report/claims.ts): equal as printed, at 4 significant digits, is a tie.
  const wins = p.higher ? mine > best.v : mine < best.v;
  const outcome: Outcome = num(mine) === num(best.v) ? 'ties' : wins ? 'beats' : 'loses';
  return { outcome, text: t.verdict(outcome, t.baseline(best.name), metricName(t, task, horizon), f(best.v)) };
}

/** "beats / ties / does not beat the best baseline (name value)", from the metrics alone. */
export function verdict(
  task: string,
  test: Block,
  baselines: Record<string, Block>,
  horizon?: Horizon,
  lang: Lang = 'en',
): string | undefined {
  return judge(task, test, baselines, horizon, lang)?.text;
}

function testLine(o: RunOutput, c: ChalkInstance, t: SummaryText): string {
  const m = o.summary.metrics;
  const x = m.test;
  if (m.task === 'cluster') {
    const b = m.baselines.kmeans ?? {};
    return `${c.bold(t.clusters)} ${f(x.clusters)}  ${t.metric('silhouette')} ${c.green(f(x.silhouette))}  ${t.db} ${f(x.davies_bouldin)}   (${t.kmeans}: ${f(b.silhouette)} / ${f(b.davies_bouldin)})`;
  }
  if (m.task === 'forecast') {
    const one = (x.one_step ?? {}) as Block;
    const multi = (x.multi_step ?? {}) as Block;
    return `${c.bold(t.test)}  ${t.metric('rmse', 'one_step')} ${c.green(f(one.rmse))}  ${t.metric('rmse', 'multi_step')} ${c.green(f(multi.rmse))}  MAPE ${f(multi.mape)}%`;
  }
  if (m.task === 'regress')
    return `${c.bold(t.test)}  RMSE ${c.green(f(x.rmse))}  MAE ${f(x.mae)}  MAPE ${f(x.mape)}%  R² ${c.green(f(x.r2))}`;
  return `${c.bold(t.test)}  ${t.metric('accuracy')} ${c.green(f(x.accuracy))}  ${t.macroF1} ${f(x.macro_f1)}`;
}

interface ManyRuns {
  mean: Record<string, number>;
  std: Record<string, number>;
  baselines: Record<string, { mean: Record<string, number> }>;
}

function manyRunLine(task: string, label: string, runs: ManyRuns, c: ChalkInstance, t: SummaryText): string {
  const p = primary(task);
  const entries = Object.entries(runs.baselines ?? {}).filter(([, b]) => Number.isFinite(b.mean[p.flat]));
  const base = entries.map(([name, b]) => `${t.baseline(name)} ${f(b.mean[p.flat])}`).join(', ');
  const mine = runs.mean[p.flat];
  const losers = entries
    .filter(([, b]) => (p.higher ? b.mean[p.flat] > mine : b.mean[p.flat] < mine))
    .map(([name]) => t.baseline(name));
  const flag = losers.length ? c.yellow(t.notBeatOnAverage(losers.join(', '))) : '';
  const baselines = base ? `${t.meanBaselines(base)}${flag}${t.close}` : '';
  return `${c.bold(label)}  ${metricName(t, task)} ${c.green(`${f(mine)} ± ${f(runs.std[p.flat])}`)}${baselines}`;
}

function manyRunLines(o: RunOutput, c: ChalkInstance, t: SummaryText): string[] {
  const m = o.summary.metrics;
  const out: string[] = [];
  const cv = m.cv as (ManyRuns & { k?: number; method?: string }) | undefined;
  if (cv && typeof cv === 'object') out.push(manyRunLine(m.task, t.cvLabel(cv.method ?? 'cv', cv.k ?? 0), cv, c, t));
  const rep = m.repeats as (ManyRuns & { seeds?: number[] }) | undefined;
  if (rep && typeof rep === 'object') out.push(manyRunLine(m.task, t.seedsLabel(rep.seeds?.length ?? 0), rep, c, t));
  return out;
}

function trainedLine(o: RunOutput, c: ChalkInstance, t: SummaryText): string | undefined {
  const tr = o.summary.metrics.train;
  if (o.summary.metrics.task === 'cluster') return undefined;
  const best = tr.best_epochs ?? [tr.best_epoch];
  const nets = best.length;
  if (nets <= 1) return `${c.bold(t.trained)} ${t.trainedOne(tr.epochs, tr.best_epoch, tr.seconds)}`;
  const mean = (best.reduce((a, b) => a + b, 0) / nets).toFixed(0);
  const each = (tr.epochs / nets).toFixed(0);
  const many = t.trainedMany(nets, tr.epochs, each, best.join(', '), mean, tr.members ?? nets);
  return `${c.bold(t.trained)} ${many}${t.seconds(tr.seconds)}`;
}

export function summaryLines(o: RunOutput, dir: string, c: ChalkInstance, lang: Lang = 'en'): string {
  const t = summaryText(lang);
  const m = o.summary.metrics;
  const lines = [testLine(o, c, t)];
  const horizons = m.task === 'forecast' ? (['multi_step', 'one_step'] as const) : ([undefined] as const);
  for (const h of horizons) {
    const v = judge(m.task, m.test, m.baselines, h, lang);
    if (v)
      lines.push(`${c.bold(t.verdictLabel)} ${t.verdictLine(v.outcome === 'loses' ? c.yellow(v.text) : v.text, h)}`);
  }
  lines.push(...manyRunLines(o, c, t));
  const trained = trainedLine(o, c, t);
  if (trained) lines.push(trained);
  lines.push(`${c.bold(t.runFolder)} ${dir}  ${t.runFolderFiles}`);
  return `${lines.join('\n')}\n`;
}
