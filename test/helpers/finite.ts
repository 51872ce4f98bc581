// Assertions that a run folder holds no NaN, infinity or null metric anywhere.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { base64ToFloats } from '../../src/engine/serialize.js';

/** Nulls allowed in metrics.json (documented as null when undefined, e.g. MAPE with all-zero actuals). */
const NULLABLE = /(^|\.)mape$/;

export function nonFiniteIn(x: unknown, path = ''): string[] {
  if (typeof x === 'number') return Number.isFinite(x) ? [] : [path];
  if (x === null) return NULLABLE.test(path) ? [] : [path];
  if (Array.isArray(x)) return x.flatMap((v, i) => nonFiniteIn(v, `${path}[${i}]`));
  if (typeof x === 'object') return Object.entries(x as object).flatMap(([k, v]) => nonFiniteIn(v, path ? `${path}.${k}` : k));
  return [];
}

/** metrics.json, predictions.csv and model.nnm.json (weights included) are free of NaN/Infinity/null. */
export function expectFiniteRun(dir: string): void {
  const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
  expect(nonFiniteIn(metrics)).toEqual([]);
  for (const f of ['predictions.csv', 'forecast.csv', 'history.csv']) {
    if (!existsSync(join(dir, f))) continue;
    const text = readFileSync(join(dir, f), 'utf8');
    expect(text).not.toMatch(/\b(NaN|Infinity)\b/);
    // an empty numeric cell is how the CSV writer renders a non-finite number
    if (f !== 'predictions.csv') expect(text).not.toMatch(/,,|,$/m);
  }
  const model = JSON.parse(readFileSync(join(dir, 'model.nnm.json'), 'utf8'));
  expect(JSON.stringify(model)).not.toMatch(/\b(NaN|Infinity)\b/);
  for (const w of model.weights?.members ?? []) expect(base64ToFloats(w).every(Number.isFinite)).toBe(true);
}
