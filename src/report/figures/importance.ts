// The input-importance figure (issue 15): one horizontal bar per input, the permutation importance
// (drop of the test metric when that input is shuffled), sorted, with ± one standard deviation whiskers.

import { chartBase, type VlSpec } from './chart-base.js';

export interface ImportanceRow {
  feature: string;
  importance: number;
  std: number;
}

export function importanceSpec(rows: ImportanceRow[], t: { input: string; importance: string }): VlSpec {
  const sorted = [...rows].sort((a, b) => b.importance - a.importance);
  const values = sorted.map((r) => ({ ...r, lo: r.importance - r.std, hi: r.importance + r.std }));
  const y = { field: 'feature', type: 'nominal', title: t.input, sort: null };
  return chartBase(
    {
      data: { values },
      layer: [
        {
          mark: { type: 'bar', color: '#4c78a8' },
          encoding: { y, x: { field: 'importance', type: 'quantitative', title: t.importance } },
        },
        {
          mark: { type: 'rule', color: '#222', strokeWidth: 1.5 },
          encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
        },
      ],
    },
    560,
    Math.max(120, 26 * sorted.length),
  );
}
