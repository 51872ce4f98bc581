import { describe, expect, it } from 'vitest';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';
import { noTies } from '../../helpers/inputs.js';

const eval0 = { mode: 'eval' as const, rng: new Rng(0) };

describe('AvgPool1d', () => {
  it('passes the gradient check', () => {
    expect(gradcheck({ kind: 'avgpool1d', size: 3, stride: 2 }, [2, 9], { B: 2, input: noTies }).failures).toEqual([]);
  });

  it('mutation: a missing 1/size scale fails the check', () => {
    const r = gradcheck({ kind: 'avgpool1d', size: 2 }, [2, 6], {
      mutate: (_m, dx) => dx.forEach((v, i) => (dx[i] = 2 * v)),
    });
    expect(r.failures.length).toBeGreaterThan(0);
  });

  it('harness', () => {
    runLayerTest({ kind: 'avgpool1d', size: 4, stride: 2 }, [2, 10], { outShape: [2, 4], params: 0 });
  });

  it('golden', () => {
    const m = new Sequential({ inShape: [1, 5], layers: [{ kind: 'avgpool1d', size: 2, stride: 1 }] });
    expect(Array.from(m.forward(Float32Array.from([1, 3, 5, 7, 9]), 1, eval0).subarray(0, 4))).toEqual([2, 4, 6, 8]);
  });

  it('rejects a window larger than the input', () => {
    expect(() => new Sequential({ inShape: [1, 1], layers: [{ kind: 'avgpool1d', size: 2 }] })).toThrow(/avgpool1d/);
  });
});
