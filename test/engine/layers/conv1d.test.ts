import { describe, expect, it } from 'vitest';
import type { Conv1dConfig } from '../../../src/engine/layers/conv1d.js';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { awayFromZero, gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

describe('Conv1d', () => {
  it.each<[string, Conv1dConfig, number[]]>([
    ['k3 valid', { kind: 'conv1d', filters: 3, kernel: 3 }, [2, 9]],
    ['k4 same', { kind: 'conv1d', filters: 2, kernel: 4, padding: 'same' }, [3, 8]],
    ['k3 stride 2 same', { kind: 'conv1d', filters: 4, kernel: 3, stride: 2, padding: 'same' }, [2, 11]],
  ])('passes the gradient check: %s', (_name, cfg, inShape) => {
    const r = gradcheck(cfg, inShape, { B: 3 });
    expect(r.failures).toEqual([]);
    expect(r.checked).toBeGreaterThan(40);
  });

  it('passes the gradient check with fused ReLU and max-pool', () => {
    const r = gradcheck(
      [
        { kind: 'conv1d', filters: 3, kernel: 3, padding: 'same', activation: 'relu' },
        { kind: 'maxpool1d', size: 2 },
      ],
      [2, 8],
      { input: awayFromZero, eps: 1e-3, atol: 2e-3 },
    );
    expect(r.failures).toEqual([]);
  });

  it('mutation: a sign-flipped dx or a reversed dW kernel fails the check', () => {
    const cfg: Conv1dConfig = { kind: 'conv1d', filters: 2, kernel: 3 };
    expect(
      gradcheck(cfg, [2, 7], { mutate: (_m, dx) => dx.forEach((v, i) => (dx[i] = -v)) }).failures.length,
    ).toBeGreaterThan(0);
    const reversed = gradcheck(cfg, [2, 7], {
      mutate: (m) => {
        for (let fc = 0; fc < 4; fc++) {
          const a = fc * 3,
            b = a + 2; // W is the first tensor, at offset 0
          [m.grads[a], m.grads[b]] = [m.grads[b], m.grads[a]];
        }
      },
    });
    expect(reversed.failures.length).toBeGreaterThan(0);
  });

  it('harness: shape, parameter count, round trip, repeatability', () => {
    runLayerTest({ kind: 'conv1d', filters: 4, kernel: 3 }, [2, 10], { outShape: [4, 8], params: 4 * 2 * 3 + 4 });
    runLayerTest({ kind: 'conv1d', filters: 2, kernel: 5, stride: 2, padding: 'same', activation: 'relu' }, [3, 9], {
      outShape: [2, 5],
      params: 2 * 15 + 2,
    });
  });

  it('golden: kernel [1, 0, -1] is a central difference', () => {
    const m = new Sequential({ inShape: [1, 5], layers: [{ kind: 'conv1d', filters: 1, kernel: 3, padding: 'same' }] });
    m.params.set([1, 0, -1, 0]);
    const y = m.forward(Float32Array.from([1, 4, 9, 16, 25]), 1, { mode: 'eval', rng: new Rng(0) });
    // y[t] = x[t−1] − x[t+1] with zeros outside: 0−4, 1−9, 4−16, 9−25, 16−0
    expect(Array.from(y.subarray(0, 5))).toEqual([-4, -8, -12, -16, 16]);
  });
});
