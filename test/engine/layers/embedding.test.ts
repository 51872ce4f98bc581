import { describe, expect, it } from 'vitest';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

const ids = (vocab: number) => (rng: Rng, n: number) => Float32Array.from({ length: n }, () => rng.int(vocab));

describe('Embedding', () => {
  it('passes the gradient check (dW accumulates over repeated ids, dx = 0)', () => {
    const r = gradcheck({ kind: 'embedding', vocab: 6, dim: 3 }, [5], { B: 4, input: ids(6) });
    expect(r.failures).toEqual([]);
    expect(r.checked).toBeGreaterThan(30);
  });

  it('feeds an LSTM: gradients reach the table through the recurrence', () => {
    const layers = [
      { kind: 'embedding', vocab: 7, dim: 3 },
      { kind: 'lstm', units: 3 },
    ] as const;
    expect(gradcheck([...layers], [6], { input: ids(7) }).failures).toEqual([]);
  });

  it('mutation: a doubled dW fails the check', () => {
    const r = gradcheck({ kind: 'embedding', vocab: 6, dim: 3 }, [5], {
      input: ids(6),
      mutate: (m) => m.grads.forEach((v, i) => (m.grads[i] = 2 * v)),
    });
    expect(r.failures.length).toBeGreaterThan(0);
  });

  it('harness: shape, parameter count, round trip, repeatability (ids as input)', () => {
    runLayerTest({ kind: 'embedding', vocab: 10, dim: 2 }, [3], { outShape: [3, 2], params: 20 }, 'eval', ids(10));
  });

  it('golden: looks up rows and rejects out-of-range ids', () => {
    const m = new Sequential({ inShape: [3], layers: [{ kind: 'embedding', vocab: 3, dim: 2 }] });
    m.params.set([0, 1, 10, 11, 20, 21]);
    const ctx = { mode: 'eval' as const, rng: new Rng(0) };
    expect(Array.from(m.forward(new Float32Array([2, 0, 2]), 1, ctx).subarray(0, 6))).toEqual([20, 21, 0, 1, 20, 21]);
    expect(() => m.forward(new Float32Array([0, 3, 1]), 1, ctx)).toThrow(/outside \[0, 3\)/);
  });
});
