// Runs the WebAssembly SIMD GEMM (gemm-module.ts) on Float32Arrays: same contract as gemm() in
// ../gemm.ts, C (M,N) = [C +] op(A) (M,K) · op(B) (K,N), row-major.
// Each WasmGemm is an arena: its own linear memory holding [data (zero-copy buffers) | work area].
// An operand that lives in the arena's data (allocated by `WasmGemm.arena`, e.g. a model's
// parameters and gradients) is used in place; any other is copied into the work area (and C back).
// Work area per call (bytes): [scratch tile | packed A | packed B | copies of A, B, C as needed].

import { DEFAULT_SHAPE, type GemmShape, gemmModuleBytes, MAX_PAGES } from './gemm-module.js';

// NOTE: the ES2022 lib and @types/node do not declare WebAssembly; this is the subset used here.
interface WasmMemory {
  buffer: ArrayBufferLike;
  grow(pages: number): number;
}
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
};

type Mat = Float32Array;
type Pack = (src: number, sx: number, sk: number, X: number, kc: number, kcp: number, dst: number) => void;
type Macro = (
  pa: number,
  pb: number,
  M: number,
  N: number,
  kcp: number,
  c: number,
  ldc: number,
  scratch: number,
) => void;
type Row = (a: number, sak: number, b: number, ldb: number, K: number, c: number) => void;

const KC = 256; // K block: a packed A panel MR×KC and a B panel KC×NR stay in L1
const PAGE = 65536;
const roundUp = (n: number, m: number): number => Math.ceil(n / m) * m;

// NOTE: module-level caches, both derived data: the compiled module per tile shape (compiling is
// the slow part), and which arena a buffer belongs to. The memory is shared (SharedArrayBuffer):
// growing a shared memory does not detach the views handed out, so an arena can grow its work
// area under a model's parameters. The WeakMap lets an arena be collected with its last view.
const modules = new Map<string, object | null>();
const owners = new WeakMap<ArrayBufferLike, WasmGemm>();

// NOTE: V8 does not count shared WebAssembly memories as external memory, so arenas of models
// that are gone (an ensemble's earlier repeats, a retried network) are never a reason for a full
// GC: 350 small CNNs built in a row held 4.1 GB, against 0.2 GB with a collection now and then.
// So after every PRESSURE_BYTES of new or grown arenas the engine calls a hook the host may set
// (the CLI sets a full GC; the engine itself cannot reach one). Module state: one counter.
const PRESSURE_BYTES = 256 * 2 ** 20;
const pressure: { bytes: number; hook?: () => void } = { bytes: 0 };

/** Called after every 256 MiB of WebAssembly arena memory created or grown (undefined: none). */
export function setArenaPressureHook(hook: (() => void) | undefined): void {
  pressure.hook = hook;
}

function allocated(bytes: number): void {
  pressure.bytes += bytes;
  if (pressure.bytes < PRESSURE_BYTES) return;
  pressure.bytes = 0;
  pressure.hook?.();
}

export class WasmGemm {
  /** The arena's zero-copy data region: the first `dataFloats` floats of its memory. */
  readonly data: Float32Array;
  private f32: Float32Array;
  private readonly memory: WasmMemory;
  private readonly work: number; // first byte of the work area
  private readonly packA: Pack;
  private readonly packB: Pack;
  private readonly macro: Macro;
  private readonly row32: Row;
  private readonly row4: Row;
  private readonly row1: Row;
  private readonly zeroAt: (dst: number, n: number) => void;

  private constructor(
    module: object,
    readonly shape: GemmShape,
    dataFloats: number,
    readonly relaxed: boolean,
  ) {
    this.work = roundUp(dataFloats * 4, 64);
    this.memory = new WebAssembly.Memory({
      initial: Math.ceil((this.work + PAGE) / PAGE),
      maximum: MAX_PAGES,
      shared: true,
    });
    const ex = new WebAssembly.Instance(module, { env: { mem: this.memory } }).exports;
    [this.packA, this.packB, this.macro] = [ex.packA as Pack, ex.packB as Pack, ex.macro as Macro];
    [this.row32, this.row4, this.row1] = [ex.row32 as Row, ex.row4 as Row, ex.row1 as Row];
    this.zeroAt = ex.zero as (dst: number, n: number) => void;
    this.f32 = new Float32Array(this.memory.buffer);
    this.data = this.f32.subarray(0, dataFloats);
    owners.set(this.memory.buffer, this);
    allocated(this.memory.buffer.byteLength);
  }

  /** A new arena with `dataFloats` zeroed floats of zero-copy data, or null without WebAssembly SIMD
   *  (with `relaxed`: null without relaxed SIMD; its products then use f32x4.relaxed_madd). */
  static arena(dataFloats = 0, shape: GemmShape = DEFAULT_SHAPE, relaxed = false): WasmGemm | null {
    const key = `${shape.MR}x${shape.NR}u${shape.U}${relaxed ? 'r' : ''}`;
    let module = modules.get(key);
    if (module === undefined) {
      const bytes = gemmModuleBytes(shape, undefined, relaxed);
      module = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
      // A relaxed module that does not validate is not remembered: the host may enable relaxed SIMD later.
      if (module || !relaxed) modules.set(key, module);
    }
    return module ? new WasmGemm(module, shape, dataFloats, relaxed) : null;
  }

  /** The arena's memory, for other kernel modules to run on its data in place (conv-wasm.ts). */
  get wasmMemory(): object {
    return this.memory;
  }

  /** The arena whose memory holds this buffer, if any. */
  static owner(buffer: ArrayBufferLike): WasmGemm | undefined {
    return owners.get(buffer);
  }

  private reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    this.memory.grow(Math.ceil((bytes - have) / PAGE));
    allocated(this.memory.buffer.byteLength - have);
    this.f32 = new Float32Array(this.memory.buffer);
    owners.set(this.memory.buffer, this);
  }

  /** buf[from, to) = 0 for a buffer in this arena, as a memset; `TypedArray.fill` on the shared memory
   *  is ~8× slower (10 vs 1.2 µs for 28k floats). */
  zero(buf: Mat, from = 0, to = buf.length): void {
    if (to > from) this.zeroAt(buf.byteOffset + 4 * from, to - from);
  }

  gemm(
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
    if (M === 0 || N === 0) return;
    if (K === 0) {
      if (!accumulate) C.fill(0, 0, M * N);
      return;
    }
    const { MR, NR, U } = this.shape;
    const rows = M < MR && !transB; // a few rows against B in place: no packing
    const kcMax = roundUp(Math.min(K, KC), U);
    // Work area: [work, work + 256) is the edge-tile scratch, then packed panels, then copies.
    const pa = this.work + 256;
    const pb = pa + (rows ? 0 : roundUp(M, MR) * kcMax * 4);
    const inA = owners.get(A.buffer) === this,
      inB = owners.get(B.buffer) === this,
      inC = owners.get(C.buffer) === this;
    let top = pb + (rows ? 0 : roundUp(N, NR) * kcMax * 4); // copies of operands not in place
    const a = inA ? A.byteOffset : top;
    if (!inA) top = roundUp(top + M * K * 4, 64);
    const b = inB ? B.byteOffset : top;
    if (!inB) top = roundUp(top + K * N * 4, 64);
    const c = inC ? C.byteOffset : top;
    if (!inC) top = roundUp(top + M * N * 4, 64);
    this.reserve(top);
    const f32 = this.f32;
    if (!inA) f32.set(A.length === M * K ? A : A.subarray(0, M * K), a / 4);
    if (!inB) f32.set(B.length === K * N ? B : B.subarray(0, K * N), b / 4);
    if (!accumulate) this.zeroAt(c, M * N);
    else if (!inC) f32.set(C.subarray(0, M * N), c / 4);
    const sai = transA ? 4 : K * 4,
      sak = transA ? M * 4 : 4;
    if (rows) this.rowProducts(a, sai, sak, b, c, M, N, K);
    else this.packedProducts(a, sai, sak, b, c, M, N, K, transB, pa, pb);
    if (!inC) C.set(f32.subarray(c / 4, c / 4 + M * N));
  }

  // C (byte address c) += op(A)·B row by row against B in place (a few rows, B not transposed).
  private rowProducts(
    a: number,
    sai: number,
    sak: number,
    b: number,
    c: number,
    M: number,
    N: number,
    K: number,
  ): void {
    for (let i = 0; i < M; i++) {
      const ai = a + i * sai,
        ci = c + i * N * 4;
      let j = 0;
      for (; j + 32 <= N; j += 32) this.row32(ai, sak, b + j * 4, N * 4, K, ci + j * 4);
      for (; j + 4 <= N; j += 4) this.row4(ai, sak, b + j * 4, N * 4, K, ci + j * 4);
      for (; j < N; j++) this.row1(ai, sak, b + j * 4, N * 4, K, ci + j * 4);
    }
  }

  // C += op(A)·op(B) per K tile: op(A) and op(B) packed into panels at pa and pb, then the macro-kernel.
  private packedProducts(
    a: number,
    sai: number,
    sak: number,
    b: number,
    c: number,
    M: number,
    N: number,
    K: number,
    transB: boolean,
    pa: number,
    pb: number,
  ): void {
    const U = this.shape.U;
    const sbk = transB ? 4 : N * 4,
      sbj = transB ? K * 4 : 4;
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = Math.min(KC, K - k0),
        kcp = roundUp(kc, U);
      this.packA(a + k0 * sak, sai, sak, M, kc, kcp, pa);
      this.packB(b + k0 * sbk, sbj, sbk, N, kc, kcp, pb);
      this.macro(pa, pb, M, N, kcp, c, N * 4, this.work);
    }
  }
}

// NOTE: a constant block of zeros (never written) for clearing other shared memory by copying.
const ZEROS = new Float32Array(4096);

/** buf[from, to) = 0: a memset when buf lives in an arena (see WasmGemm.zero); copies of a zero
 *  block for other shared memory (the GEMM threads' weights and gradients), where TypedArray.fill is
 *  as slow as in an arena and set() ~2× faster; else TypedArray.fill. */
export function zeroFloats(buf: Mat, from = 0, to = buf.length): void {
  const arena = owners.get(buf.buffer);
  if (arena) arena.zero(buf, from, to);
  else if (buf.buffer instanceof SharedArrayBuffer) {
    for (let i = from; i < to; i += ZEROS.length)
      buf.set(to - i >= ZEROS.length ? ZEROS : ZEROS.subarray(0, to - i), i);
  } else buf.fill(0, from, to);
}
