import { describe, expect, it } from 'vitest';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

describe('Dropout', () => {
  it('passes the gradient check with a fixed mask', () => {
    expect(
      gradcheck(
        [
          { kind: 'dense', units: 6 },
          { kind: 'dropout', rate: 0.3 },
        ],
        [4],
      ).failures,
    ).toEqual([]);
  });

  it('harness (train mode, seeded mask)', () => {
    runLayerTest({ kind: 'dropout', rate: 0.5 }, [8], { outShape: [8], params: 0 }, 'train');
  });

  it('is the identity in eval mode and keeps the mean in train mode', () => {
    const m = new Sequential({ inShape: [1000], layers: [{ kind: 'dropout', rate: 0.4 }] });
    const x = new Float32Array(1000).fill(1);
    expect(Array.from(m.forward(x, 1, { mode: 'eval', rng: new Rng(1) }).subarray(0, 5))).toEqual([1, 1, 1, 1, 1]);
    const y = m.forward(x, 1, { mode: 'train', rng: new Rng(1) });
    const mean = y.reduce((a, b) => a + b, 0) / 1000;
    expect(Math.abs(mean - 1)).toBeLessThan(0.1);
    expect(y.filter((v) => v === 0).length).toBeGreaterThan(300);
  });
});
