// The lines `nnm train` prints when it is done: the test metrics, the verdict against the best
// baseline (the same comparison the report makes), --cv / --repeats as mean ± std, how long each
// network trained, and the run folder.

import type { ChalkInstance } from 'chalk';
import { num } from '../report/numbers.js';
import type { RunOutput } from '../report/types.js';

type Block = Record<string, unknown>;

const f = (v: unknown): string =>
  typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toPrecision(4))) : '—';

/** The task's headline metric: where it sits in a metrics block, its name, and whether higher is better. */
function primary(
  task: string,
  horizon: 'one_step' | 'multi_step' = 'multi_step',
): { pick: (b: Block) => number; name: string; flat: string; higher: boolean } {
  const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
  if (task === 'forecast')
    return {
      pick: (b) => num((b[horizon] as Block | undefined)?.rmse),
      name: `${horizon === 'one_step' ? 'one' : 'multi'}-step RMSE`,
      flat: `${horizon}_rmse`,
      higher: false,
    };
  if (task === 'regress') return { pick: (b) => num(b.rmse), name: 'RMSE', flat: 'rmse', higher: false };
  if (task === 'cluster')
    return { pick: (b) => num(b.silhouette), name: 'silhouette', flat: 'silhouette', higher: true };
  return { pick: (b) => num(b.accuracy), name: 'accuracy', flat: 'accuracy', higher: true };
}

/** "beats / ties / does not beat the best baseline (name value)", from the metrics alone. */
export function verdict(
  task: string,
  test: Block,
  baselines: Record<string, Block>,
  horizon?: 'one_step' | 'multi_step',
): string | undefined {
  const p = primary(task, horizon);
  const mine = p.pick(test);
  const scored = Object.entries(baselines)
    .map(([name, b]) => ({ name, v: p.pick(b) }))
    .filter((b) => Number.isFinite(b.v));
  if (!Number.isFinite(mine) || scored.length === 0) return undefined;
  const best = scored.reduce((a, b) => ((p.higher ? b.v > a.v : b.v < a.v) ? b : a));
  const name = best.name.replace(/_/g, ' ');
  // NOTE: the report's rule (report/claims.ts): equal as printed, at 4 significant digits, is a tie.
  const tie = num(mine) === num(best.v);
  if (tie) return `ties the best baseline (${name}: ${p.name} ${f(best.v)})`;
  const wins = p.higher ? mine > best.v : mine < best.v;
  return `${wins ? 'beats' : 'does NOT beat'} the best baseline (${name}: ${p.name} ${f(best.v)})`;
}

function testLine(o: RunOutput, c: ChalkInstance): string {
  const m = o.summary.metrics;
  const t = m.test as Block;
  if (m.task === 'cluster') {
    const b = (m.baselines.kmeans ?? {}) as Block;
    return `${c.bold('clusters')} ${f(t.clusters)}  silhouette ${c.green(f(t.silhouette))}  Davies-Bouldin ${f(t.davies_bouldin)}   (k-means: ${f(b.silhouette)} / ${f(b.davies_bouldin)})`;
  }
  if (m.task === 'forecast') {
    const one = (t.one_step ?? {}) as Block;
    const multi = (t.multi_step ?? {}) as Block;
    return `${c.bold('test')}  one-step RMSE ${c.green(f(one.rmse))}  multi-step RMSE ${c.green(f(multi.rmse))}  MAPE ${f(multi.mape)}%`;
  }
  if (m.task === 'regress')
    return `${c.bold('test')}  RMSE ${c.green(f(t.rmse))}  MAE ${f(t.mae)}  MAPE ${f(t.mape)}%  R² ${c.green(f(t.r2))}`;
  return `${c.bold('test')}  accuracy ${c.green(f(t.accuracy))}  macro F1 ${f(t.macro_f1)}`;
}

function manyRunLines(o: RunOutput, c: ChalkInstance): string[] {
  const m = o.summary.metrics;
  const p = primary(m.task);
  const out: string[] = [];
  const block = (label: string, r: unknown): void => {
    if (!r || typeof r !== 'object') return;
    const runs = r as {
      mean: Record<string, number>;
      std: Record<string, number>;
      baselines: Record<string, { mean: Record<string, number> }>;
    };
    const entries = Object.entries(runs.baselines ?? {}).filter(([, b]) => Number.isFinite(b.mean[p.flat]));
    const base = entries.map(([name, b]) => `${name.replace(/_/g, ' ')} ${f(b.mean[p.flat])}`).join(', ');
    const mine = runs.mean[p.flat];
    const losers = entries
      .filter(([, b]) => (p.higher ? b.mean[p.flat] > mine : b.mean[p.flat] < mine))
      .map(([name]) => name.replace(/_/g, ' '));
    const flag = losers.length ? c.yellow(`; on average the network does NOT beat ${losers.join(', ')}`) : '';
    out.push(
      `${c.bold(label)}  ${p.name} ${c.green(`${f(mine)} ± ${f(runs.std[p.flat])}`)}${base ? `   (baselines, mean: ${base}${flag})` : ''}`,
    );
  };
  const cv = m.cv as { k?: number; method?: string } | undefined;
  if (cv) block(`${cv.method ?? 'cv'}, ${cv.k} folds`, cv);
  const rep = m.repeats as { seeds?: number[] } | undefined;
  if (rep) block(`${rep.seeds?.length ?? 0} seeds`, rep);
  return out;
}

function trainedLine(o: RunOutput, c: ChalkInstance): string | undefined {
  const tr = o.summary.metrics.train;
  if (o.summary.metrics.task === 'cluster') return undefined;
  const best = tr.best_epochs ?? [tr.best_epoch];
  const nets = best.length;
  const averaged = tr.members ?? nets;
  if (nets <= 1) return `${c.bold('trained')} ${tr.epochs} epochs (best ${tr.best_epoch}) in ${tr.seconds}s`;
  const mean = (best.reduce((a, b) => a + b, 0) / nets).toFixed(0);
  const left = averaged < nets ? `; ${averaged} averaged, the interrupted one left out` : '';
  return `${c.bold('trained')} ${nets} networks, ${tr.epochs} epochs in all (${(tr.epochs / nets).toFixed(0)} each on average; best epochs ${best.join(', ')}, mean ${mean}${left}) in ${tr.seconds}s`;
}

export function summaryLines(o: RunOutput, dir: string, c: ChalkInstance): string {
  const m = o.summary.metrics;
  const lines = [testLine(o, c)];
  const horizons = m.task === 'forecast' ? (['multi_step', 'one_step'] as const) : ([undefined] as const);
  for (const h of horizons) {
    const v = verdict(m.task, m.test, m.baselines, h);
    const on = h ? ` on the ${h === 'one_step' ? 'one' : 'multi'}-step forecast` : '';
    if (v) lines.push(`${c.bold('verdict')} the network ${v.startsWith('does NOT') ? c.yellow(v) : v}${on}`);
  }
  lines.push(...manyRunLines(o, c));
  const trained = trainedLine(o, c);
  if (trained) lines.push(trained);
  lines.push(
    `${c.bold('run folder')} ${dir}  (report.html, report.md, report.docx, figures/, tables/, metrics.json, predictions.csv, model.nnm.json)`,
  );
  return `${lines.join('\n')}\n`;
}
