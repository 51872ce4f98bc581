import { describe, expect, it } from 'vitest';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

describe('TimeDense', () => {
  it('passes the gradient check', () => {
    const r = gradcheck({ kind: 'time_dense', units: 3 }, [5, 4], { B: 3 });
    expect(r.failures).toEqual([]);
    expect(r.checked).toBeGreaterThan(40);
  });

  it('labels every step of an LSTM sequence (gradient check through both)', () => {
    const layers = [
      { kind: 'lstm', units: 4, returnSequences: true },
      { kind: 'time_dense', units: 2 },
    ] as const;
    expect(gradcheck([...layers], [5, 2]).failures).toEqual([]);
  });

  it('mutation: a sign-flipped dx fails the check', () => {
    const r = gradcheck({ kind: 'time_dense', units: 3 }, [5, 4], {
      mutate: (_m, dx) => dx.forEach((v, i) => (dx[i] = -v)),
    });
    expect(r.failures.length).toBeGreaterThan(0);
  });

  it('harness: shape, parameter count, round trip, repeatability', () => {
    runLayerTest({ kind: 'time_dense', units: 3 }, [5, 4], { outShape: [5, 3], params: 4 * 3 + 3 });
  });

  it('golden: the same W and b at every step', () => {
    const m = new Sequential({ inShape: [2, 2], layers: [{ kind: 'time_dense', units: 1 }] });
    m.params.set([1, 2, 0.5]); // W = [[1],[2]], b = 0.5
    const y = m.forward(new Float32Array([1, 1, -1, 3]), 1, { mode: 'eval', rng: new Rng(0) });
    expect(Array.from(y.subarray(0, 2))).toEqual([3.5, 5.5]);
  });

  it('rejects an input without a time axis', () => {
    expect(() => new Sequential({ inShape: [4], layers: [{ kind: 'time_dense', units: 2 }] })).toThrow(/no time axis/);
  });
});
