import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setKernelBackend, wasmSimdAvailable } from '../../../src/engine/kernels/gemm.js';
import type { Conv2dConfig } from '../../../src/engine/layers/conv2d.js';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { awayFromZero, gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

const eval0 = { mode: 'eval' as const, rng: new Rng(0) };

// Every case runs on both kernel paths: the TypeScript one and the WebAssembly one (GEMM, im2col,
// bias+ReLU, mask and col2im on the layer's arena), the latter skipped without WebAssembly SIMD.
const BACKENDS = wasmSimdAvailable() ? (['ts', 'wasm'] as const) : (['ts'] as const);

describe.each(BACKENDS)('Conv2d (%s kernels)', (backend) => {
  beforeAll(() => setKernelBackend(backend));
  afterAll(() => setKernelBackend('auto'));

  it.each<[string, Conv2dConfig, number[]]>([
    ['3x3 valid', { kind: 'conv2d', filters: 3, kernel: 3 }, [2, 5, 5]],
    ['3x3 same', { kind: 'conv2d', filters: 2, kernel: 3, padding: 'same' }, [2, 5, 4]],
    ['2x3 stride 2 same', { kind: 'conv2d', filters: 3, kernel: [2, 3], stride: 2, padding: 'same' }, [2, 6, 7]],
    ['4x4 same (uneven padding)', { kind: 'conv2d', filters: 2, kernel: 4, padding: 'same' }, [1, 5, 5]],
    ['3x3 stride 3 valid', { kind: 'conv2d', filters: 2, kernel: 3, stride: 3 }, [3, 7, 8]],
  ])('passes the gradient check: %s', (_name, cfg, inShape) => {
    const r = gradcheck(cfg, inShape, { B: 3 });
    expect(r.failures).toEqual([]);
    expect(r.checked).toBeGreaterThan(50);
  });

  it('passes the gradient check with fused ReLU and behind max-pool (sparse dy)', () => {
    const layers = [
      { kind: 'conv2d', filters: 4, kernel: 3, padding: 'same', activation: 'relu' },
      { kind: 'maxpool2d', size: 2 },
    ] as const;
    // A positive bias keeps pre-activations away from the ReLU kink for most units; the seed is
    // fixed, and a straddled kink would show as a failure, not pass silently.
    const r = gradcheck([...layers], [2, 6, 6], { B: 2, input: awayFromZero, eps: 1e-3, atol: 2e-3 });
    expect(r.failures).toEqual([]);
  });

  it('mutation: a sign-flipped dx, or a spatially transposed dW, fails the check', () => {
    const cfg: Conv2dConfig = { kind: 'conv2d', filters: 2, kernel: 3, padding: 'same' };
    const flipped = gradcheck(cfg, [2, 5, 5], { mutate: (_m, dx) => dx.forEach((v, i) => (dx[i] = -v)) });
    expect(flipped.failures.length).toBeGreaterThan(0);
    const transposed = gradcheck(cfg, [2, 5, 5], {
      mutate: (m) => {
        const e = m.manifest.find((p) => p.name === '0.conv2d.W')!;
        const g = m.grads.subarray(e.offset, e.offset + 2 * 2 * 9);
        for (let fc = 0; fc < 4; fc++) {
          for (let i = 0; i < 3; i++) {
            for (let j = i + 1; j < 3; j++) {
              const a = fc * 9 + i * 3 + j,
                b = fc * 9 + j * 3 + i;
              [g[a], g[b]] = [g[b], g[a]];
            }
          }
        }
      },
    });
    expect(transposed.failures.length).toBeGreaterThan(0);
  });

  it('harness: shape, parameter count, round trip, repeatability', () => {
    runLayerTest({ kind: 'conv2d', filters: 4, kernel: 3 }, [2, 6, 6], { outShape: [4, 4, 4], params: 4 * 2 * 9 + 4 });
    runLayerTest(
      { kind: 'conv2d', filters: 3, kernel: [3, 2], stride: 2, padding: 'same', activation: 'relu' },
      [1, 7, 5],
      { outShape: [3, 4, 3], params: 3 * 6 + 3 },
    );
  });

  it('golden: a 2x2 kernel on a 3x3 image (valid), hand-computed', () => {
    const m = new Sequential({ inShape: [1, 3, 3], layers: [{ kind: 'conv2d', filters: 2, kernel: 2 }] });
    // filter 0: all ones, bias 0.5; filter 1: [[1,2],[3,4]] (not symmetric: catches a flipped kernel), bias 0
    m.params.set([1, 1, 1, 1, 1, 2, 3, 4, 0.5, 0]);
    const x = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const y = Array.from(m.forward(x, 1, eval0).subarray(0, 8));
    // filter 0: 1+2+4+5+.5, 2+3+5+6+.5, 4+5+7+8+.5, 5+6+8+9+.5
    // filter 1: 1·1+2·2+3·4+4·5 = 37, 1·2+2·3+3·5+4·6 = 47, 67, 77
    expect(y).toEqual([12.5, 16.5, 24.5, 28.5, 37, 47, 67, 77]);
  });

  it('golden: a 3x3 box filter with same padding counts the in-image neighbours', () => {
    const m = new Sequential({
      inShape: [1, 3, 4],
      layers: [{ kind: 'conv2d', filters: 1, kernel: 3, padding: 'same' }],
    });
    m.params.fill(1, 0, 9); // bias stays 0
    const y = Array.from(m.forward(new Float32Array(12).fill(1), 1, eval0).subarray(0, 12));
    expect(y).toEqual([4, 6, 6, 4, 6, 9, 9, 6, 4, 6, 6, 4]);
    const s2 = new Sequential({
      inShape: [1, 3, 4],
      layers: [{ kind: 'conv2d', filters: 1, kernel: 3, stride: 2, padding: 'same' }],
    });
    s2.params.fill(1, 0, 9);
    // OH = ceil(3/2) = 2, OW = 2; pad top 1 (total 2), pad left 0 (total 1, extra at the end)
    expect(Array.from(s2.forward(new Float32Array(12).fill(1), 1, eval0).subarray(0, 4))).toEqual([6, 4, 6, 4]);
  });

  it('fused ReLU clamps negatives', () => {
    const m = new Sequential({
      inShape: [1, 2, 2],
      layers: [{ kind: 'conv2d', filters: 1, kernel: 1, activation: 'relu' }],
    });
    m.params.set([2, -1]); // y = max(0, 2x − 1)
    expect(Array.from(m.forward(Float32Array.from([0, 1, 2, -3]), 1, eval0).subarray(0, 4))).toEqual([0, 1, 3, 0]);
  });

  it('rejects a kernel that does not fit, naming the shapes', () => {
    expect(() => new Sequential({ inShape: [1, 2, 2], layers: [{ kind: 'conv2d', filters: 1, kernel: 3 }] })).toThrow(
      /3x3.*\[1, 2, 2\]/,
    );
    expect(() => new Sequential({ inShape: [4, 4], layers: [{ kind: 'conv2d', filters: 1, kernel: 3 }] })).toThrow(
      /\(C, H, W\)/,
    );
  });
});

describe.skipIf(!wasmSimdAvailable())('Conv2d: the wasm path agrees with the TS path', () => {
  afterAll(() => setKernelBackend('auto'));

  it.each([
    [{ kind: 'conv2d', filters: 5, kernel: 3, padding: 'same', activation: 'relu' }, [3, 9, 7], 3],
    [{ kind: 'conv2d', filters: 4, kernel: [2, 3], stride: 2, padding: 'same' }, [2, 7, 9], 5],
  ] as [Conv2dConfig, number[], number][])('%o on %o, B=%i: outputs, dx and every gradient', (cfg, inShape, B) => {
    const rng = new Rng(9);
    const n = inShape.reduce((a, b) => a * b, 1);
    const x = Float32Array.from({ length: B * n }, () => rng.normal());
    const run = (kernels: 'ts' | 'wasm') => {
      setKernelBackend(kernels);
      const m = new Sequential({ inShape, layers: [cfg, { kind: 'maxpool2d', size: 2 }] });
      m.init(new Rng(3));
      const y = Float32Array.from(m.forward(x, B, { mode: 'train', rng: new Rng(1) }).subarray(0, B * m.outSize));
      const dy = Float32Array.from({ length: y.length }, (_, i) => Math.sin(i));
      m.zeroGrad();
      const dx = Float32Array.from(m.backward(dy, B).subarray(0, B * n));
      return { y, dx, g: Float32Array.from(m.grads) };
    };
    const ts = run('ts'),
      wasm = run('wasm');
    for (const k of ['y', 'dx', 'g'] as const) {
      for (let i = 0; i < ts[k].length; i++)
        expect(Math.abs(wasm[k][i] - ts[k][i])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(ts[k][i])));
    }
  });
});
