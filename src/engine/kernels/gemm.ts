// General matrix multiply on row-major Float32Arrays: C (M,N) = [C +] op(A) (M,K) · op(B) (K,N).
// op(A) = A (stored M×K) or Aᵀ (stored K×M); op(B) = B (stored K×N) or Bᵀ (stored N×K).
// One kernel serves Dense, Conv (im2col) and the recurrent gate products; the transposed variants
// let backward passes run without materialising a transpose. Allocation-free (the wasm path makes
// at most a few typed-array views per call for its copies; its memory grows only for a larger shape).
// `gemm` dispatches to the WebAssembly SIMD kernel (wasm/gemm-wasm.ts) when the runtime has it and
// the product is big enough to pay for copying into wasm memory, else to `gemmTs`, the pure
// TypeScript kernel (gemm-ts.ts), which stays the fallback; a large gemmTs product may be shared
// with a helper thread (parallel.ts) where timing shows it pays. `gemmNaive` is the reference every
// fast path is tested against (llm.c matmul_forward_naive).

import { availableParallelism } from 'node:os';
import { gemmTs, type Mat } from './gemm-ts.js';
import { GemmPool } from './parallel.js';
import { WasmGemm } from './wasm/gemm-wasm.js';

export { gemmNaive } from './gemm-naive.js';
export { gemmTs, gemmTsBlock, type Mat } from './gemm-ts.js';

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
// `relaxed` (off by default): new wasm arenas use the relaxed-SIMD (FMA) GEMM kernels (setRelaxedSimd).
const state: {
  backend: KernelBackend;
  wasm: WasmGemm | null | undefined;
  threads: number;
  pool: GemmPool | undefined;
  relaxed: boolean;
} = {
  backend: 'auto',
  wasm: undefined,
  threads: defaultThreads(),
  pool: undefined,
  relaxed: false,
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
  if (state.wasm === undefined) state.wasm = WasmGemm.arena(0, undefined, state.relaxed);
  return state.wasm !== null;
}

/** Whether the relaxed-SIMD GEMM kernels (f32x4.relaxed_madd) validate in this runtime now. Node 20
 *  needs V8's --experimental-wasm-relaxed-simd, which only the host can set (v8.setFlagsFromString
 *  works at run time, also after other modules were compiled; see bench/workloads.js); Node 22 has it on. */
export function relaxedSimdAvailable(): boolean {
  return WasmGemm.arena(0, undefined, true) !== null;
}

/** Use the relaxed-SIMD GEMM kernels for wasm arenas created from now on (a model's buffers are
 *  created with the model, so call this before building one), or the plain SIMD kernels (the
 *  default, whose numbers never change). Returns whether relaxed kernels are now in use: false when
 *  asked for but unavailable, and then nothing changes. Results are deterministic per path and
 *  machine: relaxed_madd may round once (FMA) or twice, but always the same way on one machine. */
export function setRelaxedSimd(on: boolean): boolean {
  const next = on && wasmSimdAvailable() && relaxedSimdAvailable();
  if (next !== state.relaxed) {
    state.relaxed = next;
    state.wasm = undefined; // the default arena (operands in no arena) follows the path
  }
  return state.relaxed;
}

/** Which GEMM path new products and models use: 'ts', 'wasm-simd' or 'wasm-relaxed' (for a model
 *  file to record which path trained it). */
export function kernelPath(): 'ts' | 'wasm-simd' | 'wasm-relaxed' {
  if (kernelBackend() === 'ts') return 'ts';
  return state.relaxed ? 'wasm-relaxed' : 'wasm-simd';
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
  if (kernelBackend() === 'wasm') return WasmGemm.arena(n, undefined, state.relaxed)?.data ?? new Float32Array(n);
  return state.threads > 1 ? new Float32Array(new SharedArrayBuffer(4 * n)) : new Float32Array(n);
}

/** n zeroed floats for a layer's working buffers (activations, im2col): in their own WebAssembly
 *  memory under the wasm backend, as kernelBuffer, but ordinary memory on the TypeScript path
 *  (the GEMM threads copy such operands anyway, and TypedArray.fill on shared memory is ~8× slower). */
export function layerBuffer(n: number): Float32Array {
  return (
    (kernelBackend() === 'wasm' ? WasmGemm.arena(n, undefined, state.relaxed)?.data : undefined) ?? new Float32Array(n)
  );
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
  if (state.backend !== 'ts' && wasmSimdAvailable() && (state.backend === 'wasm' || M * N * K >= WASM_MIN_MACS)) {
    // The arena that holds an operand (B first: the weights), so that one is not copied.
    const arena = WasmGemm.owner(B.buffer) ?? WasmGemm.owner(C.buffer) ?? WasmGemm.owner(A.buffer) ?? state.wasm;
    arena?.gemm(C, A, B, M, N, K, transA, transB, accumulate);
  } else if (
    state.threads > 1 &&
    M * N * K >= THREAD_MIN_MACS &&
    (M >= 2 * THREAD_MIN_ROWS || N >= 2 * THREAD_MIN_COLS)
  ) {
    gemmPool().run(C, A, B, M, N, K, transA, transB, accumulate);
  } else {
    gemmTs(C, A, B, M, N, K, transA, transB, accumulate);
  }
}
