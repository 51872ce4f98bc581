// The relaxed-SIMD GEMM path (f32x4.relaxed_madd, setRelaxedSimd): against the naive reference on
// every edge shape, deterministic per path (same inputs, same bytes; a model trained twice, the same
// weights), and the default plain-SIMD path untouched by it. Node 20 needs V8's
// --experimental-wasm-relaxed-simd: set here at run time, as the bench does (this fork only).

import { createHash } from 'node:crypto';
import v8 from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import {
  gemm,
  gemmNaive,
  kernelPath,
  relaxedSimdAvailable,
  setKernelBackend,
  setRelaxedSimd,
  wasmSimdAvailable,
} from '../../src/engine/kernels/gemm.js';
import { gemmModuleBytes } from '../../src/engine/kernels/wasm/gemm-module.js';
import { WasmGemm } from '../../src/engine/kernels/wasm/gemm-wasm.js';
import { softmaxCrossEntropy } from '../../src/engine/losses.js';
import { Sequential } from '../../src/engine/model.js';
import { Adam } from '../../src/engine/optimizers/adam.js';
import { Rng } from '../../src/engine/rng.js';

if (wasmSimdAvailable() && !relaxedSimdAvailable()) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const hasRelaxed = wasmSimdAvailable() && relaxedSimdAvailable();
if (!hasRelaxed) console.warn('gemm-relaxed.test: no WebAssembly relaxed SIMD here; the relaxed cases are skipped');

const rand = (rng: Rng, n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());
const RELAXED_MADD = [0xfd, 0x85, 0x02];
const count = (bytes: Uint8Array, seq: number[]): number => {
  let n = 0;
  for (let i = 0; i + seq.length <= bytes.length; i++) if (seq.every((b, k) => bytes[i + k] === b)) n++;
  return n;
};
/** gemm() on the wasm backend with the given path; restores the defaults. */
function run(relaxed: boolean, ...args: Parameters<typeof gemm>): void {
  setKernelBackend('wasm');
  setRelaxedSimd(relaxed);
  try {
    gemm(...args);
  } finally {
    setKernelBackend('auto');
    setRelaxedSimd(false);
  }
}

afterEach(() => {
  setRelaxedSimd(false);
  setKernelBackend('auto');
});

describe('relaxed-SIMD GEMM module', () => {
  it('the plain module has no relaxed_madd; the relaxed one replaces every f32x4 mul + add of kernel and rows', () => {
    const plain = gemmModuleBytes(),
      relaxed = gemmModuleBytes(undefined, undefined, true);
    expect(count(plain, RELAXED_MADD)).toBe(0);
    // 4×8 kernel: 4 rows × 2 vectors; row32: 8; row4: 1.
    expect(count(relaxed, RELAXED_MADD)).toBe(8 + 8 + 1);
    expect(count(relaxed, [0xfd, 0xe6, 0x01])).toBe(count(plain, [0xfd, 0xe6, 0x01]) - 17); // f32x4.mul
  });

  it('the default (plain SIMD) module is byte for byte the one that trained existing models', () => {
    // Pinned on purpose: a change here changes every wasm-trained number; update only deliberately.
    expect(createHash('sha256').update(gemmModuleBytes()).digest('hex')).toBe(
      'a8dc2143f08330156e93ca84da2d08bf2b5af3d043dffa03903668be7fcd1639',
    );
  });

  it('is refused, not half-used, where relaxed SIMD is unavailable', () => {
    expect(setRelaxedSimd(true)).toBe(hasRelaxed);
    expect(kernelPath()).toBe(hasRelaxed ? 'wasm-relaxed' : 'wasm-simd');
    expect(setRelaxedSimd(false)).toBe(false);
    expect(kernelPath()).toBe('wasm-simd');
  });
});

describe.skipIf(!hasRelaxed)('relaxed-SIMD GEMM against the naive reference', () => {
  const rng = new Rng(5);
  const sizes: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 7],
    [4, 8, 4],
    [17, 9, 33],
    [64, 31, 65],
    [1, 13, 9],
    [2, 70, 300],
    [7, 6, 513],
    [9, 262, 5],
    [4, 257, 259],
    [1, 128, 784],
    [12, 24, 257],
    [0, 3, 4],
    [3, 4, 0],
  ];
  for (const [M, N, K] of sizes) {
    for (const [tA, tB] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ]) {
      for (const acc of [false, true]) {
        it(`M=${M} N=${N} K=${K} transA=${tA} transB=${tB} accumulate=${acc}`, () => {
          const A = rand(rng, M * K),
            Bm = rand(rng, K * N),
            C0 = rand(rng, M * N);
          const fast = Float32Array.from(C0),
            ref = Float32Array.from(C0);
          run(true, fast, A, Bm, M, N, K, tA, tB, acc);
          gemmNaive(ref, A, Bm, M, N, K, tA, tB, acc);
          for (let i = 0; i < M * N; i++)
            expect(Math.abs(fast[i] - ref[i])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(ref[i])) * Math.sqrt(K));
        });
      }
    }
  }
});

describe.skipIf(!hasRelaxed)('determinism per path', () => {
  const rng = new Rng(9);
  const [M, N, K] = [37, 70, 300];
  const A = rand(rng, M * K),
    Bm = rand(rng, K * N);
  const product = (relaxed: boolean): Uint8Array => {
    const C = new Float32Array(M * N);
    run(relaxed, C, A, Bm, M, N, K, false, false, false);
    return new Uint8Array(C.buffer);
  };

  it('the same path gives the same bytes, in the default arena and in a fresh one', () => {
    expect(product(true)).toEqual(product(true));
    const C = new Float32Array(M * N);
    WasmGemm.arena(0, undefined, true)!.gemm(C, A, Bm, M, N, K, false, false, false);
    expect(new Uint8Array(C.buffer)).toEqual(product(true));
  });

  it('the default path after a relaxed run is byte for byte a fresh plain arena', () => {
    product(true);
    const C = new Float32Array(M * N);
    WasmGemm.arena()!.gemm(C, A, Bm, M, N, K, false, false, false);
    expect(product(false)).toEqual(new Uint8Array(C.buffer));
  });

  it('a model trained twice on the relaxed path ends with the same weights', () => {
    const train = (): Uint8Array => {
      setKernelBackend('auto');
      expect(setRelaxedSimd(true)).toBe(true);
      const model = new Sequential({
        inShape: [20],
        layers: [
          { kind: 'dense', units: 16 },
          { kind: 'activation', fn: 'relu' },
          { kind: 'dense', units: 3 },
        ],
      });
      model.init(new Rng(1));
      const opt = new Adam(model.paramCount);
      const data = new Rng(2);
      const B = 32,
        x = rand(data, B * 20),
        t = Float32Array.from({ length: B }, (_, i) => i % 3);
      const d = new Float32Array(B * 3);
      for (let step = 1; step <= 5; step++) {
        model.zeroGrad();
        softmaxCrossEntropy(d, model.forward(x, B, { mode: 'train', rng: new Rng(3) }), t, B, 3);
        model.backward(d, B, false);
        opt.step(model.params, model.grads, 1e-2, step);
      }
      setRelaxedSimd(false);
      return new Uint8Array(Float32Array.from(model.params).buffer);
    };
    expect(train()).toEqual(train());
  });
});
