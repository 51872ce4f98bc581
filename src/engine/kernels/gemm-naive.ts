// The reference GEMM every fast path is tested against: C (M,N) = [C +] op(A) (M,K) · op(B) (K,N) on
// row-major arrays, as the obvious triple loop (llm.c's matmul_forward_naive).

import type { Mat } from './gemm-ts.js';

/** Reference: the obvious triple loop, in float64 accumulation. */
export function gemmNaive(
  C: Mat,
  A: Mat,
  B: Mat,
  M: number,
  N: number,
  K: number,
  transA: boolean,
  transB: boolean,
  accumulate: boolean,
): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = accumulate ? C[i * N + j] : 0;
      for (let k = 0; k < K; k++) {
        const a = transA ? A[k * M + i] : A[i * K + k];
        const b = transB ? B[j * K + k] : B[k * N + j];
        s += a * b;
      }
      C[i * N + j] = s;
    }
  }
}
