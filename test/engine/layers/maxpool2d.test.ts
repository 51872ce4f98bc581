import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setKernelBackend, wasmSimdAvailable } from '../../../src/engine/kernels/gemm.js';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';
import { noTies } from '../../helpers/inputs.js';

const eval0 = { mode: 'eval' as const, rng: new Rng(0) };

// Both kernel paths: TypeScript, and (2x2 stride 2) WebAssembly SIMD on the layer's arena.
const BACKENDS = wasmSimdAvailable() ? (['ts', 'wasm'] as const) : (['ts'] as const);

describe.each(BACKENDS)('MaxPool2d (%s kernels)', (backend) => {
  beforeAll(() => setKernelBackend(backend));
  afterAll(() => setKernelBackend('auto'));

  it.each([
    ['2x2', { kind: 'maxpool2d', size: 2 }, [2, 6, 6]],
    ['2x2 on odd sides (rows of 5 outputs, a dropped last row and column)', { kind: 'maxpool2d', size: 2 }, [3, 7, 11]],
    ['3x3 stride 2 (overlapping windows)', { kind: 'maxpool2d', size: 3, stride: 2 }, [2, 7, 6]],
  ] as const)('passes the gradient check on inputs without ties: %s', (_name, cfg, inShape) => {
    expect(gradcheck({ ...cfg }, [...inShape], { B: 2, input: noTies }).failures).toEqual([]);
  });

  it('mutation: gradients routed one cell off fail the check', () => {
    const r = gradcheck({ kind: 'maxpool2d', size: 2 }, [1, 4, 4], {
      B: 2,
      input: noTies,
      mutate: (_m, dx) => dx.copyWithin(1, 0),
    });
    expect(r.failures.length).toBeGreaterThan(0);
  });

  it('harness', () => {
    runLayerTest({ kind: 'maxpool2d', size: 2 }, [3, 6, 5], { outShape: [3, 3, 2], params: 0 });
  });

  it('golden: the max of each window; backward sends dy to the argmax only', () => {
    const m = new Sequential({ inShape: [1, 4, 4], layers: [{ kind: 'maxpool2d', size: 2 }] });
    const x = Float32Array.from({ length: 16 }, (_, i) => i); // 0..15 row-major
    expect(Array.from(m.forward(x, 1, eval0).subarray(0, 4))).toEqual([5, 7, 13, 15]);
    const dx = m.backward(Float32Array.from([1, 2, 3, 4]), 1);
    expect(Array.from(dx.subarray(0, 16))).toEqual([0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4]);
  });

  it('rejects a window larger than the input', () => {
    expect(() => new Sequential({ inShape: [1, 1, 5], layers: [{ kind: 'maxpool2d', size: 2 }] })).toThrow(
      /size 2.*\[1, 1, 5\]/,
    );
  });
});
