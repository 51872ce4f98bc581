// Seeded train/test (and train/validation) splits; stratified by class when labels are given, so
// every class keeps its share in both parts (sklearn train_test_split(stratify=y) semantics).

import type { Rng } from '../engine/rng.js';

export interface Split {
  train: Int32Array;
  test: Int32Array;
}

export function splitRows(rows: Int32Array, testFrac: number, rng: Rng, labels?: Float32Array): Split {
  if (!labels) {
    const idx = rng.shuffle(Int32Array.from(rows));
    const nTest = Math.max(1, Math.round(testFrac * rows.length));
    return { test: sortI(idx.slice(0, nTest)), train: sortI(idx.slice(nTest)) };
  }
  const byClass = new Map<number, number[]>();
  rows.forEach((r, i) => {
    const k = labels[i];
    if (!byClass.has(k)) byClass.set(k, []);
    byClass.get(k)!.push(r);
  });
  const test: number[] = [];
  const train: number[] = [];
  for (const k of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = rng.shuffle(Int32Array.from(byClass.get(k)!));
    // NOTE: a class with 2+ members keeps at least one row on each side.
    let nTest = Math.round(testFrac * members.length);
    if (members.length >= 2) nTest = Math.min(Math.max(nTest, 1), members.length - 1);
    // NOTE: loops, not push(...rows): spreading 100k+ rows overflows the call stack.
    for (let i = 0; i < members.length; i++) (i < nTest ? test : train).push(members[i]);
  }
  return { test: sortI(Int32Array.from(test)), train: sortI(Int32Array.from(train)) };
}

function sortI(a: Int32Array): Int32Array {
  return a.sort();
}

/** Positions (0..n-1) of `subset` within `rows`, for picking labels of a sub-split. */
export function labelsOf(rows: Int32Array, all: Int32Array, labels: Float32Array): Float32Array {
  const pos = new Map<number, number>();
  all.forEach((r, i) => pos.set(r, i));
  return Float32Array.from(rows, (r) => labels[pos.get(r)!]);
}

/** K folds of `rows` (stratified when labels are given): fold i validates, the rest train. */
export function kFolds(rows: Int32Array, k: number, rng: Rng, labels?: Float32Array): Split[] {
  const groups = new Map<number, number[]>();
  rows.forEach((r, i) => {
    const key = labels ? labels[i] : 0;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  });
  const foldOf = new Map<number, number>();
  let offset = 0;
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const members = rng.shuffle(Int32Array.from(groups.get(key)!));
    // NOTE: deal round-robin, continuing where the last class stopped, so fold sizes stay balanced.
    members.forEach((r, j) => foldOf.set(r, (offset + j) % k));
    offset += members.length;
  }
  return Array.from({ length: k }, (_, f) => ({
    train: rows.filter((r) => foldOf.get(r) !== f),
    test: rows.filter((r) => foldOf.get(r) === f),
  }));
}
