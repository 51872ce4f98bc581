import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setKernelBackend, wasmSimdAvailable } from '../../../src/engine/kernels/gemm.js';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

describe('Dense', () => {
  it('passes the gradient check', () => {
    const r = gradcheck({ kind: 'dense', units: 5 }, [7], { B: 4 });
    expect(r.failures).toEqual([]);
    expect(r.checked).toBeGreaterThan(40);
  });

  it('flattens higher-rank inputs', () => {
    expect(gradcheck({ kind: 'dense', units: 3 }, [2, 3], { B: 2 }).failures).toEqual([]);
  });

  it('mutation: a sign-flipped dx or a scaled dW fails the check', () => {
    const flipped = gradcheck({ kind: 'dense', units: 5 }, [7], {
      mutate: (_m, dx) => dx.forEach((v, i) => (dx[i] = -v)),
    });
    expect(flipped.failures.length).toBeGreaterThan(0);
    const scaled = gradcheck({ kind: 'dense', units: 5 }, [7], {
      mutate: (m) => m.grads.forEach((v, i) => (m.grads[i] = 1.1 * v)),
    });
    expect(scaled.failures.length).toBeGreaterThan(0);
  });

  it('harness: shape, parameter count, round trip, repeatability', () => {
    runLayerTest({ kind: 'dense', units: 6 }, [4], { outShape: [6], params: 4 * 6 + 6 });
  });

  it('golden: constant weights give a hand-computed output', () => {
    const m = new Sequential({ inShape: [2], layers: [{ kind: 'dense', units: 2 }] });
    m.params.set([1, 2, 3, 4, 0.5, -0.5]); // W = [[1,2],[3,4]], b = [0.5,-0.5]
    const y = m.forward(new Float32Array([1, 1, 2, -1]), 2, { mode: 'eval', rng: new Rng(0) });
    // [1,1]·W + b = [4.5, 5.5]; [2,-1]·W + b = [-0.5, -0.5]
    expect(Array.from(y.subarray(0, 4))).toEqual([4.5, 5.5, -0.5, -0.5]);
  });
});

describe.skipIf(!wasmSimdAvailable())('Dense on the WebAssembly SIMD gemm (forced on)', () => {
  beforeAll(() => setKernelBackend('wasm'));
  afterAll(() => setKernelBackend('auto'));

  it('passes the gradient check', () => {
    const r = gradcheck({ kind: 'dense', units: 5 }, [7], { B: 4 });
    expect(r.failures).toEqual([]);
    expect(r.checked).toBeGreaterThan(40);
  });

  it('passes the gradient check on a two-layer stack with every tile edge (B=5, I=13, O=11)', () => {
    const r = gradcheck(
      [
        { kind: 'dense', units: 11 },
        { kind: 'activation', fn: 'tanh' },
        { kind: 'dense', units: 9 },
      ],
      [13],
      { B: 5 },
    );
    expect(r.failures).toEqual([]);
  });

  it('a model built under it (weights in wasm memory) matches one built under the ts backend', () => {
    const spec = {
      inShape: [784],
      layers: [
        { kind: 'dense' as const, units: 128 },
        { kind: 'activation' as const, fn: 'relu' as const },
        { kind: 'dense' as const, units: 10 },
      ],
    };
    const rng = new Rng(8);
    const x = Float32Array.from({ length: 5 * 784 }, () => rng.normal());
    const dy = Float32Array.from({ length: 5 * 10 }, () => rng.normal());
    const run = (backend: 'ts' | 'wasm'): { y: number[]; g: Float32Array } => {
      setKernelBackend(backend);
      const m = new Sequential(spec);
      m.init(new Rng(3));
      const y = Array.from(m.forward(x, 5, { mode: 'train', rng: new Rng(1) }).subarray(0, 50));
      m.zeroGrad();
      m.backward(dy, 5);
      return { y, g: Float32Array.from(m.grads) };
    };
    const ts = run('ts');
    const wasm = run('wasm');
    for (let i = 0; i < 50; i++) expect(wasm.y[i]).toBeCloseTo(ts.y[i], 3);
    for (let i = 0; i < ts.g.length; i += 97) expect(wasm.g[i]).toBeCloseTo(ts.g[i], 3);
  });

  it('mutation: a sign-flipped dx still fails the check', () => {
    const flipped = gradcheck({ kind: 'dense', units: 5 }, [7], {
      mutate: (_m, dx) => dx.forEach((v, i) => (dx[i] = -v)),
    });
    expect(flipped.failures.length).toBeGreaterThan(0);
  });
});

describe('Sequential.backward without the input gradient', () => {
  it('gives the same parameter gradients as with it', () => {
    const model = new Sequential({
      inShape: [7],
      layers: [
        { kind: 'dense', units: 5 },
        { kind: 'activation', fn: 'tanh' },
        { kind: 'dense', units: 3 },
      ],
    });
    model.init(new Rng(3));
    const rng = new Rng(4);
    const x = Float32Array.from({ length: 6 * 7 }, () => rng.normal());
    const dy = Float32Array.from({ length: 6 * 3 }, () => rng.normal());
    const ctx = { mode: 'train' as const, rng: new Rng(5) };
    model.forward(x, 6, ctx);
    model.zeroGrad();
    model.backward(dy, 6);
    const full = Float32Array.from(model.grads);
    model.zeroGrad();
    model.backward(dy, 6, false);
    expect(Array.from(model.grads)).toEqual(Array.from(full));
  });
});
