// report.md of the cluster task: data audit, the SOM method, cluster quality beside k-means, how k was
// chosen, per-cluster feature means, and the reproducibility block.

import type { RunSummary } from './types.js';

function n4(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toPrecision(4))) : '—';
}

export function renderClusterReport(s: RunSummary): string {
  const m = s.metrics;
  const t = m.test as Record<string, unknown>;
  const h = s.hyper;
  const L: string[] = [`# nnm report: SOM clustering of \`${s.audit.file}\``, '', '## Data', ''];
  L.push(`File \`${s.audit.file}\` (${s.audit.encoding}): ${s.audit.rows} rows, ${s.audit.columns.length} columns.`, '');
  L.push('| column | type | missing | distinct | role |', '|---|---|---:|---:|---|');
  for (const c of s.audit.columns) L.push(`| ${c.name} | ${c.type} | ${c.missing} | ${c.unique} | ${c.role === 'target' ? 'reference label (not an input)' : c.role} |`);
  L.push('');
  if (s.notes.length) L.push('Notes:', '', ...s.notes.map((x) => `- ${x}`), '');
  L.push('## Method', '');
  L.push(`The ${String(m.data.inputs)} inputs were standardised (z-scores; categories one-hot) and a self-organising map (Kohonen network) of ${h.map} units was trained for ${h.steps} steps: ` +
    `for each row the best-matching unit c is found and every unit moves towards the row, w_j += lr(t)·h_{j,c}(t)·(x − w_j), with a Gaussian neighbourhood h whose radius shrinks ${h.sigma} and a learning rate ${h.lr}. ` +
    `The ${String(m.data.active_units)} units that hold rows were then grouped by k-means (weighted by their hits), and every row takes the cluster of its unit. ` +
    (h.k_choice === 'best silhouette' ? `k = ${h.clusters} was chosen as the k in 2..8 with the highest silhouette of the rows.` : `k = ${h.clusters} was set with --clusters.`) +
    ` The baseline is k-means++ (10 seeded restarts) on the standardised rows with the same k.`, '');
  L.push('## Results', '');
  const hasAri = typeof t.ari === 'number';
  L.push(`| method | clusters | silhouette ↑ | Davies-Bouldin ↓ |${hasAri ? ` ARI vs \`${String(m.data.reference)}\` ↑ |` : ''}`, `|---|---:|---:|---:|${hasAri ? '---:|' : ''}`);
  const row = (name: string, r: Record<string, unknown>): string => `| ${name} | ${String(r.clusters)} | ${n4(r.silhouette)} | ${n4(r.davies_bouldin)} |${hasAri ? ` ${n4(r.ari)} |` : ''}`;
  L.push(row('SOM + k-means on units (nnm)', t));
  for (const [k, b] of Object.entries(m.baselines)) L.push(row(`baseline: ${k}`, b));
  L.push('', `Map quality: quantisation error ${n4(t.quantization_error)} (mean distance of a row to its unit, in standard deviations), topographic error ${n4(t.topographic_error)} (share of rows whose two nearest units are not neighbours).`, '');
  const sel = (m.k_selection as { k: number; silhouette: number }[] | undefined) ?? [];
  if (sel.length) {
    L.push('| k | silhouette |', '|---:|---:|', ...sel.map((x) => `| ${x.k}${x.k === h.clusters ? ' (chosen)' : ''} | ${n4(x.silhouette)} |`), '');
  }
  const means = (m.cluster_means as { cluster: number; size: number; means: Record<string, number> }[] | undefined) ?? [];
  if (means.length) {
    const names = Object.keys(means[0].means);
    L.push('### Cluster profiles (means in original units)', '');
    L.push(`| cluster | rows | ${names.join(' | ')} |`, `|---:|---:|${names.map(() => '---:').join('|')}|`);
    for (const c of means) L.push(`| ${c.cluster} | ${c.size} | ${names.map((k) => n4(c.means[k])).join(' | ')} |`);
    L.push('');
  }
  L.push('Every row\'s cluster is in predictions.csv; model.nnm.json holds the map, the unit -> cluster table and the preprocessing, so new rows can be assigned.', '');
  L.push('## Reproducibility', '', '```', s.command, '```', '');
  L.push(`nnm ${s.nnmVersion}; seed ${s.seed}; data SHA-256 \`${s.audit.sha256}\`.`, '');
  return L.join('\n');
}
