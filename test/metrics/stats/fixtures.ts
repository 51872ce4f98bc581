// The stored reference values (test/fixtures/stats/*.json, made by bench/stats-fixtures/) and the
// 1e-6 agreement every statistic is held to.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';

/* eslint-disable @typescript-eslint/no-explicit-any */
export const R_REF: any = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/stats/r-reference.json'), 'utf8'));
export const PY_REF: any = JSON.parse(
  readFileSync(resolve(__dirname, '../../fixtures/stats/py-reference.json'), 'utf8'),
);

export const TOL = 1e-6;

/** |actual − expected| ≤ 1e-6 (infinities must match exactly). */
export function expectClose(actual: number, expected: number, label = ''): void {
  if (!Number.isFinite(expected)) {
    expect(actual, label).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOL);
}
