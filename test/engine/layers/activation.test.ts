import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../../src/engine/kernels/activations.js';
import { awayFromZero, gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

describe('Activation', () => {
  it.each(ACTIVATIONS)('%s passes the gradient check', (fn) => {
    const r = gradcheck({ kind: 'activation', fn }, [6], { B: 3, input: awayFromZero });
    expect(r.failures).toEqual([]);
  });

  it.each(ACTIVATIONS)('%s: harness', (fn) => {
    runLayerTest({ kind: 'activation', fn }, [5], { outShape: [5], params: 0 });
  });

  it('mutation: a sign-flipped tanh backward fails', () => {
    const r = gradcheck({ kind: 'activation', fn: 'tanh' }, [6], {
      mutate: (_m, dx) => dx.forEach((v, i) => (dx[i] = -v)),
    });
    expect(r.failures.length).toBeGreaterThan(0);
  });

  it('softmax rows sum to one and survive huge logits', async () => {
    const { softmaxRows } = await import('../../../src/engine/kernels/activations.js');
    const y = new Float32Array(3);
    softmaxRows(y, new Float32Array([1000, 1001, 999]), 1, 3);
    expect(y[0] + y[1] + y[2]).toBeCloseTo(1, 6);
    expect(y[1]).toBeGreaterThan(y[0]);
  });
});
