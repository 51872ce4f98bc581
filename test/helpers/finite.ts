// Assertions that a run folder holds no NaN, infinity or null metric anywhere.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { expect } from 'vitest';
import { base64ToFloats } from '../../src/engine/serialize.js';

/** Nulls allowed in metrics.json (documented as null when undefined, e.g. MAPE with all-zero actuals). */
const NULLABLE = /(^|\.)mape$/;

export function nonFiniteIn(x: unknown, path = ''): string[] {
  if (typeof x === 'number') return Number.isFinite(x) ? [] : [path];
  if (x === null) return NULLABLE.test(path) ? [] : [path];
  if (Array.isArray(x)) return x.flatMap((v, i) => nonFiniteIn(v, `${path}[${i}]`));
  if (typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => nonFiniteIn(v, path ? `${path}.${k}` : k));
  return [];
}

/** metrics.json, predictions.csv (and forecast/history) and the model weights hold no NaN/Infinity/null. */
export function expectFiniteRun(dir: string): void {
  const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
  expect(nonFiniteIn(metrics)).toEqual([]);
  // The CSV writer renders a non-finite number as an empty cell: every number column must be full.
  for (const f of ['predictions.csv', 'forecast.csv', 'history.csv']) {
    if (!existsSync(join(dir, f))) continue;
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(dir, f), 'utf8').trimEnd(), {
      header: true,
    }).data;
    const numeric = Object.keys(rows[0] ?? {}).filter(
      (k) =>
        /^(p_|train_loss|val_loss|lr|forecast|lower|upper)/.test(k) ||
        (metrics.task === 'regress' && /^(actual|predicted)$/.test(k)),
    );
    for (const row of rows)
      for (const k of numeric)
        expect(Number.isFinite(Number(row[k])) && row[k] !== '', `${f} ${k}="${row[k]}"`).toBe(true);
  }
  const model = JSON.parse(readFileSync(join(dir, 'model.nnm.json'), 'utf8'));
  for (const w of model.weights?.members ?? []) expect(base64ToFloats(w).every(Number.isFinite)).toBe(true);
}
