import { describe, expect, it } from 'vitest';
import { gemm, gemmNaive, gemmTs, setKernelBackend, wasmSimdAvailable } from '../../src/engine/kernels/gemm.js';
import { Rng } from '../../src/engine/rng.js';

const rng = new Rng(11);
const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());

// Both kernels against the reference: gemmTs directly, and gemm() with the WebAssembly SIMD backend
// forced on (skipped, and said so, when this runtime has no WebAssembly SIMD).
const hasWasm = wasmSimdAvailable();
if (!hasWasm) console.warn('gemm.test: WebAssembly SIMD unavailable; the wasm cases are skipped');
const wasmGemm: typeof gemm = (...args) => {
  setKernelBackend('wasm');
  try {
    gemm(...args);
  } finally {
    setKernelBackend('auto');
  }
};
const KERNELS = [
  { name: 'ts', fn: gemmTs, skip: false },
  { name: 'wasm', fn: wasmGemm, skip: !hasWasm },
];

describe.each(KERNELS)('gemm ($name) against the naive reference', ({ fn, skip }) => {
  // Every edge path of the 4×4 (ts) and 4×8 (wasm) blocking and the K/N tiling (KC = NC = 256): M, N
  // below, at and past a multiple of 4 and 8; a single row or column; K past one and two K tiles; N
  // past one N tile; M = 0, N = 0 and K = 0.
  const sizes: [number, number, number][] = [
    [1, 1, 1], [3, 5, 7], [4, 4, 4], [17, 9, 33], [64, 31, 65], [5, 128, 2],
    [1, 13, 9], [13, 1, 9], [2, 3, 1], [7, 6, 300], [6, 7, 513], [9, 262, 5], [4, 257, 259],
    [1, 128, 784], [3, 10, 64], [8, 16, 3], [12, 24, 257], [0, 3, 4], [3, 0, 4], [3, 4, 0],
  ];
  for (const [M, N, K] of sizes) {
    for (const tA of [false, true]) {
      for (const tB of [false, true]) {
        for (const acc of [false, true]) {
          it.skipIf(skip)(`M=${M} N=${N} K=${K} transA=${tA} transB=${tB} accumulate=${acc}`, () => {
            const A = rand(M * K);
            const Bm = rand(K * N);
            const C0 = rand(M * N);
            const fast = Float32Array.from(C0);
            const ref = Float32Array.from(C0);
            fn(fast, A, Bm, M, N, K, tA, tB, acc);
            gemmNaive(ref, A, Bm, M, N, K, tA, tB, acc);
            for (let i = 0; i < M * N; i++) expect(Math.abs(fast[i] - ref[i])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(ref[i])) * Math.sqrt(K));
          });
        }
      }
    }
  }
});

describe.each(KERNELS)('gemm ($name) leaves what it must not touch', ({ fn, skip }) => {
  it.skipIf(skip)('writes only the first M·N entries of C and reads only op(A), op(B) views', () => {
    const M = 5, N = 6, K = 7;
    const A = rand(M * K), Bm = rand(K * N);
    const C = new Float32Array(M * N + 3).fill(42);
    fn(C, A, Bm, M, N, K, false, false, false);
    expect(Array.from(C.subarray(M * N))).toEqual([42, 42, 42]);
  });
});
