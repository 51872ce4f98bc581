import { describe, expect, it } from 'vitest';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

describe('Flatten', () => {
  it('passes the gradient check between a conv and a dense layer', () => {
    const r = gradcheck(
      [{ kind: 'conv2d', filters: 2, kernel: 2 }, { kind: 'flatten' }, { kind: 'dense', units: 3 }],
      [1, 4, 4],
    );
    expect(r.failures).toEqual([]);
  });

  it('harness', () => {
    runLayerTest({ kind: 'flatten' }, [2, 3, 4], { outShape: [24], params: 0 });
  });

  it('golden: keeps the row-major (C, H, W) order', () => {
    const m = new Sequential({ inShape: [2, 1, 2], layers: [{ kind: 'flatten' }] });
    const x = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(m.forward(x, 2, { mode: 'eval', rng: new Rng(0) }).subarray(0, 8))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect(m.outShape).toEqual([4]);
  });
});
