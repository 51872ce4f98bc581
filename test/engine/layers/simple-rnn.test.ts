import { describe, expect, it } from 'vitest';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

describe('SimpleRNN', () => {
  it.each([false, true])('passes the gradient check over T=6 steps (returnSequences=%s)', (returnSequences) => {
    const r = gradcheck({ kind: 'rnn', units: 5, returnSequences }, [6, 3], { B: 3 });
    expect(r.failures).toEqual([]);
    expect(r.checked).toBeGreaterThan(80);
  });

  it('mutation: dropping the recurrent path of dU fails the check', () => {
    const r = gradcheck({ kind: 'rnn', units: 5 }, [6, 3], {
      mutate: (m) => {
        const u = m.manifest.find((e) => e.name === '0.rnn.U')!;
        m.grads.fill(0, u.offset, u.offset + 25);
      },
    });
    expect(r.failures.length).toBeGreaterThan(0);
  });

  it('harness: shape, parameter count, round trip, repeatability', () => {
    runLayerTest({ kind: 'rnn', units: 5 }, [4, 3], { outShape: [5], params: 3 * 5 + 5 * 5 + 5 });
    runLayerTest({ kind: 'rnn', units: 5, returnSequences: true }, [4, 3], {
      outShape: [4, 5],
      params: 3 * 5 + 5 * 5 + 5,
    });
  });

  it('golden: h_t = tanh(x_t·W + h_{t-1}·U + b) with constant weights', () => {
    const m = new Sequential({ inShape: [2, 1], layers: [{ kind: 'rnn', units: 1, returnSequences: true }] });
    m.params.set([2, 0.5, 0.1]); // W = 2, U = 0.5, b = 0.1
    const y = m.forward(new Float32Array([1, -1]), 1, { mode: 'eval', rng: new Rng(0) });
    const h0 = Math.tanh(2.1);
    expect(y[0]).toBeCloseTo(h0, 6);
    expect(y[1]).toBeCloseTo(Math.tanh(-2 + 0.5 * h0 + 0.1), 6);
  });

  it('rejects an input that is not [T, I]', () => {
    expect(() => new Sequential({ inShape: [8], layers: [{ kind: 'rnn', units: 2 }] })).toThrow(/not \[T, I\]/);
  });
});
