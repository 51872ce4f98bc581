// General matrix multiply on row-major Float32Arrays: C (M,N) = [C +] op(A) (M,K) · op(B) (K,N).
// op(A) = A (stored M×K) or Aᵀ (stored K×M); op(B) = B (stored K×N) or Bᵀ (stored N×K).
// One kernel serves Dense, Conv (im2col) and the recurrent gate products; the transposed variants
// let backward passes run without materialising a transpose. Allocation-free.
// `gemmNaive` is the reference every fast path is tested against (llm.c matmul_forward_naive).

export type Mat = Float32Array;

export function gemm(
  C: Mat, A: Mat, B: Mat,
  M: number, N: number, K: number,
  transA: boolean, transB: boolean, accumulate: boolean,
): void {
  if (!accumulate) C.fill(0, 0, M * N);
  if (M === 0 || N === 0 || K === 0) return;
  if (!transA && !transB) gemmNN(C, A, B, M, N, K);
  else if (!transA && transB) gemmNT(C, A, B, M, N, K);
  else if (transA && !transB) gemmTN(C, A, B, M, N, K);
  else gemmTT(C, A, B, M, N, K);
}

// NOTE: i-k-j order with four rows of A held in registers: each loaded row of B feeds four rows of C.
function gemmNN(C: Mat, A: Mat, B: Mat, M: number, N: number, K: number): void {
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    const c0 = i * N, c1 = c0 + N, c2 = c1 + N, c3 = c2 + N;
    const a0 = i * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
    for (let k = 0; k < K; k++) {
      const x0 = A[a0 + k], x1 = A[a1 + k], x2 = A[a2 + k], x3 = A[a3 + k];
      const bk = k * N;
      for (let j = 0; j < N; j++) {
        const b = B[bk + j];
        C[c0 + j] += x0 * b;
        C[c1 + j] += x1 * b;
        C[c2 + j] += x2 * b;
        C[c3 + j] += x3 * b;
      }
    }
  }
  for (; i < M; i++) {
    const ci = i * N, ai = i * K;
    for (let k = 0; k < K; k++) {
      const x = A[ai + k];
      if (x === 0) continue;
      const bk = k * N;
      for (let j = 0; j < N; j++) C[ci + j] += x * B[bk + j];
    }
  }
}

// C[i,j] += dot(A[i,:], B[j,:]): both rows contiguous; 2×2 blocking shares each load twice.
function gemmNT(C: Mat, A: Mat, B: Mat, M: number, N: number, K: number): void {
  let i = 0;
  for (; i + 2 <= M; i += 2) {
    const a0 = i * K, a1 = a0 + K;
    let j = 0;
    for (; j + 2 <= N; j += 2) {
      const b0 = j * K, b1 = b0 + K;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = A[a0 + k], x1 = A[a1 + k], y0 = B[b0 + k], y1 = B[b1 + k];
        s00 += x0 * y0; s01 += x0 * y1; s10 += x1 * y0; s11 += x1 * y1;
      }
      C[i * N + j] += s00; C[i * N + j + 1] += s01;
      C[(i + 1) * N + j] += s10; C[(i + 1) * N + j + 1] += s11;
    }
    for (; j < N; j++) {
      const b0 = j * K;
      let s0 = 0, s1 = 0;
      for (let k = 0; k < K; k++) { const y = B[b0 + k]; s0 += A[a0 + k] * y; s1 += A[a1 + k] * y; }
      C[i * N + j] += s0; C[(i + 1) * N + j] += s1;
    }
  }
  for (; i < M; i++) {
    const a0 = i * K;
    for (let j = 0; j < N; j++) {
      const b0 = j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[a0 + k] * B[b0 + k];
      C[i * N + j] += s;
    }
  }
}

// C[i,j] += Σ_k A[k,i] B[k,j]: k outermost so both A's row k and B's row k stream contiguously.
function gemmTN(C: Mat, A: Mat, B: Mat, M: number, N: number, K: number): void {
  for (let k = 0; k < K; k++) {
    const ak = k * M, bk = k * N;
    let i = 0;
    for (; i + 2 <= M; i += 2) {
      const x0 = A[ak + i], x1 = A[ak + i + 1];
      if (x0 === 0 && x1 === 0) continue;
      const c0 = i * N, c1 = c0 + N;
      for (let j = 0; j < N; j++) {
        const b = B[bk + j];
        C[c0 + j] += x0 * b;
        C[c1 + j] += x1 * b;
      }
    }
    for (; i < M; i++) {
      const x = A[ak + i];
      if (x === 0) continue;
      const ci = i * N;
      for (let j = 0; j < N; j++) C[ci + j] += x * B[bk + j];
    }
  }
}

function gemmTT(C: Mat, A: Mat, B: Mat, M: number, N: number, K: number): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += A[k * M + i] * B[j * K + k];
      C[i * N + j] += s;
    }
  }
}

/** Reference: the obvious triple loop, in float64 accumulation. */
export function gemmNaive(
  C: Mat, A: Mat, B: Mat,
  M: number, N: number, K: number,
  transA: boolean, transB: boolean, accumulate: boolean,
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
