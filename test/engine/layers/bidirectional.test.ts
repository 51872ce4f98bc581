import { describe, expect, it } from 'vitest';
import type { BidirectionalConfig } from '../../../src/engine/layers/bidirectional.js';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

const H = 3;
const bi = (kind: 'rnn' | 'lstm' | 'gru', returnSequences = false): BidirectionalConfig => ({
  kind: 'bidirectional',
  layer: { kind, units: H, returnSequences },
});

describe('Bidirectional', () => {
  it.each<['rnn' | 'lstm' | 'gru', boolean]>([
    ['rnn', false],
    ['lstm', false],
    ['gru', false],
    ['lstm', true],
    ['gru', true],
  ])('passes the gradient check: %s, returnSequences=%s', (kind, seq) => {
    const r = gradcheck(bi(kind, seq), [5, 2], { B: 3 });
    expect(r.failures).toEqual([]);
    expect(r.checked).toBeGreaterThan(60);
  });

  it('passes the gradient check stacked under a last-state LSTM', () => {
    expect(gradcheck([bi('gru', true), { kind: 'lstm', units: 2 }], [4, 2], { B: 2 }).failures).toEqual([]);
  });

  it('mutation: swapped forward/backward gradients or a sign-flipped dx fail the check', () => {
    const swapped = gradcheck(bi('lstm'), [5, 2], {
      mutate: (m) => {
        const f = m.manifest.find((e) => e.name === '0.bidirectional.fwd.W')!;
        const b = m.manifest.find((e) => e.name === '0.bidirectional.bwd.W')!;
        const n = f.shape[0] * f.shape[1];
        const tmp = m.grads.slice(f.offset, f.offset + n);
        m.grads.copyWithin(f.offset, b.offset, b.offset + n);
        m.grads.set(tmp, b.offset);
      },
    });
    expect(swapped.failures.length).toBeGreaterThan(0);
    const flipped = gradcheck(bi('gru', true), [5, 2], { mutate: (_m, dx) => dx.forEach((v, i) => (dx[i] = -v)) });
    expect(flipped.failures.length).toBeGreaterThan(0);
  });

  it('harness: shape, parameter count, round trip, repeatability', () => {
    const lstm = 2 * (2 * 4 * H + H * 4 * H + 4 * H);
    runLayerTest(bi('lstm'), [5, 2], { outShape: [2 * H], params: lstm });
    runLayerTest(bi('gru', true), [5, 2], { outShape: [5, 2 * H], params: 2 * (2 * 3 * H + H * 3 * H + 2 * 3 * H) });
    runLayerTest(bi('rnn'), [4, 3], { outShape: [2 * H], params: 2 * (3 * H + H * H + H) });
  });

  it('a partial batch after a full one gives the same outputs and gradients as on its own', () => {
    const spec = { inShape: [5, 2], layers: [bi('lstm', true), { kind: 'attention_pool' as const, units: 3 }] };
    const rng = new Rng(4);
    const x = Float32Array.from({ length: 4 * 10 }, () => rng.normal());
    const dy = Float32Array.from({ length: 2 * 2 * H }, () => rng.normal());
    const ctx = { mode: 'train' as const, rng: new Rng(0) };
    const run = (warm: boolean): [number[], number[], number[]] => {
      const m = new Sequential(spec);
      m.init(new Rng(9));
      if (warm) {
        m.forward(x, 4, ctx);
        m.backward(new Float32Array(4 * 2 * H).fill(1), 4);
      }
      const y = Array.from(m.forward(x, 2, ctx).subarray(0, 2 * 2 * H));
      m.zeroGrad();
      const dx = Array.from(m.backward(dy, 2).subarray(0, 20));
      return [y, dx, Array.from(m.grads)];
    };
    expect(run(true)).toEqual(run(false));
  });

  it('golden: the two halves are the forward layer on x and on x reversed in time', () => {
    // Both copies get the same weights: then the backward half of y_t equals a forward LSTM run on the
    // reversed sequence, read at step T−1−t, and the last-state halves are h on x and h on reverse(x).
    const x = Float32Array.from([0.5, -1, 2, 0.25, -0.75, 1.5]); // T = 3, I = 2
    const xr = Float32Array.from([-0.75, 1.5, 2, 0.25, 0.5, -1]);
    const ctx = { mode: 'eval' as const, rng: new Rng(0) };
    const uni = new Sequential({ inShape: [3, 2], layers: [{ kind: 'lstm', units: 2, returnSequences: true }] });
    uni.init(new Rng(3));
    const m = new Sequential({
      inShape: [3, 2],
      layers: [{ kind: 'bidirectional', layer: { kind: 'lstm', units: 2, returnSequences: true } }],
    });
    m.params.set(uni.params, 0);
    m.params.set(uni.params, uni.params.length);
    const yf = Array.from(uni.forward(x, 1, ctx).subarray(0, 6));
    const yr = Array.from(uni.forward(xr, 1, ctx).subarray(0, 6));
    const y = Array.from(m.forward(x, 1, ctx).subarray(0, 12));
    for (let t = 0; t < 3; t++) {
      expect(y.slice(4 * t, 4 * t + 2)).toEqual(yf.slice(2 * t, 2 * t + 2));
      expect(y.slice(4 * t + 2, 4 * t + 4)).toEqual(yr.slice(2 * (2 - t), 2 * (2 - t) + 2));
    }
  });

  it('saves its inner layer in config()', () => {
    const m = new Sequential({ inShape: [4, 2], layers: [bi('gru', true)] });
    expect(m.toSpec().layers[0]).toEqual({
      kind: 'bidirectional',
      layer: { kind: 'gru', units: H, returnSequences: true },
    });
    expect(m.manifest.map((e) => e.name)).toEqual([
      '0.bidirectional.fwd.W',
      '0.bidirectional.fwd.U',
      '0.bidirectional.fwd.b',
      '0.bidirectional.fwd.bU',
      '0.bidirectional.bwd.W',
      '0.bidirectional.bwd.U',
      '0.bidirectional.bwd.b',
      '0.bidirectional.bwd.bU',
    ]);
  });

  it('rejects a wrapped layer that is not recurrent, and a flat input', () => {
    expect(
      () =>
        new Sequential({
          inShape: [4, 2],
          layers: [{ kind: 'bidirectional', layer: { kind: 'dense', units: 2 } as never }],
        }),
    ).toThrow(/wraps rnn, lstm or gru/);
    expect(() => new Sequential({ inShape: [8], layers: [bi('lstm')] })).toThrow(/not \[T, I\]/);
  });
});
