import { describe, expect, it } from 'vitest';
import { kFolds, splitRows } from '../../src/data/split.js';
import { Rng } from '../../src/engine/rng.js';

describe('splits', () => {
  const rows = Int32Array.from({ length: 100 }, (_, i) => i);
  const labels = Float32Array.from(rows, (i) => (i < 80 ? 0 : 1));

  it('stratified split keeps class shares and covers every row once', () => {
    const s = splitRows(rows, 0.2, new Rng(1), labels);
    expect(s.test.length).toBe(20);
    expect(Array.from(s.test).filter((r) => r >= 80).length).toBe(4);
    expect(new Set([...s.train, ...s.test]).size).toBe(100);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(splitRows(rows, 0.2, new Rng(5)).test).toEqual(splitRows(rows, 0.2, new Rng(5)).test);
    expect(splitRows(rows, 0.2, new Rng(5)).test).not.toEqual(splitRows(rows, 0.2, new Rng(6)).test);
  });

  it('k folds partition the rows, stratified', () => {
    const folds = kFolds(rows, 5, new Rng(2), labels);
    const all = folds.flatMap((f) => Array.from(f.test));
    expect(all.sort((a, b) => a - b)).toEqual(Array.from(rows));
    for (const f of folds) {
      expect(f.test.length).toBe(20);
      expect(Array.from(f.test).filter((r) => r >= 80).length).toBe(4);
      expect(f.train.length).toBe(80);
    }
  });
});
