import { describe, expect, it } from 'vitest';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

const H = 4;

describe('GRU (reset-after)', () => {
  it.each([false, true])('passes the gradient check over T=6 steps (returnSequences=%s)', (returnSequences) => {
    const r = gradcheck({ kind: 'gru', units: H, returnSequences }, [6, 3], { B: 3 });
    expect(r.failures).toEqual([]);
    expect(r.checked).toBeGreaterThan(100);
  });

  it('mutation: a sign-flipped dbU or dx fails the check', () => {
    const flipped = gradcheck({ kind: 'gru', units: H }, [6, 3], {
      mutate: (m) => {
        const bU = m.manifest.find((e) => e.name === '0.gru.bU')!;
        for (let k = bU.offset; k < bU.offset + 3 * H; k++) m.grads[k] = -m.grads[k];
      },
    });
    expect(flipped.failures.length).toBeGreaterThan(0);
    const dx = gradcheck({ kind: 'gru', units: H }, [6, 3], { mutate: (_m, d) => d.forEach((v, i) => (d[i] = -v)) });
    expect(dx.failures.length).toBeGreaterThan(0);
  });

  it('harness: shape, parameter count, round trip, repeatability', () => {
    const params = 3 * 3 * H + H * 3 * H + 2 * 3 * H;
    runLayerTest({ kind: 'gru', units: H }, [5, 3], { outShape: [H], params });
    runLayerTest({ kind: 'gru', units: H, returnSequences: true }, [5, 3], { outShape: [5, H], params });
  });

  it('golden: one step with constant weights', () => {
    // I = H = 1, W = [1, 1, 1] (r, z, n), U = 0.5, b = 0, bU = [0, 0, 0.5], x = 1, h_{-1} = 0:
    // r = z = σ(1), n = tanh(1 + r·0.5), h = (1 - z)·n.
    const m = new Sequential({ inShape: [1, 1], layers: [{ kind: 'gru', units: 1 }] });
    m.params.set([1, 1, 1, 0.5, 0.5, 0.5, 0, 0, 0, 0, 0, 0.5]);
    const y = m.forward(new Float32Array([1]), 1, { mode: 'eval', rng: new Rng(0) });
    const s = 1 / (1 + Math.exp(-1));
    expect(y[0]).toBeCloseTo((1 - s) * Math.tanh(1 + s * 0.5), 6);
  });
});
