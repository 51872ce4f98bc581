import { describe, expect, it } from 'vitest';
import { applyScaling, augmentImages, flipsMakeSense, inferPixelRange, squareSide } from '../../src/data/images.js';
import { Rng } from '../../src/engine/rng.js';

describe('image helpers', () => {
  it.each([
    [[0, 0.5, 1], { min: 0, max: 1 }],
    [[0, 3, 16], { min: 0, max: 16 }],
    [[0, 17, 255], { min: 0, max: 255 }],
    [[0, 2.5, 12], { min: 0, max: 255 }], // not whole numbers: not the 0..16 digit scale
    [[-1, 0, 3], { min: -1, max: 3 }],
    [[0, 300, 1000], { min: 0, max: 1000 }],
  ])('pixel range of %j is %j', (v, range) => {
    expect(inferPixelRange(Float32Array.from(v), 1, v.length)).toMatchObject({ kind: 'range', ...range });
  });

  it('uses the given (training) rows only', () => {
    const x = Float32Array.from([0, 16, 0, 200]);
    expect(inferPixelRange(x, 2, 2, Int32Array.from([0]))).toMatchObject({ max: 16 });
  });

  it.each([
    [64, 8],
    [784, 28],
    [16, 4],
    [9, undefined],
    [10, undefined],
    [63, undefined],
  ])('square side of %i is %s', (n, s) => {
    expect(squareSide(n)).toBe(s);
  });

  it('scales to [0, 1] and standardises', () => {
    const x = Float32Array.from([0, 8, 16]);
    applyScaling(x, { kind: 'range', min: 0, max: 16, why: '' });
    expect(Array.from(x)).toEqual([0, 0.5, 1]);
    const z = Float32Array.from([1, 3]);
    applyScaling(z, { kind: 'standard', mean: 2, std: 1 });
    expect(Array.from(z)).toEqual([-1, 1]);
  });

  it('no mirroring for digits and letters', () => {
    expect(flipsMakeSense(['0', '1', '2'], 'data.csv')).toBe(false);
    expect(flipsMakeSense(['cat', 'dog'], 'handwritten-digits.csv')).toBe(false);
    expect(flipsMakeSense(['cat', 'dog'], 'photos')).toBe(true);
  });

  it('augmentation keeps the originals, adds shifted copies with their labels, and is seeded', () => {
    const x = Float32Array.from({ length: 2 * 16 }, (_, i) => i % 16);
    const y = Float32Array.from([0, 1]);
    const a = augmentImages(x, y, 2, [1, 4, 4], 2, false, new Rng(1));
    const b = augmentImages(x, y, 2, [1, 4, 4], 2, false, new Rng(1));
    expect(a.n).toBe(6);
    expect(Array.from(a.x.subarray(0, 32))).toEqual(Array.from(x));
    expect(Array.from(a.y)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(a.x).toEqual(b.x);
    for (let i = 0; i < a.x.length; i++) expect(a.x[i]).toBeGreaterThanOrEqual(0);
  });
});
