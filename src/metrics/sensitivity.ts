// Input sensitivity of a fitted model on the test rows, per original input column (a one-hot
// group is one column):
//   permutation importance (Breiman 2001; sklearn permutation_importance): score(X) − score(X with the
//     column's values shuffled across rows), averaged over R seeded shuffles (larger = more important);
//   MIV, mean impact value (common in BP-network papers): each row's raw value x is set to 1.1·x and
//     0.9·x, MIV = mean over rows of the output change f(1.1·x) − f(0.9·x). Regression: signed, in
//     target units; classification: the mean total-variation change ½·Σ_k |p_k(+) − p_k(−)| of the
//     class probabilities. Numeric columns only (a ±10% category makes no sense): null for one-hot.
// X: (n, d) row-major, standardised: z = (x − mean)/std, so x·(1 ± 0.1) is z ± 0.1·x/std.

import type { Rng } from '../engine/rng.js';

export interface InputGroup {
  name: string;
  /** First network input of the column and how many inputs it spans (1, or the one-hot levels). */
  start: number;
  width: number;
  /** Standardisation of a numeric column (absent for one-hot). */
  scale?: { mean: number; std: number };
}

/** Model outputs (n, O) for inputs (n, d). */
export type Predict = (x: Float32Array, n: number) => ArrayLike<number>;

export interface FeatureSensitivity {
  feature: string;
  permutation_importance: number;
  permutation_std: number;
  miv: number | null;
  rank_permutation: number;
  rank_miv: number | null;
}

export function permutationImportance(
  x: Float32Array,
  n: number,
  d: number,
  groups: InputGroup[],
  predict: Predict,
  score: (out: ArrayLike<number>) => number,
  rng: Rng,
  repeats = 5,
): { base: number; mean: number[]; std: number[] } {
  const base = score(predict(x, n));
  const xp = new Float32Array(x.length);
  const order = new Int32Array(n);
  const mean: number[] = [];
  const std: number[] = [];
  for (const g of groups) {
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      xp.set(x);
      for (let i = 0; i < n; i++) order[i] = i;
      rng.shuffle(order);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < g.width; j++) xp[i * d + g.start + j] = x[order[i] * d + g.start + j];
      drops.push(base - score(predict(xp, n)));
    }
    const m = drops.reduce((s, v) => s + v, 0) / repeats;
    mean.push(m);
    std.push(repeats > 1 ? Math.sqrt(drops.reduce((s, v) => s + (v - m) ** 2, 0) / (repeats - 1)) : 0);
  }
  return { base, mean, std };
}

/** MIV per group (null for groups without a numeric scale). O outputs per row; `unit` scales a
 *  single regression output back to target units; O > 1 means class probabilities. */
export function meanImpactValue(
  x: Float32Array,
  n: number,
  d: number,
  groups: InputGroup[],
  predict: Predict,
  O: number,
  unit = 1,
): (number | null)[] {
  const up = new Float32Array(x.length);
  const down = new Float32Array(x.length);
  return groups.map((g) => {
    if (!g.scale) return null;
    const { mean, std } = g.scale;
    up.set(x);
    down.set(x);
    for (let i = 0; i < n; i++) {
      const k = i * d + g.start;
      const raw = x[k] * std + mean;
      up[k] = x[k] + (0.1 * raw) / std;
      down[k] = x[k] - (0.1 * raw) / std;
    }
    const pu = Array.from(predict(up, n));
    const pd = Array.from(predict(down, n));
    let s = 0;
    for (let i = 0; i < n; i++) {
      if (O === 1) s += (pu[i] - pd[i]) * unit;
      else {
        let tv = 0;
        for (let k = 0; k < O; k++) tv += Math.abs(pu[i * O + k] - pd[i * O + k]);
        s += tv / 2;
      }
    }
    return s / n;
  });
}

/** 1-based ranks by decreasing value (|value| when `abs`); nulls get null. */
export function ranks(v: (number | null)[], abs = false): (number | null)[] {
  const idx = v.map((x, i) => ({ x, i })).filter((e): e is { x: number; i: number } => e.x !== null);
  idx.sort((a, b) => (abs ? Math.abs(b.x) - Math.abs(a.x) : b.x - a.x));
  const out: (number | null)[] = v.map(() => null);
  idx.forEach((e, r) => (out[e.i] = r + 1));
  return out;
}

export function sensitivityTable(
  groups: InputGroup[],
  perm: { mean: number[]; std: number[] },
  miv: (number | null)[],
): FeatureSensitivity[] {
  const rp = ranks(perm.mean);
  const rm = ranks(miv, true);
  return groups.map((g, i) => ({
    feature: g.name,
    permutation_importance: perm.mean[i],
    permutation_std: perm.std[i],
    miv: miv[i],
    rank_permutation: rp[i] ?? groups.length,
    rank_miv: rm[i],
  }));
}
