import { describe, expect, it } from 'vitest';
import { gemm, gemmNaive } from '../../src/engine/kernels/gemm.js';
import { Rng } from '../../src/engine/rng.js';

const rng = new Rng(11);
const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());

describe('gemm against the naive reference', () => {
  const sizes: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [4, 4, 4], [17, 9, 33], [64, 31, 65], [5, 128, 2]];
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
