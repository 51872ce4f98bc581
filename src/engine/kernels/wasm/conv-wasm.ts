// Runs the convolution helpers of conv-module.ts on Float32Arrays that live in one GEMM arena
// (gemm-wasm.ts), in place: each call takes views of that arena plus element offsets into them.
// `ConvWasm.of(buf)` is null when buf is not arena memory (the TS backend), and callers then use
// the TypeScript kernels in ../conv.ts and the layers, which stay the reference.

import { convModuleBytes } from './conv-module.js';
import { WasmGemm, zeroFloats } from './gemm-wasm.js';

// NOTE: the ES2022 lib and @types/node do not declare WebAssembly; this is the subset used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

type Fn = (...args: number[]) => void;
type Mat = Float32Array;

// NOTE: module-level caches of derived data, as in gemm-wasm.ts: the compiled module, and one
// instance per arena (collected with it).
const cache: { module?: object } = {};
const instances = new WeakMap<WasmGemm, ConvWasm>();

export class ConvWasm {
  private readonly fns: Record<string, Fn>;

  private constructor(arena: WasmGemm) {
    cache.module ??= new WebAssembly.Module(convModuleBytes());
    this.fns = new WebAssembly.Instance(cache.module, { env: { mem: arena.wasmMemory } }).exports as Record<string, Fn>;
  }

  /** The helpers for the arena that holds `buf`, or null when buf is ordinary memory. */
  static of(buf: Mat): ConvWasm | null {
    const arena = WasmGemm.owner(buf.buffer);
    if (!arena) return null;
    let conv = instances.get(arena);
    if (!conv) instances.set(arena, (conv = new ConvWasm(arena)));
    return conv;
  }

  /** col[colOff..] (K, P) = im2col of the sample at x[xOff..] (C, H, W). */
  im2col(
    col: Mat,
    colOff: number,
    x: Mat,
    xOff: number,
    C: number,
    H: number,
    W: number,
    kh: number,
    kw: number,
    s: number,
    pt: number,
    pl: number,
    OH: number,
    OW: number,
  ): void {
    this.fns.im2col(addr(col, colOff), addr(x, xOff), C, H, W, kh, kw, s, pt, pl, OH, OW);
  }

  /** dx[dxOff..] += col2im of dcol[dcolOff..]. */
  col2im(
    dx: Mat,
    dxOff: number,
    dcol: Mat,
    dcolOff: number,
    C: number,
    H: number,
    W: number,
    kh: number,
    kw: number,
    s: number,
    pt: number,
    pl: number,
    OH: number,
    OW: number,
  ): void {
    this.fns.col2im(addr(dx, dxOff), addr(dcol, dcolOff), C, H, W, kh, kw, s, pt, pl, OH, OW);
  }

  /** y[yOff..] (F, P) += b[f] per row, then max(0, ·) when relu. */
  bias(y: Mat, yOff: number, b: Mat, F: number, P: number, relu: boolean): void {
    (relu ? this.fns.biasRelu : this.fns.bias)(addr(y, yOff), addr(b, 0), F, P);
  }

  /** With relu, dy[dyOff..] (F, P) = 0 where y[yOff..] ≤ 0; then db[f] = Σ_p dy[f, p] (stored, not added). */
  maskSum(dy: Mat, dyOff: number, y: Mat, yOff: number, F: number, P: number, db: Mat, relu: boolean): void {
    (relu ? this.fns.maskRelu : this.fns.rowSums)(addr(dy, dyOff), addr(y, yOff), F, P, addr(db, 0));
  }

  /** 2×2 stride-2 max-pool of `planes` (H, W) planes of x into y (planes, OH, OW); arg = argmax index into x. */
  maxpool2(y: Mat, arg: Int32Array, x: Mat, planes: number, H: number, W: number, OH: number, OW: number): void {
    this.fns.maxpool2(addr(y, 0), addr(arg, 0), addr(x, 0), planes, H, W, OH, OW);
  }

  /** buf[off .. off + n) = 0, as a memset (the arena's own, WasmGemm.zero). */
  zero(buf: Mat, off: number, n: number): void {
    zeroFloats(buf, off, off + n);
  }

  /** dx[arg[o]] += dy[o] for o < n. */
  unpool(dx: Mat, arg: Int32Array, dy: Mat, n: number): void {
    this.fns.unpool(addr(dx, 0), addr(arg, 0), addr(dy, 0), n);
  }
}

const addr = (a: Float32Array | Int32Array, off: number): number => a.byteOffset + 4 * off;
