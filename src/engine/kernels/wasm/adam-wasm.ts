// Adam's update as WebAssembly SIMD, four parameters per f32x4 (the maths of optimizers/adam.ts):
//   m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²;  w -= (lr·c1)·m / (√(c2·v) + ε),  c_k = 1/(1-β_k^t).
// The module owns a fixed memory [m | v | w | g], each padded to a multiple of 4 floats: the
// moments live there for the optimiser's life; w and g are copied in and w out per step (a memcpy
// each, ~10× cheaper than the scalar loop with its square root and division per parameter).

import {
  add,
  assemble,
  type Code,
  F32,
  f32,
  f32x4Add,
  f32x4Div,
  f32x4Mul,
  f32x4Splat,
  f32x4Sqrt,
  f32x4Sub,
  Fn,
  forRange,
  get,
  I32,
  i32,
  mul,
  set,
  V128,
  v128Load,
  v128Store,
} from './asm.js';

// NOTE: the ES2022 lib and @types/node do not declare WebAssembly; this is the subset used here.
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
};

type Step = (n4: number, beta1: number, beta2: number, lrc1: number, c2: number, eps: number) => void;

function adamFn(): Fn {
  const f = new Fn('step', [I32, F32, F32, F32, F32, F32]); // n4 (floats per buffer, padded), beta1, beta2, lr·c1, c2, eps
  const [n4, beta1, beta2, lrc1, c2, eps] = [0, 1, 2, 3, 4, 5];
  const [p, end, dv, dw, dg] = Array.from({ length: 5 }, () => f.local(I32)); // p walks m; v, w, g at p + dv, dw, dg
  const [B1, A1, B2, A2, LR, C2, EPS, g, m, v] = Array.from({ length: 10 }, () => f.local(V128));
  const at = (d: number | null): Code => (d === null ? get(p) : add(get(p), get(d)));
  f.body = [
    ...set(end, mul(get(n4), i32(4))),
    ...set(dv, get(end)),
    ...set(dw, add(get(dv), get(end))),
    ...set(dg, add(get(dw), get(end))),
    ...set(B1, f32x4Splat(get(beta1))),
    ...set(A1, f32x4Sub(f32x4Splat(f32(1)), get(B1))),
    ...set(B2, f32x4Splat(get(beta2))),
    ...set(A2, f32x4Sub(f32x4Splat(f32(1)), get(B2))),
    ...set(LR, f32x4Splat(get(lrc1))),
    ...set(C2, f32x4Splat(get(c2))),
    ...set(EPS, f32x4Splat(get(eps))),
    ...forRange(
      p,
      i32(0),
      get(end),
      i32(16),
      set(g, v128Load(at(dg))),
      set(m, f32x4Add(f32x4Mul(get(B1), v128Load(at(null))), f32x4Mul(get(A1), get(g)))),
      set(v, f32x4Add(f32x4Mul(get(B2), v128Load(at(dv))), f32x4Mul(get(A2), f32x4Mul(get(g), get(g))))),
      v128Store(at(null), get(m)),
      v128Store(at(dv), get(v)),
      v128Store(
        at(dw),
        f32x4Sub(
          v128Load(at(dw)),
          f32x4Div(f32x4Mul(get(LR), get(m)), f32x4Add(f32x4Sqrt(f32x4Mul(get(C2), get(v))), get(EPS))),
        ),
      ),
    ),
  ];
  return f;
}

// NOTE: module-level cache of derived data: the module is compiled once (memory limits 1..65536
// pages in the import, so one module fits every size).
const modules: { adam?: object | null } = {};

export class AdamWasm {
  /** First and second moments, views into the module's memory (zeroed). */
  readonly m: Float32Array;
  readonly v: Float32Array;
  private readonly w: Float32Array;
  private readonly g: Float32Array;
  private readonly n4: number;
  private readonly run: Step;

  private constructor(module: object, size: number) {
    this.n4 = Math.ceil(size / 4) * 4;
    const pages = Math.max(1, Math.ceil((16 * this.n4) / 65536));
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.run = new WebAssembly.Instance(module, { env: { mem: memory } }).exports.step as Step;
    const view = (k: number): Float32Array => new Float32Array(memory.buffer, k * this.n4 * 4, size);
    [this.m, this.v, this.w, this.g] = [view(0), view(1), view(2), view(3)];
  }

  /** The SIMD Adam for `size` parameters, or null without WebAssembly SIMD. */
  static create(size: number): AdamWasm | null {
    if (modules.adam === undefined) {
      const code = assemble([adamFn()], { min: 1, max: 65536, shared: false });
      modules.adam =
        typeof WebAssembly === 'object' && WebAssembly.validate(code) ? new WebAssembly.Module(code) : null;
    }
    return modules.adam ? new AdamWasm(modules.adam, size) : null;
  }

  step(
    values: Float32Array,
    grads: Float32Array,
    beta1: number,
    beta2: number,
    lrc1: number,
    c2: number,
    eps: number,
  ): void {
    this.w.set(values);
    this.g.set(grads);
    this.run(this.n4, beta1, beta2, lrc1, c2, eps);
    values.set(this.w);
  }
}
