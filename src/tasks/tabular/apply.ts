// Apply / evaluate a classify or regress model on a raw table: columns matched by name, the saved
// imputation, scaling and one-hot encoding replayed, the ensemble averaged, outputs in original units.

import type { RawTable } from '../../data/load.js';
import { isMissing, looksLikeIdName } from '../../data/schema.js';
import { encodeY, mapColumns, rowsWithTarget, transformX } from '../../data/tabular.js';
import { UserError } from '../../errors.js';
import { argmaxRows, classificationMetrics } from '../../metrics/classification.js';
import { regressionMetrics } from '../../metrics/regression.js';
import { predictEnsemble } from '../../train/ensemble.js';
import type { Evaluation, LoadedModelOf, Predictions } from '../model.js';
import type { TabularModelPipeline } from './train.js';

type Model = LoadedModelOf<'tabular'>;

/** Notes on how table columns meet the pipeline: missing ones are an error (from mapColumns). */
function columnNotes(p: TabularModelPipeline, t: RawTable, idHeader: string): string[] {
  const cols = mapColumns(p.tabular, t);
  const notes: string[] = [];
  const used = new Set([...p.tabular.features.map((f) => f.column), p.tabular.target.column, idHeader]);
  const extra = t.names.filter((n) => !used.has(n));
  if (extra.length)
    notes.push(`ignored ${extra.length} column(s) the model does not use: ${extra.map((e) => `"${e}"`).join(', ')}`);
  if (cols.some((c, i) => i > 0 && c < cols[i - 1]))
    notes.push('the feature columns are in another order than in training; matched them by name');
  p.tabular.features.forEach((f, k) => {
    const n = t.columns[cols[k]].filter(isMissing).length;
    if (n === 0) return;
    const fill =
      f.kind === 'numeric'
        ? `the training median ${Number(f.fill.toPrecision(6))}`
        : `the most frequent training level "${f.fill}"`;
    notes.push(`column "${f.column}": ${n} missing cell(s) filled with ${fill}, as in training`);
  });
  return notes;
}

function idColumn(p: TabularModelPipeline, t: RawTable): number {
  if (p.idColumn !== undefined && t.names.includes(p.idColumn)) return t.names.indexOf(p.idColumn);
  const features = new Set(p.tabular.features.map((f) => f.column));
  return t.names.findIndex((n) => looksLikeIdName(n) && !features.has(n));
}

function unseenNotes(unseen: Map<string, Set<string>>): string[] {
  return [...unseen].map(
    ([col, vals]) =>
      `warning: column "${col}": ${vals.size} level(s) never seen in training (${[...vals]
        .slice(0, 5)
        .map((v) => `"${v}"`)
        .join(', ')}); encoded as all zeros`,
  );
}

/** Averaged ensemble output for rows of t: (n, K) probabilities, or n values in original units. */
function predictRows(
  m: Model,
  p: TabularModelPipeline,
  t: RawTable,
  rows: Int32Array,
  unseen: Map<string, Set<string>>,
): Float32Array | Float64Array {
  const x = transformX(p.tabular, t, rows, unseen);
  const classify = p.tabular.target.kind === 'classes';
  const out = predictEnsemble(m.members, x, rows.length, classify);
  const tg = p.tabular.target;
  return tg.kind === 'scaled' ? Float64Array.from(out, (z) => z * tg.std + tg.mean) : out;
}

export function applyTabular(m: Model, t: RawTable): Predictions {
  const p = m.pipeline;
  const idIndex = idColumn(p, t);
  const idHeader = idIndex >= 0 ? t.names[idIndex] : 'row';
  const notes = columnNotes(p, t, idHeader);
  const rows = Int32Array.from({ length: t.nRows }, (_, i) => i);
  const unseen = new Map<string, Set<string>>();
  const out = predictRows(m, p, t, rows, unseen);
  notes.push(...unseenNotes(unseen));
  const targetIndex = t.names.indexOf(p.tabular.target.column);
  const base = {
    task: m.task,
    idHeader,
    ids: Array.from(rows, (r) => (idIndex >= 0 ? t.columns[idIndex][r] : r + 1)),
    ...(targetIndex >= 0 ? { actual: Array.from(rows, (r) => t.columns[targetIndex][r]) } : {}),
    notes,
  };
  const tg = p.tabular.target;
  if (tg.kind === 'classes') {
    const pred = argmaxRows(out as Float32Array, rows.length, tg.classes.length);
    return {
      ...base,
      predicted: Array.from(pred, (k) => tg.classes[k]),
      classes: tg.classes,
      probabilities: out as Float32Array,
    };
  }
  return { ...base, predicted: Array.from(out) };
}

export function evaluateTabular(m: Model, t: RawTable): Evaluation {
  const p = m.pipeline;
  const tg = p.tabular.target;
  const targetIndex = t.names.indexOf(tg.column);
  if (targetIndex < 0)
    throw new UserError({
      file: t.file,
      message: `has no target column "${tg.column}"`,
      hint: 'evaluate needs the labelled column the model was trained on (nnm predict works without it)',
    });
  const notes = columnNotes(p, t, '');
  const rows = rowsWithTarget(
    t,
    targetIndex,
    Int32Array.from({ length: t.nRows }, (_, i) => i),
  );
  if (rows.length === 0)
    throw new UserError({
      file: t.file,
      column: tg.column,
      message: 'every target cell is missing',
      hint: 'evaluate needs labelled rows',
    });
  if (rows.length < t.nRows) notes.push(`${t.nRows - rows.length} row(s) have no target value and are left out`);
  // NOTE: the truth goes through the pipeline's own encoding (as in training), so the metrics equal
  // those of metrics.json's "test" when this is the run's test file.
  const y = encodeY(p.tabular, t, rows);
  const unseen = new Map<string, Set<string>>();
  const out = predictRows(m, p, t, rows, unseen);
  notes.push(...unseenNotes(unseen));
  let test: Record<string, unknown>;
  if (tg.kind === 'classes') {
    const pred = argmaxRows(out as Float32Array, rows.length, tg.classes.length);
    test = { ...classificationMetrics(Int32Array.from(y), pred, tg.classes) };
  } else {
    test = {
      ...regressionMetrics(
        Float64Array.from(y, (z) => z * tg.std + tg.mean),
        out,
      ),
    };
  }
  return { task: m.task, rows: t.nRows, evaluatedRows: rows.length, test, notes };
}
