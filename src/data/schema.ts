// Per-column type inference: number, category, date, id (identifier-like), text, constant, empty.
// Missing cells (empty, NA, NaN, null, ?, -, ...) are counted, not typed.

import { UserError } from '../errors.js';
import type { RawTable } from './load.js';

export const COLUMN_TYPES = ['number', 'category', 'date', 'id', 'text', 'constant', 'empty'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ColumnInfo {
  name: string;
  index: number;
  type: ColumnType;
  missing: number;
  unique: number;
  min?: number;
  max?: number;
  /** Levels of a category column, most frequent first (at most 50 listed). */
  levels?: string[];
  /** Number columns: all present values are integers. */
  integer?: boolean;
}

export interface Schema {
  columns: ColumnInfo[];
  nRows: number;
}

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '-', '--', '#n/a', '.', '缺失', '无']);

export function isMissing(cell: string): boolean {
  return MISSING.has(cell.toLowerCase());
}

/** Parse a numeric cell; NaN when it is not a number. Decimal commas only when the table uses them. */
export function parseNumber(cell: string, decimalComma: boolean): number {
  let s = cell;
  if (decimalComma && s.includes(',')) s = s.replace(',', '.');
  if (s.endsWith('%')) {
    const v = Number(s.slice(0, -1));
    return Number.isNaN(v) ? NaN : v / 100;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) && !/^[-+]?(inf|infinity)$/i.test(s)) return NaN;
  return Number(s.replace(/^([-+]?)inf$/i, '$1Infinity'));
}

const DATE_RE = [
  /^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/,
  /^\d{4}\/\d{1,2}\/\d{1,2}( \d{1,2}:\d{2}(:\d{2})?)?$/,
  /^\d{4}[-/.]\d{1,2}$/,
  /^\d{4}年\d{1,2}月(\d{1,2}日)?$/,
  /^\d{4}-?Q[1-4]$/i,
];

export function looksLikeDate(cell: string): boolean {
  return DATE_RE.some((re) => re.test(cell));
}

const ID_NAME = /^(id|ids|index|idx|no|no\.|number|编号|序号|样本编号|样本序号|学号|工号|key|uuid)$/i;
/** A header that names an identifier (id, index, 编号, 序号 ...). */
export function looksLikeIdName(name: string): boolean {
  return ID_NAME.test(name);
}

const DATE_NAME = /^(date|time|datetime|timestamp|month|year|period|日期|时间|年份|月份|年|月)$/i;

export function inferSchema(t: RawTable): Schema {
  return { nRows: t.nRows, columns: t.names.map((name, index) => inferColumn(t, name, index)) };
}

function inferColumn(t: RawTable, name: string, index: number): ColumnInfo {
  const col = t.columns[index];
  const present: string[] = [];
  for (const v of col) if (!isMissing(v)) present.push(v);
  const missing = col.length - present.length;
  const uniq = new Set(present);
  const base = { name, index, missing, unique: uniq.size };
  if (present.length === 0) return { ...base, type: 'empty' };

  const { numeric, firstBad, min, max, integer } = scanNumbers(col, t.decimalComma);
  const dates = present.filter(looksLikeDate).length;
  if (dates === present.length && numeric < present.length)
    return { ...base, type: uniq.size === 1 ? 'constant' : 'date' };
  if (numeric === present.length) {
    if (uniq.size === 1) return { ...base, type: 'constant', min, max, integer };
    if (DATE_NAME.test(name) && integer && min >= 1000 && max <= 2999)
      return { ...base, type: 'date', min, max, integer };
    if (ID_NAME.test(name) && integer && uniq.size === present.length)
      return { ...base, type: 'id', min, max, integer };
    return { ...base, type: 'number', min, max, integer };
  }
  // Mostly numbers with a few stray cells: that is a data error, not a category column.
  if (numeric >= 0.9 * present.length && numeric >= 3) throw strayCell(t, name, firstBad, col[firstBad]);
  const levels = [...countLevels(present)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  if (uniq.size === 1) return { ...base, type: 'constant', levels };
  const meanLen = present.reduce((s, v) => s + v.length, 0) / present.length;
  const hasSpaces = present.filter((v) => /\s/.test(v)).length / present.length;
  if (uniq.size > 0.5 * present.length && (meanLen >= 12 || (hasSpaces > 0.5 && meanLen >= 8)))
    return { ...base, type: 'text' };
  if (ID_NAME.test(name) || (uniq.size === present.length && present.length >= 20)) return { ...base, type: 'id' };
  return { ...base, type: 'category', levels: levels.slice(0, 50) };
}

/** The numeric cells of a column: how many, the first that is not a number, their range and integrality. */
function scanNumbers(
  col: string[],
  decimalComma: boolean,
): { numeric: number; firstBad: number; min: number; max: number; integer: boolean } {
  let numeric = 0;
  let firstBad = -1;
  let min = Infinity;
  let max = -Infinity;
  let integer = true;
  for (let r = 0; r < col.length; r++) {
    const v = col[r];
    if (isMissing(v)) continue;
    const x = parseNumber(v, decimalComma);
    if (Number.isNaN(x)) {
      if (firstBad < 0) firstBad = r;
      continue;
    }
    numeric++;
    if (x < min) min = x;
    if (x > max) max = x;
    if (!Number.isInteger(x)) integer = false;
  }
  return { numeric, firstBad, min, max, integer };
}

/** A mostly numeric column with a stray cell: that is a data error, not a category column. */
function strayCell(t: RawTable, name: string, firstBad: number, bad: string): UserError {
  return new UserError({
    file: t.file,
    row: firstBad + 2,
    column: name,
    message: `"${bad}" is not a number`,
    hint: /^[-+]?\d{1,3}([,. \u00a0\u2009\u202f]\d{3})+([.,]\d+)?$/.test(bad)
      ? 'write every number of the column with the same thousands separator (or none); mixed forms are not read as numbers'
      : bad.includes(',')
        ? 'use a decimal point, or save the CSV with ";" as the delimiter'
        : 'fix the cell, or leave it empty to have it imputed',
  });
}

function countLevels(values: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** Find a column by name (exact, then case-insensitive) or by 1-based index ("3"). */
export function findColumn(t: RawTable, ref: string, what: string): number {
  const exact = t.names.indexOf(ref);
  if (exact >= 0) return exact;
  const lower = t.names.findIndex((n) => n.toLowerCase() === ref.toLowerCase());
  if (lower >= 0) return lower;
  if (/^\d+$/.test(ref)) {
    const i = Number(ref);
    if (i >= 1 && i <= t.names.length) return i - 1;
    throw new UserError({
      file: t.file,
      message: `${what} ${ref} is out of range: the file has ${t.names.length} columns`,
      hint: `use a number from 1 to ${t.names.length} or a column name`,
    });
  }
  const near = nearest(ref, t.names);
  throw new UserError({
    file: t.file,
    message: `has no column "${ref}" (${what})`,
    hint: near ? `did you mean "${near}"? columns: ${t.names.join(', ')}` : `columns: ${t.names.join(', ')}`,
  });
}

export function nearest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = levenshtein(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}
