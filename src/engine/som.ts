// Self-organising map (Kohonen 1982): U = R·C units on a rectangular grid, each with a weight vector.
// For each step t, a seeded random row x: best-matching unit c = argmin_j ||x − w_j||², then every unit
//   w_j += lr(t) · h_{j,c}(t) · (x − w_j),   h_{j,c}(t) = exp(−||r_j − r_c||² / (2σ(t)²)),
// with grid positions r, lr(t) = lr0 + (lrEnd − lr0)·t/T (linear) and σ(t) = σ0·(σEnd/σ0)^{t/T}: a
// Gaussian neighbourhood that shrinks from half the map to about one unit, so the map first orders
// itself globally and then fine-tunes. x: (n, d) row-major; w: (U, d) row-major, unit j = (j / C, j % C).
// reference: Kohonen, Self-Organizing Maps (3rd ed.), ch. 3; MiniSom.

import type { Rng } from './rng.js';

export interface SomOptions {
  rows: number;
  cols: number;
  steps: number;
  lr0?: number;
  lrEnd?: number;
  sigma0?: number;
  sigmaEnd?: number;
}

/** Train a map; weights start at random data rows. Returns w (U, d). */
export function trainSom(x: Float32Array, n: number, d: number, o: SomOptions, rng: Rng): Float32Array {
  const U = o.rows * o.cols;
  const w = new Float32Array(U * d);
  for (let j = 0; j < U; j++) {
    const r = rng.int(n);
    for (let i = 0; i < d; i++) w[j * d + i] = x[r * d + i] + 0.01 * rng.normal();
  }
  const lr0 = o.lr0 ?? 0.5;
  const lrEnd = o.lrEnd ?? 0.01;
  const sigma0 = o.sigma0 ?? Math.max(1, Math.max(o.rows, o.cols) / 2);
  const sigmaEnd = o.sigmaEnd ?? 0.5;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let t = 0; t < o.steps; t++) {
    if (t % n === 0) rng.shuffle(order);
    const r = order[t % n];
    const c = bestMatchingUnit(w, U, x, r, d);
    const frac = t / o.steps;
    const lr = lr0 + (lrEnd - lr0) * frac;
    const sigma = sigma0 * (sigmaEnd / sigma0) ** frac;
    const inv2s2 = 1 / (2 * sigma * sigma);
    const cr = Math.floor(c / o.cols);
    const cc = c % o.cols;
    for (let j = 0; j < U; j++) {
      const dr = Math.floor(j / o.cols) - cr;
      const dc = (j % o.cols) - cc;
      const h = Math.exp(-(dr * dr + dc * dc) * inv2s2);
      // NOTE: far units get h ≈ 0; skipping them saves most of the work late in training.
      if (h < 1e-4) continue;
      const a = lr * h;
      for (let i = 0; i < d; i++) w[j * d + i] += a * (x[r * d + i] - w[j * d + i]);
    }
  }
  return w;
}

/** Index of the unit nearest to row r of x. */
export function bestMatchingUnit(w: Float32Array, U: number, x: ArrayLike<number>, r: number, d: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let j = 0; j < U; j++) {
    let s = 0;
    for (let i = 0; i < d; i++) {
      const e = x[r * d + i] - w[j * d + i];
      s += e * e;
    }
    if (s < bestD) {
      bestD = s;
      best = j;
    }
  }
  return best;
}

/** BMU of every row, the quantisation error (mean distance to the BMU) and the topographic error
 *  (share of rows whose two nearest units are not grid neighbours, 8-neighbourhood). */
export function mapRows(
  w: Float32Array,
  rows: number,
  cols: number,
  x: ArrayLike<number>,
  n: number,
  d: number,
): { bmu: Int32Array; quantizationError: number; topographicError: number } {
  const U = rows * cols;
  const bmu = new Int32Array(n);
  let qe = 0;
  let te = 0;
  for (let r = 0; r < n; r++) {
    let b1 = 0;
    let b2 = 0;
    let d1 = Infinity;
    let d2 = Infinity;
    for (let j = 0; j < U; j++) {
      let s = 0;
      for (let i = 0; i < d; i++) {
        const e = x[r * d + i] - w[j * d + i];
        s += e * e;
      }
      if (s < d1) {
        d2 = d1;
        b2 = b1;
        d1 = s;
        b1 = j;
      } else if (s < d2) {
        d2 = s;
        b2 = j;
      }
    }
    bmu[r] = b1;
    qe += Math.sqrt(d1);
    if (
      U > 1 &&
      (Math.abs(Math.floor(b1 / cols) - Math.floor(b2 / cols)) > 1 || Math.abs((b1 % cols) - (b2 % cols)) > 1)
    )
      te++;
  }
  return { bmu, quantizationError: n ? qe / n : 0, topographicError: n ? te / n : 0 };
}
