import { describe, expect, it } from 'vitest';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';
import { noTies } from '../../helpers/inputs.js';

const eval0 = { mode: 'eval' as const, rng: new Rng(0) };

describe('MaxPool1d', () => {
  it.each([
    ['size 2', { kind: 'maxpool1d', size: 2 }, [3, 9]],
    ['size 3 stride 2', { kind: 'maxpool1d', size: 3, stride: 2 }, [2, 9]],
  ] as const)('passes the gradient check on inputs without ties: %s', (_name, cfg, inShape) => {
    expect(gradcheck({ ...cfg }, [...inShape], { B: 2, input: noTies }).failures).toEqual([]);
  });

  it('mutation: gradients routed one step off fail the check', () => {
    const r = gradcheck({ kind: 'maxpool1d', size: 2 }, [2, 6], {
      input: noTies,
      mutate: (_m, dx) => dx.copyWithin(1, 0),
    });
    expect(r.failures.length).toBeGreaterThan(0);
  });

  it('harness', () => {
    runLayerTest({ kind: 'maxpool1d', size: 2 }, [3, 7], { outShape: [3, 3], params: 0 });
  });

  it('golden', () => {
    const m = new Sequential({ inShape: [1, 5], layers: [{ kind: 'maxpool1d', size: 2 }] });
    expect(Array.from(m.forward(Float32Array.from([3, 1, 4, 1, 5]), 1, eval0).subarray(0, 2))).toEqual([3, 4]);
    expect(Array.from(m.backward(Float32Array.from([7, 9]), 1).subarray(0, 5))).toEqual([7, 0, 9, 0, 0]);
  });
});
