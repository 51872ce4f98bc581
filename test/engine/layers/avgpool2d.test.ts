import { describe, expect, it } from 'vitest';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';
import { noTies } from '../../helpers/inputs.js';

const eval0 = { mode: 'eval' as const, rng: new Rng(0) };

describe('AvgPool2d', () => {
  it.each([
    ['2x2', { kind: 'avgpool2d', size: 2 }, [2, 5, 6]],
    ['3x3 stride 1', { kind: 'avgpool2d', size: 3, stride: 1 }, [1, 5, 5]],
  ] as const)('passes the gradient check: %s', (_name, cfg, inShape) => {
    expect(gradcheck({ ...cfg }, [...inShape], { B: 2, input: noTies }).failures).toEqual([]);
  });

  it('mutation: a missing 1/size² scale fails the check', () => {
    const r = gradcheck({ kind: 'avgpool2d', size: 2 }, [1, 4, 4], {
      mutate: (_m, dx) => dx.forEach((v, i) => (dx[i] = 4 * v)),
    });
    expect(r.failures.length).toBeGreaterThan(0);
  });

  it('harness', () => {
    runLayerTest({ kind: 'avgpool2d', size: 2, stride: 1 }, [2, 3, 3], { outShape: [2, 2, 2], params: 0 });
  });

  it('golden: the mean of each window; backward spreads dy/4', () => {
    const m = new Sequential({ inShape: [1, 4, 4], layers: [{ kind: 'avgpool2d', size: 2 }] });
    const x = Float32Array.from({ length: 16 }, (_, i) => i);
    expect(Array.from(m.forward(x, 1, eval0).subarray(0, 4))).toEqual([2.5, 4.5, 10.5, 12.5]);
    const dx = m.backward(Float32Array.from([4, 0, 0, 8]), 1);
    expect(Array.from(dx.subarray(0, 16))).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 2, 2, 0, 0, 2, 2]);
  });
});
