// The pure TypeScript GEMM: C (M,N) = [C +] op(A) (M,K) · op(B) (K,N) on row-major Float32Arrays,
// register-blocked and cache-tiled, with no transpose materialised. The fallback when WebAssembly
// SIMD is missing, what the GEMM helper threads run (gemm-worker.ts, which loads only this file),
// and, with gemmNaive (gemm-naive.ts), the reference the fast paths are tested against. gemm.ts dispatches.

export type Mat = Float32Array;

// NOTE: a transpose is only a pair of strides, so ONE strided micro-kernel serves all four variants:
// op(A)[i,k] = A[i·sai + k·sak], op(B)[k,j] = B[k·sbk + j·sbj]. Keeping a single set of hot
// functions keeps them monomorphic; measured, per-variant copies with constant strides gained <= 5%.
// K is tiled by KC (a 4×KC strip of op(A) stays in L1) and N by NC (a KC×NC block of op(B) stays in
// L2). The 4×4 register block (16 scalar accumulators) does 8 loads per 16 multiply-adds; wider
// blocks (4×6, 6×4, 3×8, 4×8) and packing into Float64 panels measured within ±10% in V8, so the
// simplest one is kept. Also measured without gain (cpu time, 32×256×64, 64×256×32 transA,
// 32×64×256 transB, 256³): a narrower 2×4 block (-3..-10%), a 4×4 copy with constant B offsets for
// sbj = 1 (±1%), 30-bit masked offsets as in row1x8 (-4%), row1x8 for every row when sbj = 1
// (-7%), a rank-K update loop for K <= 2 (-10..-50%), and the 16 accumulators kept in a Float64Array
// instead of locals (+1..2%, not worth module state). The 4×4 loop is bound by memory operations:
// 16 accumulators + 8 operands exceed the 16 xmm registers (V8 schedules all products before the
// adds), so it spills about as much as an in-memory accumulator would cost.
const KC = 256;
const NC = 256;

export function gemmTs(
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
  if (!accumulate) C.fill(0, 0, M * N);
  gemmTsBlock(C, A, B, M, N, K, transA, transB, 0, M, 0, N);
}

/** The block rows i0..i1 × columns j0..j1 of C (M,N) += op(A)·op(B), nothing else touched: the unit
 *  the GEMM threads share (parallel.ts). Every C entry is summed the same way whichever block and
 *  micro-kernel computes it (a float64 sum over each K tile in k order, then added to C), so any
 *  split of the rows or columns gives bit-identical results. */
export function gemmTsBlock(
  C: Mat,
  A: Mat,
  B: Mat,
  M: number,
  N: number,
  K: number,
  transA: boolean,
  transB: boolean,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
): void {
  if (i1 <= i0 || j1 <= j0 || K === 0) return;
  const sai = transA ? 1 : K,
    sak = transA ? M : 1;
  const sbk = transB ? 1 : N,
    sbj = transB ? K : 1;
  const M4 = i1 - ((i1 - i0) % 4),
    N4 = j1 - ((j1 - j0) % 4);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = Math.min(KC, K - k0);
    for (let jt = j0; jt < N4; jt += NC) {
      const jt1 = Math.min(jt + NC, N4);
      for (let i = i0; i < M4; i += 4) {
        const pa = i * sai + k0 * sak;
        for (let j = jt; j < jt1; j += 4) {
          block4x4(C, i * N + j, N, A, pa, sai, sak, B, k0 * sbk + j * sbj, sbj, sbk, kc);
        }
      }
      for (let i = M4; i < i1; i++) {
        const pa = i * sai + k0 * sak;
        let j = jt;
        if (sbj === 1) for (; j + 8 <= jt1; j += 8) row1x8(C, i * N + j, A, pa, sak, B, k0 * sbk + j, sbk, kc);
        for (; j < jt1; j += 4) block1x4(C, i * N + j, A, pa, sak, B, k0 * sbk + j * sbj, sbj, sbk, kc);
      }
    }
    // The last (j1 - j0) % 4 columns: one column of op(B) against four rows, then against one.
    for (let j = N4; j < j1; j++) {
      const pb = k0 * sbk + j * sbj;
      let i = i0;
      for (; i < M4; i += 4) block4x1(C, i * N + j, N, A, i * sai + k0 * sak, sai, sak, B, pb, sbk, kc);
      for (; i < i1; i++) C[i * N + j] += dot(A, i * sai + k0 * sak, sak, B, pb, sbk, kc);
    }
  }
}

// C[c.., 4 rows × 4 cols] += op(A)[4 rows, kc] · op(B)[kc, 4 cols], strides as above.
// budget: one loop over 16 local accumulators; as two 2×4 blocks it measured 3–10% slower (NOTE above)
function block4x4(
  C: Mat,
  c: number,
  N: number,
  A: Mat,
  pa: number,
  sai: number,
  sak: number,
  B: Mat,
  pb: number,
  sbj: number,
  sbk: number,
  kc: number,
): void {
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0,
    c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0,
    c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  const sai2 = 2 * sai,
    sai3 = 3 * sai,
    sbj2 = 2 * sbj,
    sbj3 = 3 * sbj;
  for (let k = 0; k < kc; k++) {
    const a0 = A[pa],
      a1 = A[pa + sai],
      a2 = A[pa + sai2],
      a3 = A[pa + sai3];
    const b0 = B[pb],
      b1 = B[pb + sbj],
      b2 = B[pb + sbj2],
      b3 = B[pb + sbj3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
    pa += sak;
    pb += sbk;
  }
  C[c] += c00;
  C[c + 1] += c01;
  C[c + 2] += c02;
  C[c + 3] += c03;
  c += N;
  C[c] += c10;
  C[c + 1] += c11;
  C[c + 2] += c12;
  C[c + 3] += c13;
  c += N;
  C[c] += c20;
  C[c + 1] += c21;
  C[c + 2] += c22;
  C[c + 3] += c23;
  c += N;
  C[c] += c30;
  C[c + 1] += c31;
  C[c + 2] += c32;
  C[c + 3] += c33;
}

// One row of op(A) against eight adjacent columns of op(B) = B (not transposed): the M % 4 rows,
// so batch-1 inference. NOTE: constant offsets pb+1..pb+7 (not pb+sbj·c) measured 90 -> 55 µs for
// (1×784)·(784×128); the strided 1×8 form was no faster than 1×4, so only this case gets one.
// NOTE: pa, pb are masked to 30 bits (no effect on real offsets, which are far smaller) so V8 knows
// pb + 7 cannot overflow and drops the overflow check and sign extension from each of the nine
// loads: measured 55.6 -> 50.6 µs for (1×784)·(784×128). The same masks in block4x4 (whose
// loads use variable strides and spill registers) measured 4% slower, so only this kernel has them.
function row1x8(C: Mat, c: number, A: Mat, pa: number, sak: number, B: Mat, pb: number, sbk: number, kc: number): void {
  pa &= 0x3fffffff;
  pb &= 0x3fffffff;
  let c0 = 0,
    c1 = 0,
    c2 = 0,
    c3 = 0,
    c4 = 0,
    c5 = 0,
    c6 = 0,
    c7 = 0;
  for (let k = 0; k < kc; k++) {
    const a = A[pa];
    c0 += a * B[pb];
    c1 += a * B[pb + 1];
    c2 += a * B[pb + 2];
    c3 += a * B[pb + 3];
    c4 += a * B[pb + 4];
    c5 += a * B[pb + 5];
    c6 += a * B[pb + 6];
    c7 += a * B[pb + 7];
    pa = (pa + sak) & 0x3fffffff;
    pb = (pb + sbk) & 0x3fffffff;
  }
  C[c] += c0;
  C[c + 1] += c1;
  C[c + 2] += c2;
  C[c + 3] += c3;
  C[c + 4] += c4;
  C[c + 5] += c5;
  C[c + 6] += c6;
  C[c + 7] += c7;
}

// One row of op(A) against four columns of op(B) (the M % 4 rows when B is transposed, and what
// row1x8 leaves over).
function block1x4(
  C: Mat,
  c: number,
  A: Mat,
  pa: number,
  sak: number,
  B: Mat,
  pb: number,
  sbj: number,
  sbk: number,
  kc: number,
): void {
  let c0 = 0,
    c1 = 0,
    c2 = 0,
    c3 = 0;
  const sbj2 = 2 * sbj,
    sbj3 = 3 * sbj;
  for (let k = 0; k < kc; k++) {
    const a = A[pa];
    c0 += a * B[pb];
    c1 += a * B[pb + sbj];
    c2 += a * B[pb + sbj2];
    c3 += a * B[pb + sbj3];
    pa += sak;
    pb += sbk;
  }
  C[c] += c0;
  C[c + 1] += c1;
  C[c + 2] += c2;
  C[c + 3] += c3;
}

// Four rows of op(A) against one column of op(B) (the N % 4 columns).
function block4x1(
  C: Mat,
  c: number,
  N: number,
  A: Mat,
  pa: number,
  sai: number,
  sak: number,
  B: Mat,
  pb: number,
  sbk: number,
  kc: number,
): void {
  let c0 = 0,
    c1 = 0,
    c2 = 0,
    c3 = 0;
  const sai2 = 2 * sai,
    sai3 = 3 * sai;
  for (let k = 0; k < kc; k++) {
    const b = B[pb];
    c0 += A[pa] * b;
    c1 += A[pa + sai] * b;
    c2 += A[pa + sai2] * b;
    c3 += A[pa + sai3] * b;
    pa += sak;
    pb += sbk;
  }
  C[c] += c0;
  C[c + N] += c1;
  C[c + 2 * N] += c2;
  C[c + 3 * N] += c3;
}

function dot(A: Mat, pa: number, sak: number, B: Mat, pb: number, sbk: number, kc: number): number {
  let s = 0;
  for (let k = 0; k < kc; k++) {
    s += A[pa] * B[pb];
    pa += sak;
    pb += sbk;
  }
  return s;
}
