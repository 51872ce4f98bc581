// Tabular preprocessing fitted on the training rows only and replayed at predict time:
// numeric inputs: impute the median, standardise (z = (x - mean) / std);
// categorical inputs: impute the most frequent level, one-hot (an unseen level encodes as all zeros);
// target: class index (classify) or standardised value (regress, mapped back for output).

import { UserError } from '../errors.js';
import type { RawTable } from './load.js';
import { type ColumnInfo, isMissing, parseNumber, type Schema } from './schema.js';

export type FeatureStep =
  | { kind: 'numeric'; column: string; fill: number; mean: number; std: number }
  | { kind: 'onehot'; column: string; levels: string[]; fill: string };

export type TargetStep =
  | { kind: 'classes'; column: string; classes: string[] }
  | { kind: 'scaled'; column: string; mean: number; std: number };

export interface TabularPipeline {
  kind: 'tabular';
  features: FeatureStep[];
  target: TargetStep;
  inputSize: number;
  /** One name per network input (one-hot inputs as "column=level"). */
  inputNames: string[];
}

export interface ImputationNote {
  column: string;
  count: number;
  value: string;
}

export function defaultFeatures(schema: Schema, targetIndex: number, notes: string[]): number[] {
  const out: number[] = [];
  for (const c of schema.columns) {
    if (c.index === targetIndex) continue;
    switch (c.type) {
      case 'number':
      case 'category':
        out.push(c.index);
        break;
      case 'constant':
        notes.push(`dropped constant column "${c.name}" (one value only: it carries no information)`);
        break;
      case 'empty':
        notes.push(`dropped empty column "${c.name}"`);
        break;
      case 'id':
        notes.push(`column "${c.name}" looks like an identifier; not used as an input (use --features to force it)`);
        break;
      case 'date':
        notes.push(
          `column "${c.name}" holds dates; not used as an input for this task (use --task forecast for a time series)`,
        );
        break;
      case 'text':
        notes.push(`column "${c.name}" holds free text; not used as an input here (use --task text)`);
        break;
    }
  }
  return out;
}

/** Numeric value of a cell; NaN for missing. Non-numeric or non-finite cells are user errors. */
export function numericCell(t: RawTable, c: number, r: number): number {
  const v = t.columns[c][r];
  if (isMissing(v)) return NaN;
  const x = parseNumber(v, t.decimalComma);
  if (Number.isNaN(x)) {
    throw new UserError({
      file: t.file,
      row: r + 2,
      column: t.names[c],
      message: `"${v}" is not a number`,
      hint: 'fix the cell, or leave it empty to have it imputed',
    });
  }
  if (!Number.isFinite(x)) {
    throw new UserError({
      file: t.file,
      row: r + 2,
      column: t.names[c],
      message: `"${v}" is not a finite number`,
      hint: 'replace it with a real value or leave the cell empty',
    });
  }
  return x;
}

export function fitTabular(
  t: RawTable,
  schema: Schema,
  targetIndex: number,
  featureIndices: number[],
  trainRows: Int32Array,
  classify: boolean,
): { pipeline: TabularPipeline; imputed: ImputationNote[] } {
  const { features, inputNames, imputed } = fitFeatures(t, schema, featureIndices, trainRows);
  const target = fitTarget(t, schema.columns[targetIndex], trainRows, classify);
  return { pipeline: { kind: 'tabular', features, target, inputSize: inputNames.length, inputNames }, imputed };
}

/** The input steps alone (imputation, standardisation, one-hot), fitted on the given rows. */
export function fitFeatures(
  t: RawTable,
  schema: Schema,
  featureIndices: number[],
  trainRows: Int32Array,
): { features: FeatureStep[]; inputNames: string[]; imputed: ImputationNote[] } {
  const features: FeatureStep[] = [];
  const inputNames: string[] = [];
  const imputed: ImputationNote[] = [];
  for (const c of featureIndices) {
    const info = schema.columns[c];
    if (info.type === 'number' || info.type === 'id' || (info.type === 'date' && info.integer)) {
      const vals: number[] = [];
      for (const r of trainRows) {
        const x = numericCell(t, c, r);
        if (!Number.isNaN(x)) vals.push(x);
      }
      if (vals.length === 0)
        throw new UserError({
          file: t.file,
          column: info.name,
          message: 'has no values in the training rows',
          hint: 'drop the column (--features) or fill it',
        });
      const fill = median(vals);
      const mean = vals.reduce((s, v) => s + v, 0) / vals.length;
      const sd = Math.sqrt(vals.reduce((s, v) => s + (v - mean) * (v - mean), 0) / vals.length);
      if (!Number.isFinite(mean) || !Number.isFinite(sd)) {
        throw new UserError({
          file: t.file,
          column: info.name,
          message: 'has values too large to standardise (their sum of squares overflows)',
          hint: 'rescale the column (e.g. divide by 1e6) or fix the cells',
        });
      }
      features.push({ kind: 'numeric', column: info.name, fill, mean, std: sd > 0 && Number.isFinite(sd) ? sd : 1 });
      inputNames.push(info.name);
      if (info.missing > 0) imputed.push({ column: info.name, count: info.missing, value: `median ${round(fill)}` });
    } else if (info.type === 'category' || info.type === 'constant') {
      const counts = new Map<string, number>();
      for (const r of trainRows) {
        const v = t.columns[c][r];
        if (!isMissing(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      const levels = sortLevels([...counts.keys()]);
      const fill = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
      features.push({ kind: 'onehot', column: info.name, levels, fill });
      for (const l of levels) inputNames.push(`${info.name}=${l}`);
      if (info.missing > 0) imputed.push({ column: info.name, count: info.missing, value: `most frequent "${fill}"` });
    } else {
      throw new UserError({
        file: t.file,
        column: info.name,
        message: `is a ${info.type} column and cannot be a network input here`,
        hint: 'remove it from --features',
      });
    }
  }
  return { features, inputNames, imputed };
}

function fitTarget(t: RawTable, info: ColumnInfo, trainRows: Int32Array, classify: boolean): TargetStep {
  const col = t.columns[info.index];
  if (classify) {
    const set = new Set<string>();
    for (const r of trainRows) if (!isMissing(col[r])) set.add(col[r]);
    const classes = sortLevels([...set]);
    if (classes.length < 2) {
      throw new UserError({
        file: t.file,
        column: info.name,
        message:
          classes.length === 0
            ? 'the target has no values'
            : `the target has one class only ("${classes[0]}") in the training rows`,
        hint: 'a classifier needs at least two classes; check --target',
      });
    }
    return { kind: 'classes', column: info.name, classes };
  }
  const vals: number[] = [];
  for (const r of trainRows) {
    const x = numericCell(t, info.index, r);
    if (!Number.isNaN(x)) vals.push(x);
  }
  const mean = vals.reduce((s, v) => s + v, 0) / vals.length;
  const sd = Math.sqrt(vals.reduce((s, v) => s + (v - mean) * (v - mean), 0) / vals.length);
  if (!Number.isFinite(mean) || !Number.isFinite(sd)) {
    throw new UserError({
      file: t.file,
      column: info.name,
      message: 'the target has values too large to standardise (their sum of squares overflows)',
      hint: 'rescale the column (e.g. divide by 1e6) or fix the cells',
    });
  }
  return { kind: 'scaled', column: info.name, mean, std: sd > 0 ? sd : 1 };
}

/** Column index of every pipeline input in table t, by name; an error names the missing ones. */
export function mapColumns(p: Pick<TabularPipeline, 'features'>, t: RawTable): number[] {
  const missing: string[] = [];
  const idx = p.features.map((f) => {
    const i = t.names.indexOf(f.column);
    if (i < 0) missing.push(f.column);
    return i;
  });
  if (missing.length) {
    throw new UserError({
      file: t.file,
      message: `is missing the feature column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} the model was trained on`,
      hint: 'add the column(s) with the same header name',
    });
  }
  return idx;
}

/** Encode rows of t into X (n × inputSize). Unseen categories are counted in `unseen`. */
export function transformX(
  p: Pick<TabularPipeline, 'features' | 'inputSize'>,
  t: RawTable,
  rows: Int32Array,
  unseen?: Map<string, Set<string>>,
): Float32Array {
  const cols = mapColumns(p, t);
  const X = new Float32Array(rows.length * p.inputSize);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    let o = i * p.inputSize;
    p.features.forEach((f, k) => {
      const c = cols[k];
      if (f.kind === 'numeric') {
        let x = numericCell(t, c, r);
        if (Number.isNaN(x)) x = f.fill;
        X[o++] = standardised(t, c, r, x, f);
      } else {
        let v = t.columns[c][r];
        if (isMissing(v)) v = f.fill;
        const li = f.levels.indexOf(v);
        if (li >= 0) X[o + li] = 1;
        else if (unseen) {
          if (!unseen.has(f.column)) unseen.set(f.column, new Set());
          unseen.get(f.column)!.add(v);
        }
        o += f.levels.length;
      }
    });
  }
  return X;
}

/** Inputs this many standard deviations from the training mean are refused, not fed to the network. */
export const MAX_ABS_Z = 1e6;

/**
 * (x - mean) / std, or a UserError naming the cell when x is so far outside the training values that
 * the network's output would be meaningless or non-finite (a 1e300 cell gave empty probabilities).
 */
function standardised(t: RawTable, c: number, r: number, x: number, f: { mean: number; std: number }): number {
  const z = (x - f.mean) / f.std;
  if (Math.abs(z) <= MAX_ABS_Z) return z;
  const sd = Math.abs(z) === Infinity ? 'infinitely many' : `${Math.abs(z).toExponential(1)}`;
  throw new UserError({
    file: t.file,
    row: r + 2,
    column: t.names[c],
    message: `"${t.columns[c][r]}" is ${sd} standard deviations from the mean of the training values (mean ${f.mean.toPrecision(4)}, sd ${f.std.toPrecision(4)})`,
    hint: 'fix the cell (a unit or a typo?), or leave it empty to have it imputed',
  });
}

/** Rows of t whose target cell is present. */
export function rowsWithTarget(t: RawTable, targetIndex: number, rows: Int32Array): Int32Array {
  return rows.filter((r) => !isMissing(t.columns[targetIndex][r]));
}

/** Target of each row: class index, or the standardised value. Unknown classes are user errors. */
export function encodeY(p: TabularPipeline, t: RawTable, rows: Int32Array): Float32Array {
  const c = t.names.indexOf(p.target.column);
  if (c < 0)
    throw new UserError({
      file: t.file,
      message: `has no target column "${p.target.column}"`,
      hint: 'evaluate needs the labelled column the model was trained on',
    });
  const y = new Float32Array(rows.length);
  const tg = p.target;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (tg.kind === 'classes') {
      const k = tg.classes.indexOf(t.columns[c][r]);
      if (k < 0) {
        throw new UserError({
          file: t.file,
          row: r + 2,
          column: tg.column,
          message: `class "${t.columns[c][r]}" does not occur in the training rows`,
          hint: `known classes: ${tg.classes.join(', ')}`,
        });
      }
      y[i] = k;
    } else {
      y[i] = standardised(t, c, r, numericCell(t, c, r), tg);
    }
  }
  return y;
}

export function targetValues(t: RawTable, targetIndex: number, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (r) => numericCell(t, targetIndex, r));
}

/** Sort levels numerically when they are all numbers, else lexicographically. */
export function sortLevels(levels: string[]): string[] {
  const allNum = levels.every((l) => l.trim() !== '' && !Number.isNaN(Number(l)));
  return allNum ? levels.sort((a, b) => Number(a) - Number(b)) : levels.sort();
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function round(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}
