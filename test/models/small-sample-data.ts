// Data with a known answer for the closed-form small-sample networks: a noisy sine, a noiseless plane,
// and iris (standardised on its training rows, split by the shared fixed test indices).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Rng } from '../../src/engine/rng.js';

export interface Rows {
  x: Float64Array;
  y: Float64Array;
  n: number;
}

/** y = sin(x) + N(0, noise²), x ~ U(−3, 3). */
export function sine(n: number, seed: number, noise = 0.05): Rows & { truth: Float64Array } {
  const rng = new Rng(seed);
  const x = Float64Array.from({ length: n }, () => 6 * rng.uniform() - 3);
  const truth = x.map(Math.sin);
  return { x, y: truth.map((v) => v + noise * rng.normal()), truth, n };
}

/** y = 3x₁ − 2x₂ + 0.5 exactly, x ~ N(0, I₂). */
export function plane(n: number, seed: number): Rows {
  const rng = new Rng(seed);
  const x = Float64Array.from({ length: 2 * n }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, i) => 3 * x[2 * i] - 2 * x[2 * i + 1] + 0.5);
  return { x, y, n };
}

/** Iris: 4 standardised features, one-hot over 3 species; train and test rows. */
export function iris(): { train: Rows; test: Rows; testLabels: number[] } {
  const dir = resolve(__dirname, '../../sample-data');
  const lines = readFileSync(resolve(dir, 'iris.csv'), 'utf8').trim().split('\n').slice(1);
  const testIdx = new Set(readFileSync(resolve(dir, 'iris.test_idx.txt'), 'utf8').trim().split(/\s+/).map(Number));
  const species = [...new Set(lines.map((l) => l.split(',')[4]))];
  const rows = lines.map((l) => {
    const c = l.split(',');
    return { f: c.slice(0, 4).map(Number), k: species.indexOf(c[4]) };
  });
  const trainRows = rows.filter((_, i) => !testIdx.has(i));
  const mean = [0, 1, 2, 3].map((j) => trainRows.reduce((s, r) => s + r.f[j], 0) / trainRows.length);
  const sd = [0, 1, 2, 3].map((j) =>
    Math.sqrt(trainRows.reduce((s, r) => s + (r.f[j] - mean[j]) ** 2, 0) / trainRows.length),
  );
  const pack = (rs: typeof rows): Rows => ({
    x: Float64Array.from(rs.flatMap((r) => r.f.map((v, j) => (v - mean[j]) / sd[j]))),
    y: Float64Array.from(rs.flatMap((r) => [0, 1, 2].map((k) => (k === r.k ? 1 : 0)))),
    n: rs.length,
  });
  const testRows = rows.filter((_, i) => testIdx.has(i));
  return { train: pack(trainRows), test: pack(testRows), testLabels: testRows.map((r) => r.k) };
}

export function rmse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / a.length);
}

/** Accuracy of argmax over K columns of p (n, K) against labels. */
export function argmaxAccuracy(p: ArrayLike<number>, labels: number[], K: number): number {
  let right = 0;
  labels.forEach((lab, i) => {
    let best = 0;
    for (let k = 1; k < K; k++) if (p[i * K + k] > p[i * K + best]) best = k;
    if (best === lab) right++;
  });
  return right / labels.length;
}
