import { describe, expect, it } from 'vitest';
import { mse, softmaxCrossEntropy } from '../../src/engine/losses.js';
import { Rng } from '../../src/engine/rng.js';

function numericGrad(f: (y: Float32Array) => number, y: Float32Array, eps = 1e-2): Float64Array {
  const g = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const o = y[i];
    y[i] = o + eps;
    const lp = f(y);
    y[i] = o - eps;
    const lm = f(y);
    y[i] = o;
    g[i] = (lp - lm) / (2 * eps);
  }
  return g;
}

describe('losses', () => {
  it('softmax cross-entropy: hand value and gradient', () => {
    const d = new Float32Array(2);
    // logits [0, 0], target 1: L = log 2; dL/dz = [0.5, -0.5]
    expect(softmaxCrossEntropy(d, new Float32Array([0, 0]), new Float32Array([1]), 1, 2)).toBeCloseTo(Math.log(2), 6);
    expect(Array.from(d)).toEqual([0.5, -0.5]);
  });

  it('softmax cross-entropy: numerical gradient (with and without row weights)', () => {
    const rng = new Rng(3);
    const B = 4,
      C = 5;
    const z = Float32Array.from({ length: B * C }, () => 2 * rng.normal());
    const t = new Float32Array([0, 3, 4, 1]);
    for (const w of [undefined, new Float32Array([1, 2, 0.5, 1])]) {
      const d = new Float32Array(B * C);
      softmaxCrossEntropy(d, z, t, B, C, w);
      const g = numericGrad((y) => softmaxCrossEntropy(new Float32Array(B * C), y, t, B, C, w), z);
      for (let i = 0; i < d.length; i++) expect(Math.abs(d[i] - g[i])).toBeLessThan(1e-3 + 1e-2 * Math.abs(g[i]));
    }
  });

  it('softmax cross-entropy stays finite for huge logits', () => {
    const d = new Float32Array(2);
    const L = softmaxCrossEntropy(d, new Float32Array([1e4, -1e4]), new Float32Array([1]), 1, 2);
    expect(L).toBeCloseTo(2e4, 0);
    expect(Number.isFinite(d[0])).toBe(true);
  });

  it('mse: hand value and gradient', () => {
    const d = new Float32Array(2);
    // y = [1, 3], t = [0, 1]: L = (1 + 4)/2 = 2.5; dL/dy = 2(y-t)/2 = [1, 2]
    expect(mse(d, new Float32Array([1, 3]), new Float32Array([0, 1]), 2, 1)).toBe(2.5);
    expect(Array.from(d)).toEqual([1, 2]);
    const y = new Float32Array([0.3, -1.2, 2.0, 0.1]);
    const t = new Float32Array([0, 1, 2, 3]);
    const d2 = new Float32Array(4);
    mse(d2, y, t, 2, 2);
    const g = numericGrad((v) => mse(new Float32Array(4), v, t, 2, 2), y);
    for (let i = 0; i < 4; i++) expect(Math.abs(d2[i] - g[i])).toBeLessThan(1e-3);
  });

  it('mutation: a wrong CE gradient (sign flipped) disagrees with the numerical one', () => {
    const z = new Float32Array([0.1, 0.7, -0.3]);
    const t = new Float32Array([2]);
    const d = new Float32Array(3);
    softmaxCrossEntropy(d, z, t, 1, 3);
    const g = numericGrad((y) => softmaxCrossEntropy(new Float32Array(3), y, t, 1, 3), z);
    const wrong = d.map((v) => -v);
    expect(wrong.some((v, i) => Math.abs(v - g[i]) > 1e-2)).toBe(true);
  });
});
