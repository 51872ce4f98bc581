import { describe, expect, it } from 'vitest';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

// ids with padding (0) in about a third of the positions, and one all-padding row
const ids = (vocab: number) => (rng: Rng, n: number) =>
  Float32Array.from({ length: n }, (_, i) => (i < 5 ? 0 : rng.uniform() < 0.3 ? 0 : 1 + rng.int(vocab - 1)));

describe('EmbeddingBag (mean, padding left out)', () => {
  it('passes the gradient check (dW = dy / n over the non-padding tokens, dx = 0)', () => {
    const r = gradcheck({ kind: 'embedding_bag', vocab: 6, dim: 3 }, [5], { B: 4, input: ids(6) });
    expect(r.failures).toEqual([]);
    expect(r.checked).toBeGreaterThan(20);
  });

  it('feeds a dense head: gradients reach the table through it', () => {
    expect(
      gradcheck(
        [
          { kind: 'embedding_bag', vocab: 7, dim: 3 },
          { kind: 'dense', units: 2 },
        ],
        [6],
        { input: ids(7) },
      ).failures,
    ).toEqual([]);
  });

  it('mutation: a dW scaled by 0.7 fails the check', () => {
    const r = gradcheck({ kind: 'embedding_bag', vocab: 6, dim: 3 }, [5], {
      B: 4,
      input: ids(6),
      mutate: (m) => m.grads.forEach((v, i) => (m.grads[i] = 0.7 * v)),
    });
    expect(r.failures.length).toBeGreaterThan(0);
  });

  it('harness: shape, parameter count, round trip, repeatability (ids as input)', () => {
    runLayerTest({ kind: 'embedding_bag', vocab: 10, dim: 2 }, [3], { outShape: [2], params: 20 }, 'eval', ids(10));
  });

  it('golden: [2, 0, 1] -> (W2 + W1)/2, padding only -> 0, [2, 2, 2] -> W2; out-of-range ids throw', () => {
    const m = new Sequential({ inShape: [3], layers: [{ kind: 'embedding_bag', vocab: 3, dim: 2 }] });
    m.params.set([100, 100, 1, 11, 21, 31]);
    const ctx = { mode: 'eval' as const, rng: new Rng(0) };
    expect(Array.from(m.forward(new Float32Array([2, 0, 1, 0, 0, 0, 2, 2, 2]), 3, ctx).subarray(0, 6))).toEqual([
      11, 21, 0, 0, 21, 31,
    ]);
    expect(() => m.forward(new Float32Array([0, 3, 1]), 1, ctx)).toThrow(/outside \[0, 3\)/);
  });
});
