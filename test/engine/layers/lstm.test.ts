import { describe, expect, it } from 'vitest';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

const H = 4;

describe('LSTM', () => {
  it.each([false, true])('passes the gradient check over T=6 steps (returnSequences=%s)', (returnSequences) => {
    const r = gradcheck({ kind: 'lstm', units: H, returnSequences }, [6, 3], { B: 3 });
    expect(r.failures).toEqual([]);
    expect(r.checked).toBeGreaterThan(100);
  });

  it('passes the gradient check stacked (sequences into a last-state LSTM)', () => {
    const layers = [
      { kind: 'lstm', units: 3, returnSequences: true },
      { kind: 'lstm', units: 2 },
    ] as const;
    expect(gradcheck([...layers], [5, 2], { B: 2 }).failures).toEqual([]);
  });

  it('a partial batch after a full one gives the same outputs and gradients as on its own', () => {
    const spec = { inShape: [5, 2], layers: [{ kind: 'lstm' as const, units: 3, returnSequences: true }] };
    const rng = new Rng(4);
    const x = Float32Array.from({ length: 4 * 10 }, () => rng.normal());
    const dy = Float32Array.from({ length: 2 * 15 }, () => rng.normal());
    const ctx = { mode: 'train' as const, rng: new Rng(0) };
    const run = (warm: boolean): [number[], number[], number[]] => {
      const m = new Sequential(spec);
      m.init(new Rng(9));
      if (warm) {
        m.forward(x, 4, ctx);
        m.backward(new Float32Array(4 * 15).fill(1), 4);
      }
      const y = Array.from(m.forward(x, 2, ctx).subarray(0, 30));
      m.zeroGrad();
      const dx = Array.from(m.backward(dy, 2).subarray(0, 20));
      return [y, dx, Array.from(m.grads)];
    };
    expect(run(true)).toEqual(run(false));
  });

  it('mutation: the forget-gate gradient dropped or dx sign-flipped fails the check', () => {
    const cfg = { kind: 'lstm', units: H } as const;
    const dropForget = gradcheck(cfg, [6, 3], {
      mutate: (m) => {
        // zero the f columns [H, 2H) of dW (3, 4H), dU (H, 4H) and db (4H)
        for (const e of m.manifest) {
          const rows = e.shape.length === 2 ? e.shape[0] : 1;
          for (let r = 0; r < rows; r++) m.grads.fill(0, e.offset + r * 4 * H + H, e.offset + r * 4 * H + 2 * H);
        }
      },
    });
    expect(dropForget.failures.length).toBeGreaterThan(0);
    const flipped = gradcheck(cfg, [6, 3], { mutate: (_m, dx) => dx.forEach((v, i) => (dx[i] = -v)) });
    expect(flipped.failures.length).toBeGreaterThan(0);
  });

  it('harness: shape, parameter count, round trip, repeatability', () => {
    const params = 3 * 4 * H + H * 4 * H + 4 * H;
    runLayerTest({ kind: 'lstm', units: H }, [5, 3], { outShape: [H], params });
    runLayerTest({ kind: 'lstm', units: H, returnSequences: true }, [5, 3], { outShape: [5, H], params });
  });

  it('initialises the forget-gate bias to 1 and the rest of b to 0', () => {
    const m = new Sequential({ inShape: [2, 1], layers: [{ kind: 'lstm', units: 2 }] });
    m.init(new Rng(1));
    const b = m.manifest.find((e) => e.name === '0.lstm.b')!;
    expect(Array.from(m.params.subarray(b.offset, b.offset + 8))).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
  });

  it('golden: two steps with constant weights give the hand-computed states', () => {
    // I = H = 1, every weight in W and U is 0.5, b = [0, 1, 0, 0] (i, f, g, o); x = [1, -2].
    // t=0: z = [0.5, 1.5, 0.5, 0.5]: i = o = σ(0.5) = 0.6224593, g = tanh(0.5) = 0.4621172,
    //      c0 = i·g = 0.2876491, h0 = o·tanh(c0) = 0.1742697.
    // t=1: z = 0.5·(-2) + 0.5·h0 + b = [-0.9128651, 0.0871349, -0.9128651, -0.9128651]:
    //      i = o = 0.2864139, f = 0.5217699, g = -0.7225046,
    //      c1 = f·c0 + i·g = -0.0568487, h1 = o·tanh(c1) = -0.0162647.
    const m = new Sequential({ inShape: [2, 1], layers: [{ kind: 'lstm', units: 1, returnSequences: true }] });
    m.params.set([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0, 1, 0, 0]);
    const y = m.forward(new Float32Array([1, -2]), 1, { mode: 'eval', rng: new Rng(0) });
    expect(y[0]).toBeCloseTo(0.1742697, 6);
    expect(y[1]).toBeCloseTo(-0.0162647, 6);
  });
});
