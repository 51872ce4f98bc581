import { describe, expect, it } from 'vitest';
import { exp32, sigmoidArray, tanhArray } from '../../src/engine/kernels/activations.js';

const apply =
  (f: typeof sigmoidArray) =>
  (v: number): number => {
    const a = Float32Array.of(7, v, 7);
    f(a, a, 1, 2);
    expect([a[0], a[2]]).toEqual([7, 7]); // only [start, end) is written
    return a[1];
  };
const sigmoid = apply(sigmoidArray);
const tanh32 = apply(tanhArray);

// The fast exp (range reduction + polynomial) against Math.exp/Math.tanh, the references.
const grid = Array.from({ length: 20001 }, (_, k) => (k - 10000) * 0.0087); // -87 .. 87

describe('exp32, sigmoidArray, tanhArray against Math', () => {
  it('exp32 is within float32 precision of Math.exp over [-87, 87]', () => {
    for (const x of grid) expect(Math.abs(exp32(x) - Math.exp(x)) / Math.exp(x)).toBeLessThan(3e-8);
  });

  it('sigmoid and tanh match Math to float32 precision, keep small inputs relatively exact and saturate', () => {
    for (const x of grid.map((g) => g / 4)) {
      expect(Math.abs(sigmoid(x) - Math.fround(1 / (1 + Math.exp(-x))))).toBeLessThan(1e-7);
      expect(Math.abs(tanh32(x) - Math.fround(Math.tanh(x)))).toBeLessThan(1e-7);
    }
    for (const x of [1e-9, -1e-6, 3e-4]) expect(Math.abs(tanh32(x) / Math.tanh(x) - 1)).toBeLessThan(2e-7);
    expect(sigmoid(1e6)).toBe(1);
    expect(sigmoid(-1e6)).toBeLessThan(1e-37);
    expect(sigmoid(-1e6)).toBeGreaterThanOrEqual(0);
    expect(tanh32(-Infinity)).toBe(-1);
    expect(tanh32(0)).toBe(0);
  });

  it('NaN stays NaN (a diverging run must show it)', () => {
    expect(exp32(NaN)).toBeNaN();
    expect(sigmoid(NaN)).toBeNaN();
    expect(tanh32(NaN)).toBeNaN();
  });
});
