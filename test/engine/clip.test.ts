import { describe, expect, it } from 'vitest';
import { clipGradNorm } from '../../src/engine/clip.js';

describe('clipGradNorm', () => {
  it('scales a gradient whose global norm exceeds the limit down to the limit', () => {
    const g = new Float32Array([3, 0, -4]); // ‖g‖ = 5
    expect(clipGradNorm(g, 1)).toBe(5);
    expect(Array.from(g)).toEqual([Math.fround(0.6), 0, Math.fround(-0.8)]);
  });

  it('leaves a gradient within the limit untouched', () => {
    const g = new Float32Array([0.3, 0.4]);
    expect(clipGradNorm(g, 1)).toBeCloseTo(0.5, 6);
    expect(Array.from(g)).toEqual([Math.fround(0.3), Math.fround(0.4)]);
  });

  it('handles an all-zero gradient', () => {
    const g = new Float32Array(4);
    expect(clipGradNorm(g, 1)).toBe(0);
    expect(Array.from(g)).toEqual([0, 0, 0, 0]);
  });
});
