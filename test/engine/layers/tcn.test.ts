import { describe, expect, it } from 'vitest';
import type { TcnConfig } from '../../../src/engine/layers/tcn.js';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { awayFromZero, gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

describe('TCN block', () => {
  it.each<[string, TcnConfig, number[]]>([
    ['identity residual, d=1', { kind: 'tcn', filters: 2, kernel: 3 }, [2, 8]],
    ['projected residual, d=2', { kind: 'tcn', filters: 4, kernel: 2, dilation: 2 }, [3, 9]],
    ['projected residual, d=4', { kind: 'tcn', filters: 3, kernel: 3, dilation: 4 }, [2, 12]],
  ])('passes the gradient check: %s', (_name, cfg, inShape) => {
    const r = gradcheck(cfg, inShape, { B: 3, input: awayFromZero, eps: 1e-3, atol: 2e-3 });
    expect(r.failures).toEqual([]);
    expect(r.checked).toBeGreaterThan(40);
  });

  it('passes the gradient check stacked (dilations 1, 2)', () => {
    const layers: TcnConfig[] = [
      { kind: 'tcn', filters: 3, kernel: 2 },
      { kind: 'tcn', filters: 3, kernel: 2, dilation: 2 },
    ];
    expect(gradcheck(layers, [1, 10], { input: awayFromZero, eps: 1e-3, atol: 2e-3 }).failures).toEqual([]);
  });

  it('mutation: a sign-flipped dx, reversed kernel taps or a dropped residual gradient fail the check', () => {
    const cfg: TcnConfig = { kind: 'tcn', filters: 2, kernel: 3, dilation: 2 };
    const o = { input: awayFromZero, eps: 1e-3, atol: 2e-3 };
    expect(
      gradcheck(cfg, [2, 9], { ...o, mutate: (_m, dx) => dx.forEach((v, i) => (dx[i] = -v)) }).failures.length,
    ).toBeGreaterThan(0);
    const reversed = gradcheck(cfg, [2, 9], {
      ...o,
      mutate: (m) => {
        for (let fc = 0; fc < 4; fc++) [m.grads[fc * 3], m.grads[fc * 3 + 2]] = [m.grads[fc * 3 + 2], m.grads[fc * 3]];
      },
    });
    expect(reversed.failures.length).toBeGreaterThan(0);
    const noResidual = gradcheck({ kind: 'tcn', filters: 3, kernel: 2 }, [2, 6], {
      ...o,
      mutate: (m) => {
        const wr = m.manifest.find((e) => e.name === '0.tcn.Wr')!;
        m.grads.fill(0, wr.offset, wr.offset + 6);
      },
    });
    expect(noResidual.failures.length).toBeGreaterThan(0);
  });

  it('harness: shape, parameter count, round trip, repeatability', () => {
    runLayerTest({ kind: 'tcn', filters: 2, kernel: 3 }, [2, 10], { outShape: [2, 10], params: 2 * 2 * 3 + 2 });
    runLayerTest({ kind: 'tcn', filters: 4, kernel: 2, dilation: 3 }, [3, 9], {
      outShape: [4, 9],
      params: 4 * 3 * 2 + 4 + 4 * 3 + 4,
    });
  });

  it('is causal: changing x at step s leaves every output before s unchanged', () => {
    const m = new Sequential({
      inShape: [2, 12],
      layers: [
        { kind: 'tcn', filters: 3, kernel: 3, dilation: 2 },
        { kind: 'tcn', filters: 3, kernel: 3, dilation: 4 },
      ],
    });
    m.init(new Rng(2));
    const rng = new Rng(8);
    const x = Float32Array.from({ length: 24 }, () => rng.normal());
    const ctx = { mode: 'eval' as const, rng: new Rng(0) };
    const y0 = Float32Array.from(m.forward(x, 1, ctx).subarray(0, 36));
    const s = 7;
    x[s] += 5; // channel 0, step 7
    x[12 + s] -= 3; // channel 1, step 7
    const y1 = m.forward(x, 1, ctx).subarray(0, 36);
    let changedAtOrAfter = 0;
    for (let f = 0; f < 3; f++) {
      for (let t = 0; t < 12; t++) {
        if (t < s) expect(y1[f * 12 + t]).toBe(y0[f * 12 + t]);
        else if (y1[f * 12 + t] !== y0[f * 12 + t]) changedAtOrAfter++;
      }
    }
    expect(changedAtOrAfter).toBeGreaterThan(0);
  });

  it('golden: kernel [1, 1], dilation 2, identity residual', () => {
    // C = F = 1: z_t = x_{t−2} + x_t, y_t = relu(z_t) + x_t; x = [1, −3, 2, 1, −4]:
    // z = [1, −3, 3, −2, −2], relu = [1, 0, 3, 0, 0], y = [2, −3, 5, 1, −4]
    const m = new Sequential({ inShape: [1, 5], layers: [{ kind: 'tcn', filters: 1, kernel: 2, dilation: 2 }] });
    m.params.set([1, 1, 0]);
    const y = m.forward(Float32Array.from([1, -3, 2, 1, -4]), 1, { mode: 'eval', rng: new Rng(0) });
    expect(Array.from(y.subarray(0, 5))).toEqual([2, -3, 5, 1, -4]);
  });

  it('rejects a flat input and a zero dilation', () => {
    expect(() => new Sequential({ inShape: [8], layers: [{ kind: 'tcn', filters: 2, kernel: 2 }] })).toThrow(
      /\(C, L\)/,
    );
    expect(
      () => new Sequential({ inShape: [1, 8], layers: [{ kind: 'tcn', filters: 2, kernel: 2, dilation: 0 }] }),
    ).toThrow(/dilation 0/);
  });
});
