// k-nearest neighbours (Euclidean on the standardised inputs), the tabular baseline: majority vote
// (ties -> the class of the nearest tied neighbour) or the mean of the k targets. X: (n, d) row-major.

import type { XY } from './tabular-baselines.js';

/** Indices of the k nearest training rows of each query row (nearest first). */
export function nearestNeighbours(
  train: ArrayLike<number>,
  nTrain: number,
  query: ArrayLike<number>,
  nQuery: number,
  d: number,
  k: number,
): Int32Array {
  const kk = Math.min(k, nTrain);
  const out = new Int32Array(nQuery * kk);
  const bestD = new Float64Array(kk);
  const bestI = new Int32Array(kk);
  for (let q = 0; q < nQuery; q++) {
    bestD.fill(Infinity);
    bestI.fill(-1);
    for (let t = 0; t < nTrain; t++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const e = query[q * d + j] - train[t * d + j];
        s += e * e;
      }
      if (s >= bestD[kk - 1]) continue;
      let pos = kk - 1;
      while (pos > 0 && bestD[pos - 1] > s) {
        bestD[pos] = bestD[pos - 1];
        bestI[pos] = bestI[pos - 1];
        pos--;
      }
      bestD[pos] = s;
      bestI[pos] = t;
    }
    out.set(bestI, q * kk);
  }
  return out;
}

export function knnClassify(
  train: XY,
  test: { x: ArrayLike<number>; n: number },
  d: number,
  K: number,
  k = 5,
): Int32Array {
  const kk = Math.min(k, train.n);
  const nb = nearestNeighbours(train.x, train.n, test.x, test.n, d, kk);
  const pred = new Int32Array(test.n);
  const votes = new Int32Array(K);
  for (let q = 0; q < test.n; q++) {
    votes.fill(0);
    for (let j = 0; j < kk; j++) votes[train.y[nb[q * kk + j]]]++;
    const max = votes.reduce((m, v) => Math.max(m, v), 0); // NOTE: not Math.max(...votes): K may be large
    // NOTE: ties go to the class of the nearest neighbour among the tied classes.
    for (let j = 0; j < kk; j++) {
      const c = train.y[nb[q * kk + j]];
      if (votes[c] === max) {
        pred[q] = c;
        break;
      }
    }
  }
  return pred;
}

export function knnRegress(train: XY, test: { x: ArrayLike<number>; n: number }, d: number, k = 5): Float64Array {
  const kk = Math.min(k, train.n);
  const nb = nearestNeighbours(train.x, train.n, test.x, test.n, d, kk);
  return Float64Array.from({ length: test.n }, (_, q) => {
    let s = 0;
    for (let j = 0; j < kk; j++) s += train.y[nb[q * kk + j]];
    return s / kk;
  });
}
