import { describe, expect, it } from 'vitest';
import {
  gemm,
  gemmNaive,
  gemmTs,
  kernelBuffer,
  setKernelBackend,
  wasmSimdAvailable,
} from '../../src/engine/kernels/gemm.js';
import { zeroFloats } from '../../src/engine/kernels/wasm/gemm-wasm.js';
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
    [1, 1, 1],
    [3, 5, 7],
    [4, 4, 4],
    [17, 9, 33],
    [64, 31, 65],
    [5, 128, 2],
    [1, 13, 9],
    [13, 1, 9],
    [2, 3, 1],
    [7, 6, 300],
    [6, 7, 513],
    [9, 262, 5],
    [4, 257, 259],
    [1, 128, 784],
    [3, 10, 64],
    [8, 16, 3],
    [12, 24, 257],
    [0, 3, 4],
    [3, 0, 4],
    [3, 4, 0],
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
            for (let i = 0; i < M * N; i++)
              expect(Math.abs(fast[i] - ref[i])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(ref[i])) * Math.sqrt(K));
          });
        }
      }
    }
  }
});

describe.each(KERNELS)('gemm ($name) leaves what it must not touch', ({ fn, skip }) => {
  it.skipIf(skip)('writes only the first M·N entries of C and reads only op(A), op(B) views', () => {
    const M = 5,
      N = 6,
      K = 7;
    const A = rand(M * K),
      Bm = rand(K * N);
    const C = new Float32Array(M * N + 3).fill(42);
    fn(C, A, Bm, M, N, K, false, false, false);
    expect(Array.from(C.subarray(M * N))).toEqual([42, 42, 42]);
  });
});

describe.skipIf(!hasWasm)('gemm (wasm) on operands that live in wasm memory (kernelBuffer)', () => {
  // Which operands are used in place: all three, only B (a layer's weights), only C (its gradient).
  const placements = [
    { name: 'A, B, C in place', inA: true, inB: true, inC: true },
    { name: 'B in place', inA: false, inB: true, inC: false },
    { name: 'C in place', inA: false, inB: false, inC: true },
  ];
  const sizes: [number, number, number][] = [
    [1, 128, 784],
    [3, 37, 9],
    [64, 31, 65],
    [9, 262, 300],
  ];
  for (const p of placements) {
    for (const [M, N, K] of sizes) {
      for (const [tA, tB] of [
        [false, false],
        [true, false],
        [false, true],
      ]) {
        it(`${p.name}: M=${M} N=${N} K=${K} transA=${tA} transB=${tB}`, () => {
          setKernelBackend('wasm');
          try {
            const store = kernelBuffer(M * K + K * N + M * N + 7);
            const at = (inPlace: boolean, off: number, n: number): Float32Array =>
              inPlace ? store.subarray(off, off + n) : new Float32Array(n);
            const A = at(p.inA, 0, M * K),
              Bm = at(p.inB, M * K, K * N),
              C = at(p.inC, M * K + K * N, M * N);
            A.set(rand(M * K));
            Bm.set(rand(K * N));
            C.set(rand(M * N));
            const ref = Float32Array.from(C);
            gemm(C, A, Bm, M, N, K, tA, tB, true);
            gemmNaive(ref, A, Bm, M, N, K, tA, tB, true);
            for (let i = 0; i < M * N; i++)
              expect(Math.abs(C[i] - ref[i])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(ref[i])) * Math.sqrt(K));
            expect(Array.from(store.subarray(M * K + K * N + M * N))).toEqual([0, 0, 0, 0, 0, 0, 0]);
          } finally {
            setKernelBackend('auto');
          }
        });
      }
    }
  }

  it('keeps earlier views valid when the memory grows for a large product', () => {
    setKernelBackend('wasm');
    try {
      const n = 600; // B in place, A and C copied: several MB of work area, so the memory grows
      const store = kernelBuffer(n * n + 16);
      const Bm = store.subarray(0, n * n),
        W = store.subarray(n * n);
      Bm.set(rand(n * n));
      W.set(rand(16));
      const before = Array.from(W);
      const A = rand(n * n),
        C = new Float32Array(n * n),
        ref = new Float32Array(n * n);
      gemm(C, A, Bm, n, n, n, false, false, false);
      gemmTs(ref, A, Bm, n, n, n, false, false, false);
      let maxErr = 0;
      for (let i = 0; i < n * n; i++) maxErr = Math.max(maxErr, Math.abs(C[i] - ref[i]));
      expect(maxErr).toBeLessThan(1e-3);
      expect(W.length).toBe(16);
      expect(Array.from(W)).toEqual(before);
    } finally {
      setKernelBackend('auto');
    }
  });
});

describe('zeroFloats', () => {
  it.each([
    { name: 'plain memory', backend: 'ts' as const, skip: false },
    { name: 'wasm arena (memset)', backend: 'wasm' as const, skip: !hasWasm },
    { name: 'other shared memory (block copies)', backend: 'shared' as const, skip: false },
  ])('clears exactly [from, to) in $name', ({ backend, skip }) => {
    if (skip) return;
    setKernelBackend(backend === 'shared' ? 'ts' : backend);
    try {
      const n = backend === 'shared' ? 9000 : 37; // past two zero blocks of 4096
      const buf = backend === 'shared' ? new Float32Array(new SharedArrayBuffer(4 * n)) : kernelBuffer(n);
      buf.fill(3);
      const to = n - 7;
      zeroFloats(buf.subarray(5), 2, to - 5); // a view at an offset: elements 7..n-8 of buf
      expect(
        Array.from(buf)
          .map((v, i) => (i >= 7 && i < to ? v === 0 : v === 3))
          .every(Boolean),
      ).toBe(true);
      zeroFloats(buf);
      expect(buf.every((v) => v === 0)).toBe(true);
    } finally {
      setKernelBackend('auto');
    }
  });
});

describe('arena memory pressure', () => {
  it.skipIf(!hasWasm)('asks the host for a collection after every 256 MiB of new arena memory', async () => {
    const { WasmGemm, setArenaPressureHook } = await import('../../src/engine/kernels/wasm/gemm-wasm.js');
    let calls = 0;
    setArenaPressureHook(() => calls++);
    try {
      // 8 arenas of 64 MiB (reserved, never touched): 512 MiB, so two or three calls whatever the
      // counter held before.
      for (let i = 0; i < 8; i++) WasmGemm.arena(16 * 2 ** 20);
      expect(calls).toBeGreaterThanOrEqual(2);
      expect(calls).toBeLessThanOrEqual(3);
    } finally {
      setArenaPressureHook(undefined);
    }
  });
});
