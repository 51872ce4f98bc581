// What `nnm inspect` suggests for a table: a task, a model and the reason, from the column types.
// Hints in order: a free-text column -> text/lstm; a label plus a square number of pixel-like
// columns (px0..px63) -> image/cnn; a date column plus a numeric column -> forecast/lstm; otherwise
// the target (--target or the last column) decides classify vs regress with an MLP.

import { DEFAULT_MODEL, type ModelKind, type Task } from '../config/tasks.js';
import type { ColumnInfo, Schema } from '../data/schema.js';
import { UserError } from '../errors.js';
import { inferTabularTask } from './tabular-job.js';

export interface Suggestion {
  task: Task;
  model: ModelKind;
  target: string;
  why: string;
}

export function suggestTask(schema: Schema, targetIndex?: number): Suggestion {
  const cols = schema.columns;
  const pick = (task: Task, target: ColumnInfo, why: string): Suggestion => ({ task, model: DEFAULT_MODEL[task], target: target.name, why });

  const text = cols.find((c) => c.type === 'text');
  const label = targetIndex !== undefined ? cols[targetIndex] : [...cols].reverse().find((c) => c.type === 'category' || (c.type === 'number' && c.integer && c.unique <= 20));
  if (text && label && label !== text) return pick('text', label, `column "${text.name}" holds free text and "${label.name}" looks like its label`);

  const image = pixelColumns(cols);
  if (image) {
    const lbl = targetIndex !== undefined ? cols[targetIndex] : cols.find((c) => !image.names.has(c.name) && (c.type === 'category' || (c.type === 'number' && c.integer)));
    if (lbl && !image.names.has(lbl.name)) {
      return pick('image', lbl, `${image.names.size} numeric columns ${image.first}..${image.last} form an image of ${image.side}×${image.side}${image.channels === 3 ? '×3' : ''} pixels, and "${lbl.name}" is its label`);
    }
  }

  const date = cols.find((c) => c.type === 'date');
  const series = targetIndex !== undefined ? cols[targetIndex] : [...cols].reverse().find((c) => c.type === 'number');
  if (date && series && series.type === 'number') return pick('forecast', series, `column "${date.name}" holds dates and "${series.name}" is numeric: a time series`);

  const t = targetIndex ?? cols.length - 1;
  const inf = inferTabularTask(schema, t);
  return pick(inf.task, cols[t], inf.why);
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

function pixelColumns(cols: ColumnInfo[]): { names: Set<string>; first: string; last: string; side: number; channels: number } | undefined {
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
      if (n >= 16 && side * side * channels === n) return { names: new Set(g.map((c) => c.name)), first: g[0].name, last: g[n - 1].name, side, channels };
    }
  }
  return undefined;
}
