// General matrix multiply on row-major Float32Arrays: C (M,N) = [C +] op(A) (M,K) · op(B) (K,N).
// op(A) = A (stored M×K) or Aᵀ (stored K×M); op(B) = B (stored K×N) or Bᵀ (stored N×K).
// One kernel serves Dense, Conv (im2col) and the recurrent gate products; the transposed variants
// let backward passes run without materialising a transpose. Allocation-free (the wasm path makes
// at most a few typed-array views per call for its copies; its memory grows only for a larger shape).
// `gemm` dispatches to the WebAssembly SIMD kernel (wasm/gemm-wasm.ts) when the runtime has it and
// the product is big enough to pay for copying into wasm memory, else to `gemmTs`, the pure
// TypeScript kernel below, which stays the fallback; a large gemmTs product may be shared with a
// helper thread (parallel.ts) where timing shows it pays. `gemmNaive` is the reference every fast
// path is tested against (llm.c matmul_forward_naive).

import { availableParallelism } from 'node:os';
import { GemmPool } from './parallel.js';
import { WasmGemm } from './wasm/gemm-wasm.js';

export type Mat = Float32Array;

export const KERNEL_BACKENDS = ['ts', 'wasm', 'auto'] as const;
export type KernelBackend = (typeof KERNEL_BACKENDS)[number];

// NOTE: at most MAX_THREADS: the products here are small enough that a third and fourth thread
// would mostly add synchronisation; it also keeps nnm polite on a shared machine.
const MAX_THREADS = 2;
function defaultThreads(): number {
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}

// NOTE: the one piece of module state in the engine, on purpose: which kernel gemm() uses is a
// process-wide choice (tests and the bench force one), and the default wasm arena is built once.
// 'wasm' and 'auto' fall back to TypeScript silently when WebAssembly SIMD is unavailable.
// The GEMM thread pool is the same kind of choice (setKernelThreads), started on first use.
const state: { backend: KernelBackend; wasm: WasmGemm | null | undefined; threads: number; pool: GemmPool | undefined } = {
  backend: 'auto', wasm: undefined, threads: defaultThreads(), pool: undefined,
};

/** How many threads (the caller + helpers) the TypeScript GEMM may use for a large product:
 *  1 turns threading off; 'auto' = the cores available, at most 2. */
export function setKernelThreads(threads: number | 'auto'): void {
  state.threads = threads === 'auto' ? defaultThreads() : Math.max(1, Math.floor(threads));
  // A pool with fewer helpers than now allowed is replaced; a larger one stays, and 1 thread leaves it idle.
  if (state.pool && state.pool.size < state.threads - 1) {
    void state.pool.close();
    state.pool = undefined;
  }
}

/** The threads a large TypeScript GEMM runs on now: 1 + the helper threads that are up. */
export function kernelThreads(): number {
  return 1 + (state.threads > 1 ? gemmPool().available : 0);
}

/** Of the products large enough for threads so far, how many ran on the pool (the bench reports it). */
export function kernelThreadUse(): { large: number; threaded: number } {
  return { ...(state.pool?.use ?? { large: 0, threaded: 0 }) };
}

function gemmPool(): GemmPool {
  state.pool ??= new GemmPool(state.threads - 1, new URL('./gemm-worker.js', import.meta.url));
  return state.pool;
}

/** Choose the GEMM kernel: 'ts' (pure TypeScript), 'wasm' (always SIMD when available) or 'auto'. */
export function setKernelBackend(backend: KernelBackend): void {
  state.backend = backend;
}

/** Whether this runtime can run the WebAssembly SIMD kernels (compiled on first ask). */
export function wasmSimdAvailable(): boolean {
  if (state.wasm === undefined) state.wasm = WasmGemm.arena();
  return state.wasm !== null;
}

/** The backend gemm() uses for large products: 'ts' or 'wasm' (never 'auto'). */
export function kernelBackend(): 'ts' | 'wasm' {
  return state.backend !== 'ts' && wasmSimdAvailable() ? 'wasm' : 'ts';
}

/** n zeroed floats for a long-lived operand (a model's parameters and gradients). Under the wasm
 *  backend they live in their own WebAssembly memory, which gemm() then reads and writes in place
 *  instead of copying; on the TypeScript path with GEMM threads, in a SharedArrayBuffer, which the
 *  helper thread reads in place (a Dense layer's weights in batch-1 inference); otherwise an
 *  ordinary Float32Array. */
export function kernelBuffer(n: number): Float32Array {
  if (kernelBackend() === 'wasm') return WasmGemm.arena(n)?.data ?? new Float32Array(n);
  return state.threads > 1 ? new Float32Array(new SharedArrayBuffer(4 * n)) : new Float32Array(n);
}

/** n zeroed floats for a layer's working buffers (activations, im2col): in their own WebAssembly
 *  memory under the wasm backend, as kernelBuffer, but ordinary memory on the TypeScript path
 *  (the GEMM threads copy such operands anyway, and TypedArray.fill on shared memory is ~8× slower). */
export function layerBuffer(n: number): Float32Array {
  return (kernelBackend() === 'wasm' ? WasmGemm.arena(n)?.data : undefined) ?? new Float32Array(n);
}

// NOTE: below WASM_MIN_MACS multiply-adds the copies into wasm memory and the packing cost more
// than the SIMD kernel saves (measured: 8×8×8 0.42 µs ts vs 0.45 wasm; 16×16×16 2.5 vs 0.85).
const WASM_MIN_MACS = 4096;

// NOTE: the TypeScript GEMM is offered to the thread pool only from THREAD_MIN_MACS multiply-adds
// (≈ 30 µs on one thread) and THREAD_MIN_ROWS rows of C per thread; the pool then times one
// thread against two per size and keeps the faster (parallel.ts ThreadChoice), because the
// crossover depends on whether the second core is free. Measured on this 2-core machine, one
// thread vs two, interleaved, medians of 7 (µs): with the other core idle (load 1.8) two threads
// won at every size tried, 32³ 17 -> 12 (1.4×), 48³ 1.5×, 64³ 1.7×, 32×196×144 1.4×, 128³ 1.85×,
// 256³ 1.6×; with it busy (load 3-4, other sessions' jobs) they lost below 96³ (48³ 0.75-0.9×,
// 64³ 0.7-0.94×, 32×196×144 0.67-0.8×) and were 0.45-1.2× at 128³-256³. Below 2^16 a product
// is a few tens of µs, the same order as waking a helper, so it is not worth timing.
// With fewer than 2·THREAD_MIN_ROWS rows the pool splits C by columns instead (at least
// 2·THREAD_MIN_COLS of them): batch-1 inference of W1's first layer (1×784·784×128, weights read in
// place from shared memory) measured 50 -> ~27 µs with the other core idle.
const THREAD_MIN_MACS = 1 << 16;
const THREAD_MIN_ROWS = 8;
const THREAD_MIN_COLS = 16;

export function gemm(
  C: Mat, A: Mat, B: Mat,
  M: number, N: number, K: number,
  transA: boolean, transB: boolean, accumulate: boolean,
): void {
  if (state.backend !== 'ts' && wasmSimdAvailable() && (state.backend === 'wasm' || M * N * K >= WASM_MIN_MACS)) {
    // The arena that holds an operand (B first: the weights), so that one is not copied.
    const arena = WasmGemm.owner(B.buffer) ?? WasmGemm.owner(C.buffer) ?? WasmGemm.owner(A.buffer) ?? state.wasm;
    arena?.gemm(C, A, B, M, N, K, transA, transB, accumulate);
  } else if (state.threads > 1 && M * N * K >= THREAD_MIN_MACS && (M >= 2 * THREAD_MIN_ROWS || N >= 2 * THREAD_MIN_COLS)) {
    gemmPool().run(C, A, B, M, N, K, transA, transB, accumulate);
  } else {
    gemmTs(C, A, B, M, N, K, transA, transB, accumulate);
  }
}

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
  C: Mat, A: Mat, B: Mat,
  M: number, N: number, K: number,
  transA: boolean, transB: boolean, accumulate: boolean,
): void {
  if (!accumulate) C.fill(0, 0, M * N);
  gemmTsRows(C, A, B, M, N, K, transA, transB, 0, M);
}

/** Rows i0..i1 of C (M,N) += op(A)·op(B), nothing else touched. */
export function gemmTsRows(
  C: Mat, A: Mat, B: Mat,
  M: number, N: number, K: number,
  transA: boolean, transB: boolean, i0: number, i1: number,
): void {
  gemmTsBlock(C, A, B, M, N, K, transA, transB, i0, i1, 0, N);
}

/** The block rows i0..i1 × columns j0..j1 of C (M,N) += op(A)·op(B), nothing else touched: the unit
 *  the GEMM threads share (parallel.ts). Every C entry is summed the same way whichever block and
 *  micro-kernel computes it (a float64 sum over each K tile in k order, then added to C), so any
 *  split of the rows or columns gives bit-identical results. */
export function gemmTsBlock(
  C: Mat, A: Mat, B: Mat,
  M: number, N: number, K: number,
  transA: boolean, transB: boolean, i0: number, i1: number, j0: number, j1: number,
): void {
  if (i1 <= i0 || j1 <= j0 || K === 0) return;
  const sai = transA ? 1 : K, sak = transA ? M : 1;
  const sbk = transB ? 1 : N, sbj = transB ? K : 1;
  const M4 = i1 - ((i1 - i0) % 4), N4 = j1 - ((j1 - j0) % 4);
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
function block4x4(
  C: Mat, c: number, N: number,
  A: Mat, pa: number, sai: number, sak: number,
  B: Mat, pb: number, sbj: number, sbk: number, kc: number,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  const sai2 = 2 * sai, sai3 = 3 * sai, sbj2 = 2 * sbj, sbj3 = 3 * sbj;
  for (let k = 0; k < kc; k++) {
    const a0 = A[pa], a1 = A[pa + sai], a2 = A[pa + sai2], a3 = A[pa + sai3];
    const b0 = B[pb], b1 = B[pb + sbj], b2 = B[pb + sbj2], b3 = B[pb + sbj3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    pa += sak;
    pb += sbk;
  }
  C[c] += c00; C[c + 1] += c01; C[c + 2] += c02; C[c + 3] += c03; c += N;
  C[c] += c10; C[c + 1] += c11; C[c + 2] += c12; C[c + 3] += c13; c += N;
  C[c] += c20; C[c + 1] += c21; C[c + 2] += c22; C[c + 3] += c23; c += N;
  C[c] += c30; C[c + 1] += c31; C[c + 2] += c32; C[c + 3] += c33;
}

// One row of op(A) against eight adjacent columns of op(B) = B (not transposed): the M % 4 rows,
// so batch-1 inference. NOTE: constant offsets pb+1..pb+7 (not pb+sbj·c) measured 90 -> 55 µs for
// (1×784)·(784×128); the strided 1×8 form was no faster than 1×4, so only this case gets one.
// NOTE: pa, pb are masked to 30 bits (no effect on real offsets, which are far smaller) so V8 knows
// pb + 7 cannot overflow and drops the overflow check and sign extension from each of the nine
// loads: measured 55.6 -> 50.6 µs for (1×784)·(784×128). The same masks in block4x4 (whose
// loads use variable strides and spill registers) measured 4% slower, so only this kernel has them.
function row1x8(
  C: Mat, c: number,
  A: Mat, pa: number, sak: number,
  B: Mat, pb: number, sbk: number, kc: number,
): void {
  pa &= 0x3fffffff;
  pb &= 0x3fffffff;
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
  for (let k = 0; k < kc; k++) {
    const a = A[pa];
    c0 += a * B[pb]; c1 += a * B[pb + 1]; c2 += a * B[pb + 2]; c3 += a * B[pb + 3];
    c4 += a * B[pb + 4]; c5 += a * B[pb + 5]; c6 += a * B[pb + 6]; c7 += a * B[pb + 7];
    pa = (pa + sak) & 0x3fffffff;
    pb = (pb + sbk) & 0x3fffffff;
  }
  C[c] += c0; C[c + 1] += c1; C[c + 2] += c2; C[c + 3] += c3;
  C[c + 4] += c4; C[c + 5] += c5; C[c + 6] += c6; C[c + 7] += c7;
}

// One row of op(A) against four columns of op(B) (the M % 4 rows when B is transposed, and what
// row1x8 leaves over).
function block1x4(
  C: Mat, c: number,
  A: Mat, pa: number, sak: number,
  B: Mat, pb: number, sbj: number, sbk: number, kc: number,
): void {
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
  const sbj2 = 2 * sbj, sbj3 = 3 * sbj;
  for (let k = 0; k < kc; k++) {
    const a = A[pa];
    c0 += a * B[pb]; c1 += a * B[pb + sbj]; c2 += a * B[pb + sbj2]; c3 += a * B[pb + sbj3];
    pa += sak;
    pb += sbk;
  }
  C[c] += c0; C[c + 1] += c1; C[c + 2] += c2; C[c + 3] += c3;
}

// Four rows of op(A) against one column of op(B) (the N % 4 columns).
function block4x1(
  C: Mat, c: number, N: number,
  A: Mat, pa: number, sai: number, sak: number,
  B: Mat, pb: number, sbk: number, kc: number,
): void {
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
  const sai2 = 2 * sai, sai3 = 3 * sai;
  for (let k = 0; k < kc; k++) {
    const b = B[pb];
    c0 += A[pa] * b; c1 += A[pa + sai] * b; c2 += A[pa + sai2] * b; c3 += A[pa + sai3] * b;
    pa += sak;
    pb += sbk;
  }
  C[c] += c0; C[c + N] += c1; C[c + 2 * N] += c2; C[c + 3 * N] += c3;
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
