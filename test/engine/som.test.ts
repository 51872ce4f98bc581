import { describe, expect, it } from 'vitest';
import { assignNearest, kmeans } from '../../src/engine/kmeans.js';
import { Rng } from '../../src/engine/rng.js';
import { bestMatchingUnit, mapRows, trainSom } from '../../src/engine/som.js';

describe('self-organising map', () => {
  it('one step follows w_j += lr·h_{j,c}·(x − w_j) with a Gaussian h (golden value)', () => {
    // 1×2 map, one row x = 1 (d = 1); start weights are drawn from the data (≈ 1), so use two rows
    // and compare against the rule replayed by hand from the initial weights.
    const x = Float32Array.from([0, 1]);
    const rngA = new Rng(3);
    const w = trainSom(x, 2, 1, { rows: 1, cols: 2, steps: 1, lr0: 0.5, sigma0: 1 }, rngA);
    // Replay: same draws as trainSom (two init rows + noise, then the shuffle).
    const rng = new Rng(3);
    const w0 = [0, 0];
    for (let j = 0; j < 2; j++) w0[j] = x[rng.int(2)] + 0.01 * rng.normal();
    const order = rng.shuffle(Int32Array.from([0, 1]));
    const r = order[0];
    const c = Math.abs(x[r] - w0[0]) <= Math.abs(x[r] - w0[1]) ? 0 : 1;
    const want = w0.map((wj, j) => wj + 0.5 * Math.exp(-((j - c) ** 2) / 2) * (x[r] - wj));
    expect(w[0]).toBeCloseTo(want[0], 5);
    expect(w[1]).toBeCloseTo(want[1], 5);
  });
  it('orders itself: on a 1-D line the 1×6 map becomes monotone, and the error is small', () => {
    const n = 200;
    const x = Float32Array.from({ length: n }, (_, i) => i / (n - 1));
    const w = trainSom(x, n, 1, { rows: 1, cols: 6, steps: 3000 }, new Rng(1));
    const diffs = Array.from({ length: 5 }, (_, j) => w[j + 1] - w[j]);
    expect(diffs.every((v) => v > 0) || diffs.every((v) => v < 0)).toBe(true);
    const m = mapRows(w, 1, 6, x, n, 1);
    expect(m.quantizationError).toBeLessThan(0.1);
    expect(m.topographicError).toBe(0);
    expect(bestMatchingUnit(w, 6, x, 0, 1)).toBe(diffs[0] > 0 ? 0 : 5);
  });
});

describe('k-means++', () => {
  it('finds two obvious groups and their centres', () => {
    const x = [0, 0, 0, 1, 1, 0, 10, 10, 10, 11, 11, 10];
    const r = kmeans(x, 6, 2, 2, new Rng(1));
    expect(new Set(r.labels.slice(0, 3)).size).toBe(1);
    expect(new Set(r.labels.slice(3)).size).toBe(1);
    expect(r.labels[0]).not.toBe(r.labels[3]);
    const c = r.labels[0];
    expect(r.centroids[c * 2]).toBeCloseTo(1 / 3, 12);
    expect(r.inertia).toBeCloseTo(4 * (2 / 3), 9); // each group: Σ||x − μ||² = 2/3 + 2/3 ... = 4/3
    expect(Array.from(assignNearest([0.2, 0.1, 9, 9], 2, 2, r.centroids, 2))).toEqual([c, 1 - c]);
  });
  it('weights pull the centre: weighted mean of 0 (w = 3) and 4 (w = 1) is 1', () => {
    const r = kmeans([0, 4, 100], 3, 1, 2, new Rng(2), [3, 1, 1]);
    expect(r.centroids[r.labels[0]]).toBeCloseTo(1, 12);
  });
});
