// The one task inference, used by `nnm train`, `nnm tune`, `nnm inspect` and the report: from the
// spec and the table's column types, which task, target and model a run gets, and why. Hints in
// order: a folder of images, --model cnn or an image/signal option -> image; a free-text column ->
// text; a label plus a square number of pixel-like columns (px0..px63) -> image on the label; a date
// column plus a numeric target -> forecast; otherwise the target (--target or the last column)
// decides classify vs regress with an MLP.

import type { TrainSpec } from '../config/options.js';
import { AMBIGUOUS_FORECAST_WORDS, DEFAULT_MODEL, type ModelKind, type Task } from '../config/tasks.js';
import { isFolder } from '../data/image-folder.js';
import type { TableReader } from '../data/read.js';
import { type ColumnInfo, findColumn, inferSchema, type Schema } from '../data/schema.js';
import { UserError } from '../errors.js';

export interface Suggestion {
  task: Task;
  model: ModelKind;
  target: string;
  why: string;
}

/** Decide classify vs regress from the target column, and say why. */
export function inferTabularTask(
  schema: Schema,
  targetIndex: number,
  file?: string,
): { task: 'classify' | 'regress'; why: string } {
  const c = schema.columns[targetIndex];
  if (c.type === 'empty')
    throw new UserError({
      file,
      column: c.name,
      message: 'the target column is empty',
      hint: 'choose the target with --target',
    });
  if (c.type === 'constant') {
    throw new UserError({
      file,
      message: `the target "${c.name}" has one class only ("${c.levels?.[0] ?? c.min}")`,
      hint: 'a model needs at least two different target values; check --target',
    });
  }
  if (c.type === 'category' || c.type === 'text' || (c.type === 'id' && c.min === undefined)) {
    return { task: 'classify', why: `the target "${c.name}" holds text labels (${c.unique} classes)` };
  }
  if (c.type === 'number' && c.integer && c.unique <= 20 && c.unique <= Math.max(2, 0.2 * schema.nRows)) {
    return { task: 'classify', why: `the target "${c.name}" holds ${c.unique} distinct whole numbers` };
  }
  if (c.type === 'number')
    return { task: 'regress', why: `the target "${c.name}" is a continuous number (${c.unique} distinct values)` };
  throw new UserError({
    file,
    message: `cannot learn the ${c.type} column "${c.name}" as a target`,
    hint: 'choose the target with --target',
  });
}

/** What a run does: its task, the model kind, and the target when the inference chose it. */
export interface Decision {
  task: Task;
  model: ModelKind;
  /** Set when no --target was given and the inference picked one (text/image label, series). */
  target?: string;
  /** Said on screen when the task was inferred. */
  why?: string;
  /** The image runner chosen by a hint (a folder, --model cnn, an image option) rather than a task:
   *  the run's task stays open (an image, or a 1-D signal classifier). */
  byHint?: boolean;
}

/** No task named: a folder of images, --model cnn or an image/signal option mean the image runner. */
export function wantsImage(spec: TrainSpec): boolean {
  const hint =
    spec.model === 'cnn' ||
    spec.imageShape !== undefined ||
    spec.imageSize !== undefined ||
    spec.sequenceColumns !== undefined;
  return spec.task === 'image' || (spec.task === undefined && (isFolder(spec.data) || hint));
}

const TASK_WORD: { [T in Task]: string } = {
  classify: 'classification',
  regress: 'regression',
  forecast: 'forecast',
  image: 'image',
  text: 'text',
  cluster: 'cluster',
};

/** The task a run gets: --task when given, else the suggestion of `nnm inspect` for the table. */
export function decideTask(spec: TrainSpec, readTable: TableReader): Decision {
  const model = (task: Task): ModelKind => (spec.model === 'auto' ? DEFAULT_MODEL[task] : spec.model);
  const word = spec.taskWord?.trim().toLowerCase();
  if (
    spec.task === 'forecast' &&
    word &&
    AMBIGUOUS_FORECAST_WORDS.has(word) &&
    spec.date === undefined &&
    !isFolder(spec.data)
  ) {
    const table = readTable(spec.data);
    const schema = inferSchema(table);
    if (!timeIndex(schema)) {
      const ti = spec.target !== undefined ? findColumn(table, spec.target, '--target') : schema.columns.length - 1;
      const s = tabularSuggestion(schema, ti, table.file);
      const why = `"${spec.taskWord}" on a table without a date column means predicting "${s.target}" from the other columns, and ${s.why} (for a time-series forecast give a date column, --date COL or --task forecast)`;
      return { task: s.task, model: model(s.task), why };
    }
  }
  if (spec.task) return { task: spec.task, model: model(spec.task) };
  if (wantsImage(spec)) {
    const why = isFolder(spec.data)
      ? `"${spec.data}" is a folder of images`
      : 'an image/signal option or --model cnn was given';
    return { task: 'image', model: model('image'), why, byHint: true };
  }
  const table = readTable(spec.data);
  const schema = inferSchema(table);
  const ti = spec.target !== undefined ? findColumn(table, spec.target, '--target') : undefined;
  const s = spec.features
    ? tabularSuggestion(schema, ti ?? schema.columns.length - 1, table.file)
    : suggestTask(schema, ti, table.file);
  return { task: s.task, model: model(s.task), ...(spec.target === undefined ? { target: s.target } : {}), why: s.why };
}

/** The line said on screen for an inferred task. */
export function decisionNote(d: Decision): string | undefined {
  return d.why ? `task: ${TASK_WORD[d.task]}, because ${d.why} (set --task to change)` : undefined;
}

/** The date column that is a time index: one row per date (repeated dates — transactions, panels — are a table). */
function timeIndex(schema: Schema): ColumnInfo | undefined {
  return schema.columns.find((c) => c.type === 'date' && c.unique + c.missing >= schema.nRows);
}

function tabularSuggestion(schema: Schema, t: number, file?: string): Suggestion {
  const inf = inferTabularTask(schema, t, file);
  return { task: inf.task, model: DEFAULT_MODEL[inf.task], target: schema.columns[t].name, why: inf.why };
}

export function suggestTask(schema: Schema, targetIndex?: number, file?: string): Suggestion {
  const cols = schema.columns;
  const pick = (task: Task, target: ColumnInfo, why: string): Suggestion => ({
    task,
    model: DEFAULT_MODEL[task],
    target: target.name,
    why,
  });

  const text = cols.find((c) => c.type === 'text');
  const label =
    targetIndex !== undefined
      ? cols[targetIndex]
      : [...cols].reverse().find((c) => c.type === 'category' || (c.type === 'number' && c.integer && c.unique <= 20));
  if (text && label && label !== text)
    return pick('text', label, `column "${text.name}" holds free text and "${label.name}" looks like its label`);

  const image = pixelColumns(cols);
  if (image) {
    const lbl =
      targetIndex !== undefined
        ? cols[targetIndex]
        : cols.find((c) => !image.names.has(c.name) && (c.type === 'category' || (c.type === 'number' && c.integer)));
    if (lbl && !image.names.has(lbl.name)) {
      return pick(
        'image',
        lbl,
        `${image.names.size} numeric columns ${image.first}..${image.last} form an image of ${image.side}×${image.side}${image.channels === 3 ? '×3' : ''} pixels, and "${lbl.name}" is its label`,
      );
    }
  }

  const date = timeIndex(schema);
  const series = targetIndex !== undefined ? cols[targetIndex] : [...cols].reverse().find((c) => c.type === 'number');
  if (date && series && series.type === 'number') {
    const others = cols.filter((c) => c !== date && c !== series && c.type === 'number').length;
    const inputs = others ? `, with ${others} other numeric column(s) as covariates` : '';
    return pick(
      'forecast',
      series,
      `column "${date.name}" holds one date per row and "${series.name}" is numeric: a time series${inputs}`,
    );
  }

  return tabularSuggestion(schema, targetIndex ?? cols.length - 1, file);
}

/** Safe variant for inspect: a table nnm cannot learn from yet gives the reason instead. */
export function trySuggestTask(schema: Schema, targetIndex?: number): Suggestion | { error: string } {
  try {
    return suggestTask(schema, targetIndex);
  } catch (e) {
    if (e instanceof UserError) return { error: e.format() };
    throw e;
  }
}

function pixelColumns(
  cols: ColumnInfo[],
): { names: Set<string>; first: string; last: string; side: number; channels: number } | undefined {
  const groups = new Map<string, ColumnInfo[]>();
  for (const c of cols) {
    const m = /^([a-z_]*?)_?(\d+)$/i.exec(c.name);
    if (!m || !(c.type === 'number' || c.type === 'constant')) continue;
    const key = m[1].toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const g of groups.values()) {
    const n = g.length;
    for (const channels of [1, 3]) {
      const side = Math.round(Math.sqrt(n / channels));
      if (n >= 16 && side * side * channels === n)
        return { names: new Set(g.map((c) => c.name)), first: g[0].name, last: g[n - 1].name, side, channels };
    }
  }
  return undefined;
}
