// Runs the WebAssembly SIMD GEMM (gemm-module.ts) on Float32Arrays: same contract as gemm() in
// ../gemm.ts, C (M,N) = [C +] op(A) (M,K) · op(B) (K,N), row-major. A, B and C are copied into the
// module's linear memory and C is copied out; packing then serves all four transposes.
// Memory layout per call (bytes): [scratch tile | packed A | packed B | A | B | C], grown on demand.

import { DEFAULT_SHAPE, type GemmShape, gemmModuleBytes } from './gemm-module.js';

// NOTE: the ES2022 lib and @types/node do not declare WebAssembly; this is the subset used here.
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum: number }) => { buffer: ArrayBuffer; grow(pages: number): number };
};

type Mat = Float32Array;
type Pack = (src: number, sx: number, sk: number, X: number, kc: number, kcp: number, dst: number) => void;
type Macro = (pa: number, pb: number, M: number, N: number, kcp: number, c: number, ldc: number, scratch: number) => void;

const KC = 256; // K block: a packed A panel MR×KC and a B panel KC×NR stay in L1
const PAGE = 65536;
const roundUp = (n: number, m: number): number => Math.ceil(n / m) * m;

export class WasmGemm {
  private f32: Float32Array;
  private readonly memory: { buffer: ArrayBuffer; grow(pages: number): number };
  private readonly packA: Pack;
  private readonly packB: Pack;
  private readonly macro: Macro;

  private constructor(readonly shape: GemmShape) {
    const bytes = gemmModuleBytes(shape);
    this.memory = new WebAssembly.Memory({ initial: 16, maximum: 65536 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem: this.memory } });
    this.packA = instance.exports.packA as Pack;
    this.packB = instance.exports.packB as Pack;
    this.macro = instance.exports.macro as Macro;
    this.f32 = new Float32Array(this.memory.buffer);
  }

  /** The kernel for this shape, or null when the runtime lacks WebAssembly SIMD. */
  static create(shape: GemmShape = DEFAULT_SHAPE): WasmGemm | null {
    if (typeof WebAssembly !== 'object' || !WebAssembly.validate(gemmModuleBytes(shape))) return null;
    return new WasmGemm(shape);
  }

  private reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    this.memory.grow(Math.ceil((bytes - have) / PAGE));
    this.f32 = new Float32Array(this.memory.buffer); // growing detaches the old buffer
  }

  gemm(C: Mat, A: Mat, B: Mat, M: number, N: number, K: number, transA: boolean, transB: boolean, accumulate: boolean): void {
    if (M === 0 || N === 0) return;
    if (K === 0) {
      if (!accumulate) C.fill(0, 0, M * N);
      return;
    }
    const { MR, NR, U } = this.shape;
    const kcMax = roundUp(Math.min(K, KC), U);
    const pa = 256;
    const pb = roundUp(pa + roundUp(M, MR) * kcMax * 4, 64);
    const a = roundUp(pb + roundUp(N, NR) * kcMax * 4, 64);
    const b = roundUp(a + M * K * 4, 64);
    const c = roundUp(b + K * N * 4, 64);
    this.reserve(c + M * N * 4);
    const f32 = this.f32;
    f32.set(A.subarray(0, M * K), a / 4);
    f32.set(B.subarray(0, K * N), b / 4);
    if (accumulate) f32.set(C.subarray(0, M * N), c / 4);
    else f32.fill(0, c / 4, c / 4 + M * N);
    const sai = transA ? 4 : K * 4, sak = transA ? M * 4 : 4;
    const sbk = transB ? 4 : N * 4, sbj = transB ? K * 4 : 4;
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = Math.min(KC, K - k0), kcp = roundUp(kc, U);
      this.packA(a + k0 * sak, sai, sak, M, kc, kcp, pa);
      this.packB(b + k0 * sbk, sbj, sbk, N, kc, kcp, pb);
      this.macro(pa, pb, M, N, kcp, c, N * 4, 0);
    }
    C.set(f32.subarray(c / 4, c / 4 + M * N));
  }
}
