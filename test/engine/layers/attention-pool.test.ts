import { describe, expect, it } from 'vitest';
import { AttentionPool } from '../../../src/engine/layers/attention-pool.js';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

describe('AttentionPool', () => {
  it('passes the gradient check on its own', () => {
    const r = gradcheck({ kind: 'attention_pool', units: 4 }, [6, 3], { B: 3 });
    expect(r.failures).toEqual([]);
    expect(r.checked).toBeGreaterThan(30);
  });

  it('passes the gradient check over LSTM sequences (the usual stack)', () => {
    const r = gradcheck(
      [
        { kind: 'lstm', units: 4, returnSequences: true },
        { kind: 'attention_pool', units: 3 },
      ],
      [5, 2],
      { B: 2 },
    );
    expect(r.failures).toEqual([]);
  });

  it('mutation: a dropped score gradient (dv = 0, dW = 0) or a sign-flipped dx fails the check', () => {
    const dropped = gradcheck({ kind: 'attention_pool', units: 4 }, [6, 3], {
      mutate: (m) => {
        for (const e of m.manifest)
          if (e.name.endsWith('.v') || e.name.endsWith('.W'))
            m.grads.fill(0, e.offset, e.offset + e.shape.reduce((a, b) => a * b, 1));
      },
    });
    expect(dropped.failures.length).toBeGreaterThan(0);
    const flipped = gradcheck({ kind: 'attention_pool', units: 4 }, [6, 3], {
      mutate: (_m, dx) => dx.forEach((v, i) => (dx[i] = -v)),
    });
    expect(flipped.failures.length).toBeGreaterThan(0);
  });

  it('harness: shape, parameter count, round trip, repeatability', () => {
    runLayerTest({ kind: 'attention_pool', units: 5 }, [7, 3], { outShape: [3], params: 3 * 5 + 5 + 5 });
  });

  it('golden: hand-computed weights and pooled state', () => {
    // T = 2, H = 1, A = 1: W = 1, b = 0, v = 2; h = [0.5, −1]:
    // e = 2·tanh(0.5) = 0.9242343, 2·tanh(−1) = −1.5231884; α = softmax = [0.9203728, 0.0796272]
    // y = 0.9203728·0.5 + 0.0796272·(−1) = 0.3805592
    const m = new Sequential({ inShape: [2, 1], layers: [{ kind: 'attention_pool', units: 1 }] });
    m.params.set([1, 0, 2]);
    const y = m.forward(Float32Array.from([0.5, -1]), 1, { mode: 'eval', rng: new Rng(0) });
    expect(y[0]).toBeCloseTo(0.3805592, 6);
    const alpha = (m.layers[0] as AttentionPool).weights();
    expect(alpha[0]).toBeCloseTo(0.9203728, 6);
    expect(alpha[0] + alpha[1]).toBeCloseTo(1, 6);
  });

  it('rejects an input without a time axis', () => {
    expect(() => new Sequential({ inShape: [4], layers: [{ kind: 'attention_pool', units: 2 }] })).toThrow(
      /returnSequences/,
    );
  });
});
