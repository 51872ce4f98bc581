// Numbers written with thousands separators: "1,016" (quoted in a comma CSV), "1 016" (a space, a
// no-break, thin or narrow no-break space) and "1.016,5" (dots group, a comma is the decimal mark).
// Detected per column and rewritten as plain numbers ("1016", "1016.5") before any typing, so the
// column is numeric everywhere (train, inspect, predict). A column qualifies only when every present
// cell fits ONE style (grouped, or short enough to need no separator) and at least one cell could
// not be read as a plain number: "1.016" alone stays 1.016, and "1,5" in a ';' file stays a decimal.

import { isMissing } from './schema.js';

export const GROUP_STYLES = ['comma', 'dot', 'space'] as const;
export type GroupStyle = (typeof GROUP_STYLES)[number];

const GROUPED: Record<GroupStyle, RegExp> = {
  comma: /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/,
  dot: /^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/,
  space: /^[-+]?\d{1,3}([ \u00a0\u2009\u202f]\d{3})+([.,]\d+)?$/,
};
/** Cells of a grouped column that need no separator (under 1000). */
const SHORT: Record<GroupStyle, RegExp> = {
  comma: /^[-+]?\d{1,3}(\.\d+)?$/,
  dot: /^[-+]?\d{1,3}(,\d+)?$/,
  space: /^[-+]?\d{1,3}([.,]\d+)?$/,
};
/** A cell that may hold a separator: anything else cannot prove a column grouped. */
const MAY_GROUP = /[, \u00a0\u2009\u202f]|\..*\./;

/** A grouped cell that is not already a plain number (so the style is proven, not guessed). */
function proves(style: GroupStyle, v: string): boolean {
  return style !== 'dot' || v.includes(',') || v.indexOf('.') !== v.lastIndexOf('.');
}

/**
 * The one style every present value fits, with at least one value proving it; else undefined.
 * `values` may be the column's distinct values. With decimal commas in the table, "1,016" is a decimal.
 */
export function detectGrouping(values: Iterable<string>, decimalComma: boolean): GroupStyle | undefined {
  const alive = new Set<GroupStyle>(decimalComma ? ['dot', 'space'] : GROUP_STYLES);
  const proven = new Set<GroupStyle>();
  for (const v of values) {
    if (isMissing(v)) continue;
    // NOTE: fast path for the common cell without a comma, a space or two dots: it proves nothing,
    // and only "2.345" (a dot group) or a short number keeps a style alive.
    const sep = MAY_GROUP.test(v);
    for (const s of alive) {
      if (GROUPED[s].test(v)) {
        if (sep && proves(s, v)) proven.add(s);
      } else if (!SHORT[s].test(v)) alive.delete(s);
    }
    if (alive.size === 0) return undefined;
  }
  for (const s of GROUP_STYLES) if (alive.has(s) && proven.has(s)) return s;
  return undefined;
}

/** "1,016.5" / "1.016,5" / "1 016,5" -> "1016.5" under the column's style. */
export function ungroup(v: string, style: GroupStyle): string {
  switch (style) {
    case 'comma':
      return v.replace(/,/g, '');
    case 'dot':
      return v.replace(/\./g, '').replace(',', '.');
    case 'space':
      return v.replace(/[ \u00a0\u2009\u202f]/g, '').replace(',', '.');
    default: {
      const never: never = style;
      return never;
    }
  }
}

const EXAMPLE: Record<GroupStyle, string> = { comma: '1,016', dot: '1.016,5', space: '1 016' };

/**
 * Rewrite every grouped column of `columns` in place; one note per column. `distinct(c)` gives the
 * column's distinct values when the reader kept them (cheaper than the whole column), else undefined.
 */
export function ungroupColumns(
  names: string[],
  columns: string[][],
  decimalComma: boolean,
  notes: string[],
  distinct: (c: number) => Iterable<string> | undefined,
): void {
  for (let c = 0; c < columns.length; c++) {
    const style = detectGrouping(distinct(c) ?? columns[c], decimalComma);
    if (!style) continue;
    const col = columns[c];
    const cache = new Map<string, string>();
    for (let r = 0; r < col.length; r++) {
      const v = col[r];
      if (isMissing(v)) continue;
      let plain = cache.get(v);
      if (plain === undefined) {
        plain = ungroup(v, style);
        cache.set(v, plain);
      }
      col[r] = plain;
    }
    notes.push(
      `column "${names[c]}": numbers written with thousands separators (like "${EXAMPLE[style]}") read as numbers`,
    );
  }
}
