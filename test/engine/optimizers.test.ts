import { afterEach, describe, expect, it } from 'vitest';
import { setKernelBackend, wasmSimdAvailable } from '../../src/engine/kernels/gemm.js';
import { Adam } from '../../src/engine/optimizers/adam.js';
import { RmsProp } from '../../src/engine/optimizers/rmsprop.js';
import { Sgd } from '../../src/engine/optimizers/sgd.js';
import { Rng } from '../../src/engine/rng.js';

describe('optimisers: hand-computed steps', () => {
  it('SGD with momentum', () => {
    const w = new Float32Array([1]);
    const o = new Sgd(1, 0.9);
    o.step(w, new Float32Array([0.5]), 0.1); // v = 0.5, w = 1 - 0.05 = 0.95
    expect(w[0]).toBeCloseTo(0.95, 6);
    o.step(w, new Float32Array([0.5]), 0.1); // v = 0.45 + 0.5 = 0.95, w = 0.95 - 0.095 = 0.855
    expect(w[0]).toBeCloseTo(0.855, 6);
  });

  afterEach(() => setKernelBackend('auto'));

  // Adam is built under each kernel backend: scalar TypeScript, and f32x4 WebAssembly when available.
  it.each(['ts', 'wasm'] as const)(
    'Adam (%s): the first step moves each weight by lr against the gradient sign',
    (backend) => {
      setKernelBackend(backend);
      const w = new Float32Array([1, -1]);
      const o = new Adam(2);
      o.step(w, new Float32Array([0.3, -20]), 0.01, 1); // m̂ = g, v̂ = g², step = lr·g/|g|
      expect(w[0]).toBeCloseTo(0.99, 5);
      expect(w[1]).toBeCloseTo(-0.99, 5);
      // second step with g = 0.3 again: m = 0.9·0.03+0.03 = 0.057, m̂ = 0.057/0.19 = 0.3; v̂ = 0.09: step 0.01
      o.step(w, new Float32Array([0.3, 0]), 0.01, 2);
      expect(w[0]).toBeCloseTo(0.98, 5);
    },
  );

  it.skipIf(!wasmSimdAvailable())('Adam: the f32x4 WebAssembly update matches the scalar one over 20 steps', () => {
    const n = 1003; // not a multiple of 4: the padded tail must not leak
    const rng = new Rng(5);
    const w0 = Float32Array.from({ length: n }, () => rng.normal());
    const grads = Array.from({ length: 20 }, () => Float32Array.from({ length: n }, () => rng.normal()));
    const run = (backend: 'ts' | 'wasm'): Float32Array => {
      setKernelBackend(backend);
      const w = Float32Array.from(w0);
      const o = new Adam(n);
      grads.forEach((g, t) => o.step(w, g, 0.01, t + 1));
      return w;
    };
    const ts = run('ts');
    const wasm = run('wasm');
    for (let i = 0; i < n; i++) expect(Math.abs(wasm[i] - ts[i])).toBeLessThan(1e-5 * (1 + Math.abs(ts[i])));
    expect(Array.from(wasm)).not.toEqual(Array.from(w0));
  });

  it('RMSprop', () => {
    const w = new Float32Array([1]);
    const o = new RmsProp(1, 0.9, 0);
    o.step(w, new Float32Array([2]), 0.1); // v = 0.1·4 = 0.4; step = 0.1·2/√0.4 = 0.316228
    expect(w[0]).toBeCloseTo(1 - 0.2 / Math.sqrt(0.4), 5);
  });
});
