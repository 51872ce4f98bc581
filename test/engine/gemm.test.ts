import { describe, expect, it } from 'vitest';
import { gemm, gemmNaive } from '../../src/engine/kernels/gemm.js';
import { Rng } from '../../src/engine/rng.js';

const rng = new Rng(11);
const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());

describe('gemm against the naive reference', () => {
  // Every edge path of the 4×4 blocking and the K/N tiling (KC = NC = 256): M, N below, at and past a
  // multiple of 4; a single row or column; K past one and two K tiles; N past one N tile.
  const sizes: [number, number, number][] = [
    [1, 1, 1], [3, 5, 7], [4, 4, 4], [17, 9, 33], [64, 31, 65], [5, 128, 2],
    [1, 13, 9], [13, 1, 9], [2, 3, 1], [7, 6, 300], [6, 7, 513], [9, 262, 5], [4, 257, 259],
    [1, 128, 784], [3, 10, 64],
  ];
  for (const [M, N, K] of sizes) {
    for (const tA of [false, true]) {
      for (const tB of [false, true]) {
        for (const acc of [false, true]) {
          it(`M=${M} N=${N} K=${K} transA=${tA} transB=${tB} accumulate=${acc}`, () => {
            const A = rand(M * K);
            const Bm = rand(K * N);
            const C0 = rand(M * N);
            const fast = Float32Array.from(C0);
            const ref = Float32Array.from(C0);
            gemm(fast, A, Bm, M, N, K, tA, tB, acc);
            gemmNaive(ref, A, Bm, M, N, K, tA, tB, acc);
            for (let i = 0; i < M * N; i++) expect(Math.abs(fast[i] - ref[i])).toBeLessThan(1e-4 * (1 + Math.abs(ref[i])) * Math.sqrt(K));
          });
        }
      }
    }
  }
});

describe('gemm leaves what it must not touch', () => {
  it('writes only the first M·N entries of C and reads only op(A), op(B) views', () => {
    const M = 5, N = 6, K = 7;
    const A = rand(M * K), Bm = rand(K * N);
    const C = new Float32Array(M * N + 3).fill(42);
    gemm(C, A, Bm, M, N, K, false, false, false);
    expect(Array.from(C.subarray(M * N))).toEqual([42, 42, 42]);
  });
});
