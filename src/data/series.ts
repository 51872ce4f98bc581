// A time series from a table: the time column found (or --date), parsed and sorted, duplicates and
// gaps reported with their rows, the frequency and seasonal period inferred. The automatic
// transformations that keep trend and season from defeating a network are in series-transform.ts.

import { UserError } from '../errors.js';
import { dateError, type Frequency, inferFrequency, parseDate, SEASON, formatTime, stepTime } from './dates.js';
import type { RawTable } from './load.js';
import { type CovariateChoice, pickCovariates } from './covariates.js';
import { findColumn, type Schema } from './schema.js';
import { numericCell } from './tabular.js';

export * from './series-transform.js';

export interface Series {
  target: string;
  timeColumn?: string;
  /** UTC ms per point, NaN when the series has no time column. */
  times: number[];
  values: Float64Array;
  /** Covariate channels on the same time steps as `values` (gaps and missing cells interpolated). */
  covariates: SeriesChannel[];
  freq: Frequency;
  /** The time column holds bare years (1871), so outputs write years; otherwise ISO dates. */
  yearOnly: boolean;
  season: number;
  notes: string[];
}

export interface SeriesChannel {
  name: string;
  values: Float64Array;
}

/** The first `end` points of a series (a backtest origin); the whole series when end is absent. */
export function cutSeries(s: Series, end: number | undefined): Series {
  if (end === undefined || end >= s.values.length) return s;
  return {
    ...s,
    values: s.values.slice(0, end),
    times: s.times.slice(0, end),
    covariates: s.covariates.map((c) => ({ name: c.name, values: c.values.slice(0, end) })),
  };
}

export function loadSeries(
  t: RawTable,
  schema: Schema,
  targetRef: string | undefined,
  dateRef: string | undefined,
  covariates: CovariateChoice = 'none',
): Series {
  const notes: string[] = [];
  const { timeIdx, targetIdx } = seriesColumns(t, schema, targetRef, dateRef);
  const target = t.names[targetIdx];
  const { order, times } = timeOrder(t, timeIdx, notes);
  const picked = pickCovariates(t, schema, targetIdx, timeIdx, covariates);
  notes.push(...picked.notes);
  const columns = [targetIdx, ...picked.indices].map((c) => order.map((r) => numericCell(t, c, r)));
  const freq = timeIdx >= 0 ? inferFrequency(times) : 'rows';
  const yearOnly = freq === 'yearly' && t.columns[timeIdx].every((v) => v.trim() === '' || /^\d{4}$/.test(v.trim()));
  const { filledTimes, filled } = fillGaps(times, columns, freq, yearOnly, notes);
  const nMissing = filled[0].filter((v) => Number.isNaN(v)).length;
  const interp = interpolate(filled[0]);
  if (nMissing && freq === 'rows') notes.push(`${nMissing} missing value(s) of "${target}" were interpolated`);
  if (interp.every((v) => Number.isNaN(v)))
    throw new UserError({ file: t.file, column: target, message: 'the series has no values', hint: 'check --target' });
  const channels = covariateChannels(t, picked.indices, order, columns, filled, notes);
  const season = SEASON[freq];
  return {
    target,
    timeColumn: timeIdx >= 0 ? t.names[timeIdx] : undefined,
    times: filledTimes,
    values: Float64Array.from(interp),
    covariates: channels,
    freq,
    yearOnly,
    season,
    notes,
  };
}

/** The time column (--date, else the first date column; −1 for none) and the target (--target, else the last numeric column). */
function seriesColumns(
  t: RawTable,
  schema: Schema,
  targetRef: string | undefined,
  dateRef: string | undefined,
): { timeIdx: number; targetIdx: number } {
  let timeIdx = -1;
  if (dateRef) timeIdx = findColumn(t, dateRef, '--date');
  else timeIdx = schema.columns.find((c) => c.type === 'date')?.index ?? -1;
  let targetIdx: number;
  if (targetRef) targetIdx = findColumn(t, targetRef, '--target');
  else {
    const numeric = schema.columns.filter((c) => c.type === 'number' && c.index !== timeIdx);
    if (numeric.length === 0)
      throw new UserError({
        file: t.file,
        message: 'has no numeric column to forecast',
        hint: 'name the series with --target',
      });
    targetIdx = numeric[numeric.length - 1].index;
  }
  return { timeIdx, targetIdx };
}

/** The rows in time order and their times (NaN without a time column); unsorted rows are sorted and said, a repeated time is an error. */
function timeOrder(t: RawTable, timeIdx: number, notes: string[]): { order: number[]; times: number[] } {
  const order = Array.from({ length: t.nRows }, (_, i) => i);
  let times = order.map(() => NaN);
  if (timeIdx >= 0) {
    const col = t.columns[timeIdx];
    times = order.map((r) => {
      const v = parseDate(col[r]);
      if (Number.isNaN(v)) throw dateError(t.file, r + 2, t.names[timeIdx], col[r]);
      return v;
    });
    let sorted = true;
    for (let i = 1; i < times.length; i++) if (times[i] < times[i - 1]) sorted = false;
    if (!sorted) {
      order.sort((a, b) => times[a] - times[b]);
      notes.push(`the rows were not in time order; sorted them by "${t.names[timeIdx]}"`);
    }
    for (let i = 1; i < order.length; i++) {
      if (times[order[i]] === times[order[i - 1]]) {
        throw new UserError({
          file: t.file,
          row: order[i] + 2,
          column: t.names[timeIdx],
          message: `the time "${col[order[i]]}" occurs twice (rows ${order[i - 1] + 2} and ${order[i] + 2})`,
          hint: 'a series needs one row per period: remove or aggregate the duplicate',
        });
      }
    }
    times = order.map((r) => times[r]);
  }
  return { order, times };
}

/** Gaps: missing periods are added with NaN in every column (interpolated later), and said. */
function fillGaps(
  times: number[],
  columns: number[][],
  freq: Frequency,
  yearOnly: boolean,
  notes: string[],
): { filledTimes: number[]; filled: number[][] } {
  if (freq === 'rows') return { filledTimes: times, filled: columns };
  const ft: number[] = [times[0]];
  const fv = columns.map((v) => [v[0]]);
  const gaps: string[] = [];
  for (let i = 1; i < times.length; i++) {
    let next = stepTime(ft[ft.length - 1], freq, 1);
    while (next < times[i] - 1000) {
      gaps.push(formatTime(next, freq, yearOnly));
      ft.push(next);
      for (const v of fv) v.push(NaN);
      next = stepTime(next, freq, 1);
    }
    ft.push(times[i]);
    fv.forEach((v, c) => v.push(columns[c][i]));
  }
  if (gaps.length) notes.push(`${gaps.length} missing period(s) (first: ${gaps[0]}) were added and interpolated`);
  return { filledTimes: ft, filled: fv };
}

/** The covariate channels (columns 1.. of `columns`/`filled`), interpolated, with their missing cells said. */
function covariateChannels(
  t: RawTable,
  indices: number[],
  order: number[],
  columns: number[][],
  filled: number[][],
  notes: string[],
): SeriesChannel[] {
  return indices.map((c, k): SeriesChannel => {
    const name = t.names[c];
    const missing = order.map((r, i) => [r, columns[k + 1][i]] as const).filter(([, v]) => Number.isNaN(v));
    const values = interpolate(filled[k + 1]);
    if (values.every((v) => Number.isNaN(v)))
      throw new UserError({
        file: t.file,
        column: name,
        message: 'the covariate has no values',
        hint: 'fill the column, or leave it out with --covariates',
      });
    if (missing.length)
      notes.push(
        `covariate "${name}": ${missing.length} missing cell(s) (first: row ${missing[0][0] + 2}) were interpolated from their neighbours`,
      );
    return { name, values: Float64Array.from(values) };
  });
}

function interpolate(v: number[]): number[] {
  const out = [...v];
  let last = -1;
  for (let i = 0; i < out.length; i++) {
    if (Number.isNaN(out[i])) continue;
    if (last >= 0 && i - last > 1)
      for (let j = last + 1; j < i; j++) out[j] = out[last] + ((out[i] - out[last]) * (j - last)) / (i - last);
    if (last < 0) for (let j = 0; j < i; j++) out[j] = out[i];
    last = i;
  }
  if (last >= 0) for (let j = last + 1; j < out.length; j++) out[j] = out[last];
  return out;
}

export function defaultWindow(season: number, nTrainZ: number): number {
  const want = season > 1 ? season : 8;
  return Math.max(2, Math.min(want, Math.floor(nTrainZ / 4)));
}
