import { describe, expect, it } from 'vitest';
import type { LayerConfig } from '../../../src/engine/layers/registry.js';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { awayFromZero, gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

// A (T = 8, I = 2) window through a Conv1D front end into an LSTM, and a TCN into attention pooling.
const CNN_LSTM: LayerConfig[] = [
  { kind: 'transpose' },
  { kind: 'conv1d', filters: 3, kernel: 3, padding: 'same', activation: 'relu' },
  { kind: 'transpose' },
  { kind: 'lstm', units: 3 },
];
const TCN_ATTENTION: LayerConfig[] = [
  { kind: 'transpose' },
  { kind: 'tcn', filters: 3, kernel: 2, dilation: 2 },
  { kind: 'transpose' },
  { kind: 'attention_pool', units: 2 },
];

describe('Transpose', () => {
  it('passes the gradient check, alone and in CNN-LSTM and TCN-attention stacks', () => {
    const alone = gradcheck([{ kind: 'transpose' }, { kind: 'time_dense', units: 2 }], [3, 5], { B: 3 });
    expect(alone.failures).toEqual([]);
    expect(alone.checked).toBeGreaterThan(40);
    const o = { input: awayFromZero, eps: 1e-3, atol: 2e-3 };
    expect(gradcheck(CNN_LSTM, [8, 2], o).failures).toEqual([]);
    expect(gradcheck(TCN_ATTENTION, [8, 2], o).failures).toEqual([]);
  });

  it('mutation: a backward that does not transpose back fails the check', () => {
    // I = 2 columns, T = 3 rows: with the dx layout read un-transposed, entries land on the wrong step
    const r = gradcheck([{ kind: 'transpose' }, { kind: 'time_dense', units: 2 }], [3, 2], {
      mutate: (_m, dx) => {
        const B = dx.length / 6;
        const copy = Float32Array.from(dx);
        for (let n = 0; n < B; n++)
          for (let r = 0; r < 3; r++) for (let c = 0; c < 2; c++) dx[n * 6 + r * 2 + c] = copy[n * 6 + c * 3 + r];
      },
    });
    expect(r.failures.length).toBeGreaterThan(0);
  });

  it('harness: shape, parameter count, round trip, repeatability', () => {
    runLayerTest({ kind: 'transpose' }, [3, 5], { outShape: [5, 3], params: 0 });
  });

  it('golden: (2, 3) -> (3, 2) per sample', () => {
    const m = new Sequential({ inShape: [2, 3], layers: [{ kind: 'transpose' }] });
    const y = m.forward(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 2, {
      mode: 'eval',
      rng: new Rng(0),
    });
    expect(Array.from(y.subarray(0, 12))).toEqual([1, 4, 2, 5, 3, 6, 7, 10, 8, 11, 9, 12]);
  });

  it('rejects a flat input', () => {
    expect(() => new Sequential({ inShape: [6], layers: [{ kind: 'transpose' }] })).toThrow(/rank 2/);
  });
});
