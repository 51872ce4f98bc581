// Covariates of a forecast: the other numeric columns of a series table, read as extra input channels.
// `auto` takes every numeric column but the time column and the target (columns that are text,
// constant, empty, ids or dates are left out, and said); `none` takes none; a list names them.
// Their transforms are in series.ts (covariateTransform).

import { UserError } from '../errors.js';
import type { RawTable } from './load.js';
import { findColumn, isMissing, type Schema } from './schema.js';
import { numericCell } from './tabular.js';

export type CovariateChoice = 'auto' | 'none' | readonly string[];

/** Column indices of the covariates, with a note for each numeric-looking column left out. */
export function pickCovariates(
  t: RawTable,
  schema: Schema,
  targetIdx: number,
  timeIdx: number,
  choice: CovariateChoice,
): { indices: number[]; notes: string[] } {
  if (choice === 'none') return { indices: [], notes: [] };
  if (choice === 'auto') {
    const others = schema.columns.filter((c) => c.index !== targetIdx && c.index !== timeIdx);
    const numeric = others.filter((c) => c.type === 'number');
    const counters = numeric.filter((c) => isCounter(t, c.index));
    const indices = numeric.filter((c) => !counters.includes(c)).map((c) => c.index);
    const skipped = others.filter((c) => c.type !== 'number');
    const notes: string[] = [];
    if (skipped.length)
      notes.push(
        `covariates: left out ${skipped.length} column(s) that are not numeric series: ${skipped.map((c) => `"${c.name}" (${c.type})`).join(', ')}`,
      );
    if (counters.length)
      notes.push(
        `covariates: left out ${counters.map((c) => `"${c.name}"`).join(', ')}: equally spaced numbers, a row counter or time index (name it in --covariates to use it)`,
      );
    return { indices, notes };
  }
  const indices = choice.map((ref) => {
    const i = findColumn(t, ref, '--covariates');
    if (i === targetIdx || i === timeIdx) {
      throw new UserError({
        file: t.file,
        column: t.names[i],
        message: `is the ${i === targetIdx ? 'target' : 'time column'}, not a covariate`,
        hint: 'list only the other numeric columns in --covariates',
      });
    }
    const type = schema.columns[i]?.type;
    if (type !== 'number' && type !== 'constant') {
      throw new UserError({
        file: t.file,
        column: t.names[i],
        message: `is a ${type} column, not a numeric covariate`,
        hint: 'give numeric columns to --covariates, or --covariates none',
      });
    }
    return i;
  });
  return { indices: [...new Set(indices)], notes: [] };
}

/** An arithmetic progression (1, 2, 3, ... or 2001, 2002, ...): a counter, not a measured series. */
function isCounter(t: RawTable, c: number): boolean {
  const v = t.columns[c].map((cell, r) => (isMissing(cell) ? NaN : numericCell(t, c, r)));
  if (v.length < 3 || v.some((x) => Number.isNaN(x))) return false;
  const step = v[1] - v[0];
  return step !== 0 && v.every((x, i) => Math.abs(x - v[0] - i * step) <= 1e-9 * Math.max(1, Math.abs(x)));
}
