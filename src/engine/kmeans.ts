// k-means (Lloyd's algorithm) with k-means++ seeding (Arthur & Vassilvitskii 2007), optional row
// weights (for clustering SOM units weighted by their hits), best of nInit seeded restarts by the
// weighted inertia Σ_i w_i·||x_i − μ_{c(i)}||². x: (n, d) row-major; centroids: (k, d).
// reference: sklearn.cluster.KMeans (n_init, k-means++).

import type { Rng } from './rng.js';

export interface KMeansResult {
  centroids: Float64Array;
  labels: Int32Array;
  inertia: number;
}

export function kmeans(
  x: ArrayLike<number>,
  n: number,
  d: number,
  k: number,
  rng: Rng,
  weights?: ArrayLike<number>,
  nInit = 10,
  maxIter = 100,
): KMeansResult {
  let best: KMeansResult | undefined;
  for (let run = 0; run < nInit; run++) {
    const r = lloyd(x, n, d, k, rng, weights, maxIter);
    if (!best || r.inertia < best.inertia - 1e-12) best = r;
  }
  return best!;
}

function dist2(x: ArrayLike<number>, i: number, c: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const e = x[i * d + t] - c[j * d + t];
    s += e * e;
  }
  return s;
}

function seedPlusPlus(
  x: ArrayLike<number>,
  n: number,
  d: number,
  k: number,
  rng: Rng,
  wt: (i: number) => number,
): Float64Array {
  const c = new Float64Array(k * d);
  const near = new Float64Array(n).fill(Infinity);
  let total = 0;
  for (let i = 0; i < n; i++) total += wt(i);
  // First centre: a row drawn with probability ∝ its weight; then ∝ weight·D(x)².
  let pick = draw(rng, n, wt, total);
  for (let j = 0; j < k; j++) {
    for (let t = 0; t < d; t++) c[j * d + t] = x[pick * d + t];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      near[i] = Math.min(near[i], dist2(x, i, c, j, d));
      sum += wt(i) * near[i];
    }
    if (j + 1 < k) pick = sum > 0 ? draw(rng, n, (i) => wt(i) * near[i], sum) : rng.int(n);
  }
  return c;
}

function draw(rng: Rng, n: number, p: (i: number) => number, total: number): number {
  let u = rng.uniform() * total;
  for (let i = 0; i < n; i++) {
    u -= p(i);
    if (u < 0) return i;
  }
  return n - 1;
}

function lloyd(
  x: ArrayLike<number>,
  n: number,
  d: number,
  k: number,
  rng: Rng,
  weights: ArrayLike<number> | undefined,
  maxIter: number,
): KMeansResult {
  const wt = (i: number): number => (weights ? weights[i] : 1);
  const c = seedPlusPlus(x, n, d, k, rng, wt);
  const labels = new Int32Array(n).fill(-1);
  const sum = new Float64Array(k * d);
  const mass = new Float64Array(k);
  for (let it = 0; it < maxIter; it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let b = 0;
      let bd = Infinity;
      for (let j = 0; j < k; j++) {
        const s = dist2(x, i, c, j, d);
        if (s < bd) {
          bd = s;
          b = j;
        }
      }
      if (labels[i] !== b) changed++;
      labels[i] = b;
    }
    if (changed === 0) break;
    sum.fill(0);
    mass.fill(0);
    for (let i = 0; i < n; i++) {
      const j = labels[i];
      mass[j] += wt(i);
      for (let t = 0; t < d; t++) sum[j * d + t] += wt(i) * x[i * d + t];
    }
    // NOTE: an emptied cluster keeps its old centre (sklearn relocates it; rare with k-means++).
    for (let j = 0; j < k; j++) if (mass[j] > 0) for (let t = 0; t < d; t++) c[j * d + t] = sum[j * d + t] / mass[j];
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += wt(i) * dist2(x, i, c, labels[i], d);
  return { centroids: c, labels, inertia };
}

/** Nearest centroid of each row. */
export function assignNearest(
  x: ArrayLike<number>,
  n: number,
  d: number,
  centroids: Float64Array,
  k: number,
): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => {
    let b = 0;
    let bd = Infinity;
    for (let j = 0; j < k; j++) {
      const s = dist2(x, i, centroids, j, d);
      if (s < bd) {
        bd = s;
        b = j;
      }
    }
    return b;
  });
}
