// report.md: data audit, method, results beside the baselines, and a reproducibility block.

import { fmt } from './csv.js';
import type { RunSummary } from './types.js';

const TASK_NAMES: Record<string, string> = {
  classify: 'classification', regress: 'regression', forecast: 'time-series forecasting', image: 'image classification', text: 'text classification', cluster: 'clustering',
};

export function renderMarkdownReport(s: RunSummary): string {
  const L: string[] = [];
  const m = s.metrics;
  L.push(`# nnm report: ${s.model.toUpperCase()} ${TASK_NAMES[s.task] ?? s.task} of \`${s.target}\``, '');
  if (m.train.interrupted) L.push('> **Interrupted**: training was stopped by the user; the best model so far was kept.', '');
  L.push('## Data', '');
  L.push(`File \`${s.audit.file}\` (${s.audit.encoding}, delimiter \`${s.audit.delimiter === '\t' ? '\\t' : s.audit.delimiter}\`): ${s.audit.rows} rows, ${s.audit.columns.length} columns.`, '');
  L.push('| column | type | missing | distinct | role |', '|---|---|---:|---:|---|');
  for (const c of s.audit.columns) L.push(`| ${c.name} | ${c.type} | ${c.missing} | ${c.unique} | ${c.role} |`);
  L.push('');
  if (s.audit.imputed.length) {
    L.push('Missing cells were filled from the training rows:', '');
    for (const i of s.audit.imputed) L.push(`- \`${i.column}\`: ${i.count} cell(s), filled with the ${i.value}`);
    L.push('');
  }
  if (s.notes.length) {
    L.push('Notes:', '');
    for (const n of s.notes) L.push(`- ${n}`);
    L.push('');
  }
  L.push('## Method', '');
  L.push(methodParagraph(s), '');
  L.push('| # | layer | output shape | parameters |', '|---:|---|---|---:|');
  for (const l of s.layers) L.push(`| ${l.index + 1} | ${l.description} | ${l.outShape.join('×')} | ${l.params} |`);
  L.push(`|  | **total** |  | **${s.paramCount}** |`, '');
  L.push('| hyperparameter | value |', '|---|---|');
  for (const [k, v] of Object.entries(s.hyper)) L.push(`| ${k} | ${v} |`);
  L.push('');
  L.push('## Results (test part)', '');
  L.push(resultsTable(s), '');
  L.push(interpretation(s), '');
  L.push('## Reproducibility', '');
  L.push('```', s.command, '```', '');
  L.push(`nnm ${s.nnmVersion}; seed ${s.seed}; data SHA-256 \`${s.audit.sha256}\`. The run folder's config.json, given back with --config, reruns it.`, '');
  return L.join('\n');
}

function methodParagraph(s: RunSummary): string {
  if (s.task === 'image' || s.metrics.data.signal === true) return imageMethodParagraph(s);
  const h = s.hyper;
  const t = s.metrics.train;
  const inputs = String(s.metrics.data.inputs ?? '');
  return `A ${s.layers.filter((l) => l.description.startsWith('Dense')).length}-layer fully connected network (multilayer perceptron, "BP network") maps the ${inputs} standardised inputs to ${s.task === 'classify' ? 'one score per class (softmax output, cross-entropy loss)' : 'the standardised target (mean-squared-error loss; predictions are mapped back to original units)'}. ` +
    `Hidden layers: ${h.hidden} units with ReLU activations${Number(h.dropout) > 0 ? ` and dropout ${h.dropout}` : ''}. ` +
    `It was trained with ${String(h.optimizer).toUpperCase()} (learning rate ${h.lr}, batch size ${h.batch_size}, L2 weight decay ${h.weight_decay}) on ${String(s.metrics.data.train_rows)} rows, ` +
    `with ${String(s.metrics.data.val_rows)} rows held out for validation; training stopped ${t.stopped_early ? 'early' : 'at the epoch limit'} after ${t.epochs} epochs and the weights of the best validation epoch (${t.best_epoch}) were kept. ` +
    `Test part: ${s.split}. Scaling statistics, imputation values and encodings come from the training part only.`;
}

function imageMethodParagraph(s: RunSummary): string {
  const h = s.hyper;
  const t = s.metrics.train;
  const d = s.metrics.data;
  const net = s.model === 'cnn' ? 'A convolutional neural network (CNN)' : 'A fully connected network (MLP) over the flattened pixels';
  return `${net} maps each ${String(d.input_shape ?? d.inputs)} input, ${d.signal ? 'standardised with training statistics' : 'scaled to [0, 1]'}, to one score per class (softmax output, cross-entropy loss). ` +
    `Architecture: ${h.architecture}; rule: ${h.architecture_rule}. ` +
    `It was trained with ${String(h.optimizer).toUpperCase()} (learning rate ${h.lr}, halved after ${h.plateau} epochs without validation improvement, batch size ${h.batch_size}, L2 weight decay ${h.weight_decay}${h.augment === 'on' ? ', augmented training images' : ''}) on ${String(d.train_rows)} samples, ` +
    `with ${String(d.val_rows)} held out for validation; training stopped ${t.stopped_early ? 'early' : 'at the epoch limit'} after ${t.epochs} epochs and the weights of the best validation epoch (${t.best_epoch}) were kept. ` +
    `Test part: ${s.split}. Scaling comes from the training part only.`;
}

function num(v: unknown, digits = 4): string {
  return typeof v === 'number' ? fmt(Number(v.toPrecision(digits))) : v === null || v === undefined ? '—' : String(v);
}

function resultsTable(s: RunSummary): string {
  const m = s.metrics;
  const keys = s.task === 'classify' || s.task === 'image' || s.task === 'text' ? ['accuracy', 'macro_f1', 'precision', 'recall'] : ['rmse', 'mae', 'mape', 'r2'];
  const rows = [[`${s.model.toUpperCase()} (nnm)`, ...keys.map((k) => num(m.test[k]))]];
  for (const [name, b] of Object.entries(m.baselines)) rows.push([`baseline: ${name}`, ...keys.map((k) => num(b[k]))]);
  return [`| model | ${keys.map((k) => (k === 'mape' ? 'MAPE %' : k === 'r2' ? 'R²' : k.toUpperCase() === k ? k : k.replace('_', ' '))).join(' | ')} |`, `|---|${keys.map(() => '---:').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function interpretation(s: RunSummary): string {
  const m = s.metrics;
  const out: string[] = [];
  if (s.task === 'regress') {
    const r2 = Number(m.test.r2);
    out.push(`R² = ${num(r2, 3)}: the network explains ${Math.max(0, Math.round(r2 * 100))}% of the variance of \`${s.target}\` on unseen rows${r2 < 0 ? ' (worse than predicting the mean)' : ''}.`);
    const mape = m.test.mape;
    if (typeof mape === 'number') out.push(`MAPE ${num(mape, 3)}%: ${mape < 10 ? 'highly accurate' : mape < 20 ? 'good' : mape < 50 ? 'reasonable' : 'inaccurate'} forecasting by Lewis's (1982) scale.`);
    const base = Number(m.baselines.mean?.rmse);
    const rmse = Number(m.test.rmse);
    out.push(rmse < base ? `The network's RMSE is ${Math.round((1 - rmse / base) * 100)}% lower than the mean baseline's.` : '**The network does not beat the mean baseline** on this test part.');
  } else if (s.task === 'classify' || s.task === 'image') {
    const acc = Number(m.test.accuracy);
    const base = Number(m.baselines.majority?.accuracy);
    out.push(acc > base ? `Accuracy ${num(acc, 3)} against ${num(base, 3)} for always answering the most frequent class.` : '**The network does not beat the majority-class baseline** on this test part.');
    const support = (m.test.per_class as { support: number; label: string }[] | undefined) ?? [];
    if (support.length) {
      const max = Math.max(...support.map((c) => c.support));
      const min = Math.min(...support.map((c) => c.support));
      if (min > 0 && max / min >= 3) out.push(`Class imbalance: the largest test class is ${Math.round(max / min)}× the smallest; read macro F1, not accuracy alone.`);
    }
  }
  return out.join(' ');
}
