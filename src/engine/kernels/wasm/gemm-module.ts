// The WebAssembly SIMD GEMM, as source: C (M,N) += op(A) (M,K) · op(B) (K,N) for one K block, over
// packed panels in the module's linear memory (the GotoBLAS/BLIS structure, llm.c-sized).
//   packA: op(A)[:, k0:k0+kc] -> panels of MR rows, element (i, k) at panel(i/MR) + (k·MR + i%MR)
//   packB: op(B)[k0:k0+kc, :] -> panels of NR cols, element (k, j) at panel(j/NR) + (k·NR + j%NR)
//   kernel: an MR×NR tile of C += A panel · B panel, MR·NR/4 f32x4 accumulators, one broadcast
//           A element times NR/4 contiguous B vectors per row and k (no FMA in Wasm SIMD: mul + add;
//           the relaxed variant uses relaxed SIMD's f32x4.relaxed_madd instead, see `relaxed` below).
//   row32/row4/row1: one row of C += op(A) row · B for B not transposed, read in place (no packing):
//           the few-row products (batch-1 inference) where packing B would cost more than the product.
//   zero: a memset of n floats (C before a non-accumulating product, a model's gradients).
// Strides are in bytes; a transpose is a pair of strides, so packing serves all four variants and the
// kernel sees one layout. Panels are zero-padded to MR rows, NR cols and a multiple of U in k.

import {
  add,
  and,
  assemble,
  block,
  br,
  brIf,
  call,
  divU,
  eq,
  f32Add,
  F32,
  f32Load,
  f32Mul,
  f32Store,
  f32x4Add,
  f32x4Mul,
  f32x4RelaxedMadd,
  Fn,
  forRange,
  geS,
  get,
  I32,
  i32,
  ifElse,
  inc,
  load32Splat,
  loop,
  memFill,
  ltS,
  minS,
  mul,
  ne,
  remU,
  set,
  sub,
  V128,
  v128Load,
  v128Store,
  type Code,
} from './asm.js';

export interface GemmShape {
  MR: number; // rows of the register tile
  NR: number; // columns of the register tile, a multiple of 4
  U: number; // k unroll
}

// NOTE: measured at n = 256 (CPU time, V8 11.3, Zen 4): 4×8 U=1 ~35 GFLOP/s; U=2 or 4 ~25, 6×8 ~24,
// 8×8 ~23, 4×12 ~23, 4×16 ~25, 12×4 ~16 (V8 spills or schedules the larger bodies worse).
/** 64 KiB pages: the memory may grow to 1 GiB. */
export const MAX_PAGES = 16384;

export const DEFAULT_SHAPE: GemmShape = { MR: 4, NR: 8, U: 1 };

/** Function indices in the module (export names are the same words). */
export const FN = { kernel: 0, macro: 1, packA: 2, packB: 3, row32: 4, row4: 5, row1: 6, zero: 7 } as const;

/** acc + a·b per lane: mul then add (plain SIMD, the default), or one relaxed_madd (relaxed SIMD). */
type Madd = (a: Code, b: Code, acc: Code) => Code;
const plainMadd: Madd = (a, b, acc) => f32x4Add(acc, f32x4Mul(a, b));
const maddOf = (relaxed: boolean): Madd => (relaxed ? f32x4RelaxedMadd : plainMadd);

function kernelFn({ MR, NR, U }: GemmShape, madd: Madd): Fn {
  const NV = NR / 4;
  const f = new Fn('kernel', [I32, I32, I32, I32, I32]); // pa, pb, kcp (> 0, multiple of U), c, ldc
  const [pa, pb, kcp, c, ldc] = [0, 1, 2, 3, 4];
  const acc = Array.from({ length: MR * NV }, () => f.local(V128));
  const b = Array.from({ length: NV }, () => f.local(V128));
  const a = f.local(V128);
  const step: Code[] = [];
  for (let u = 0; u < U; u++) {
    for (let v = 0; v < NV; v++) step.push(set(b[v], v128Load(get(pb), (u * NR + 4 * v) * 4)));
    for (let r = 0; r < MR; r++) {
      step.push(set(a, load32Splat(get(pa), (u * MR + r) * 4)));
      for (let v = 0; v < NV; v++) step.push(set(acc[r * NV + v], madd(get(a), get(b[v]), get(acc[r * NV + v]))));
    }
  }
  const store: Code[] = [];
  for (let r = 0; r < MR; r++) {
    for (let v = 0; v < NV; v++)
      store.push(v128Store(get(c), f32x4Add(v128Load(get(c), 16 * v), get(acc[r * NV + v])), 16 * v));
    store.push(inc(c, get(ldc)));
  }
  f.body = [
    ...loop(
      ...step,
      inc(pa, i32(U * MR * 4)),
      inc(pb, i32(U * NR * 4)),
      set(kcp, sub(get(kcp), i32(U))),
      brIf(0, ne(get(kcp), i32(0))),
    ),
    ...store.flat(),
  ];
  return f;
}

/** Every tile of one K block; edge tiles go through a zeroed MR×NR scratch tile and are added back. */
function macroFn({ MR, NR }: GemmShape): Fn {
  const f = new Fn('macro', [I32, I32, I32, I32, I32, I32, I32, I32]); // pa0, pb0, M, N, kcp, c, ldc, scratch
  const [pa0, pb0, M, N, kcp, c, ldc, scratch] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [i0, j0, pa, pb, ct, mr, nr, r, q] = Array.from({ length: 9 }, () => f.local(I32));
  const edge = [
    memFill(get(scratch), i32(0), i32(MR * NR * 4)),
    call(FN.kernel, get(pa), get(pb), get(kcp), get(scratch), i32(NR * 4)),
    set(mr, minS(i32(MR), sub(get(M), get(i0)))),
    set(nr, minS(i32(NR), sub(get(N), get(j0)))),
    forRange(
      r,
      i32(0),
      get(mr),
      i32(1),
      forRange(
        q,
        i32(0),
        get(nr),
        i32(1),
        (() => {
          const cAddr = add(add(get(ct), mul(get(r), get(ldc))), mul(get(q), i32(4)));
          const sAddr = add(get(scratch), add(mul(get(r), i32(NR * 4)), mul(get(q), i32(4))));
          return f32Store(cAddr, f32Add(f32Load(cAddr), f32Load(sAddr)));
        })(),
      ),
    ),
  ];
  f.body = [
    ...set(pb, get(pb0)),
    ...forRange(
      j0,
      i32(0),
      get(N),
      i32(NR),
      set(pa, get(pa0)),
      forRange(
        i0,
        i32(0),
        get(M),
        i32(MR),
        set(ct, add(get(c), add(mul(get(i0), get(ldc)), mul(get(j0), i32(4))))),
        ifElse(
          and(geS(sub(get(M), get(i0)), i32(MR)), geS(sub(get(N), get(j0)), i32(NR))), // a full tile
          [call(FN.kernel, get(pa), get(pb), get(kcp), get(ct), get(ldc))],
          edge,
        ),
        inc(pa, mul(get(kcp), i32(MR * 4))),
      ),
      inc(pb, mul(get(kcp), i32(NR * 4))),
    ),
  ];
  return f;
}

/** Pack a strided source into R-wide zero-padded panels: element (x, k) -> dst + (x/R)·kcp·R + k·R + x%R.
 *  packA uses it with x = row i (stride sai), packB with x = column j (stride sbj). When x is the
 *  contiguous direction (sx = 4 bytes: B not transposed, or A transposed) whole panels are copied
 *  R floats at a time with f32x4 loads; the rest goes element by element. */
function packFn(name: string, R: number): Fn {
  const f = new Fn(name, [I32, I32, I32, I32, I32, I32, I32]); // src, sx, sk, X, kc, kcp, dst
  const [src, sx, sk, X, kc, kcp, dst] = [0, 1, 2, 3, 4, 5, 6];
  const [x, k, s, d, x0] = Array.from({ length: 5 }, () => f.local(I32));
  const panels = divU(add(get(X), i32(R - 1)), i32(R));
  const panelStart = (xv: Code): Code => add(get(dst), mul(mul(divU(xv, i32(R)), get(kcp)), i32(R * 4)));
  const vectorPanels =
    R % 4 !== 0
      ? []
      : [
          ifElse(eq(get(sx), i32(4)), [
            set(x, i32(0)),
            block(
              loop(
                brIf(1, ltS(get(X), add(get(x), i32(R)))),
                set(s, add(get(src), mul(get(x), i32(4)))),
                set(d, panelStart(get(x))),
                forRange(
                  k,
                  i32(0),
                  get(kc),
                  i32(1),
                  ...Array.from({ length: R / 4 }, (_, v) => v128Store(get(d), v128Load(get(s), 16 * v), 16 * v)),
                  inc(s, get(sk)),
                  inc(d, i32(R * 4)),
                ),
                inc(x, i32(R)),
                br(0),
              ),
            ),
            set(x0, get(x)),
          ]),
        ];
  f.body = [
    ...memFill(get(dst), i32(0), mul(mul(panels, get(kcp)), i32(R * 4))),
    ...vectorPanels.flat(),
    ...forRange(
      x,
      get(x0),
      get(X),
      i32(1),
      set(s, add(get(src), mul(get(x), get(sx)))),
      set(d, add(panelStart(get(x)), mul(remU(get(x), i32(R)), i32(4)))),
      forRange(k, i32(0), get(kc), i32(1), f32Store(get(d), f32Load(get(s))), inc(s, get(sk)), inc(d, i32(R * 4))),
    ),
  ];
  return f;
}

/** C[0, 0:4·NV] += Σ_k A[k·sak] · B[k·ldb, 0:4·NV]: NV f32x4 accumulators (NV = 8 hides the add
 *  latency), or one f32 accumulator when NV = 0 (the last N % 4 columns). K > 0. */
function rowFn(name: string, NV: number, madd: Madd): Fn {
  const f = new Fn(name, [I32, I32, I32, I32, I32, I32]); // a, sak, b, ldb, K, c
  const [a, sak, b, ldb, K, c] = [0, 1, 2, 3, 4, 5];
  const step: Code[] = [];
  const store: Code[] = [];
  if (NV === 0) {
    const acc = f.local(F32);
    step.push(set(acc, f32Add(get(acc), f32Mul(f32Load(get(a)), f32Load(get(b))))));
    store.push(f32Store(get(c), f32Add(f32Load(get(c)), get(acc))));
  } else {
    const acc = Array.from({ length: NV }, () => f.local(V128));
    const av = f.local(V128);
    step.push(set(av, load32Splat(get(a))));
    for (let v = 0; v < NV; v++) step.push(set(acc[v], madd(get(av), v128Load(get(b), 16 * v), get(acc[v]))));
    for (let v = 0; v < NV; v++) store.push(v128Store(get(c), f32x4Add(v128Load(get(c), 16 * v), get(acc[v])), 16 * v));
  }
  f.body = [
    ...loop(...step, inc(a, get(sak)), inc(b, get(ldb)), set(K, sub(get(K), i32(1))), brIf(0, ne(get(K), i32(0)))),
    ...store.flat(),
  ];
  return f;
}

/** n floats of 0 from byte address dst (memory.fill: TypedArray.fill on the shared memory is ~8× slower). */
function zeroFn(): Fn {
  const f = new Fn('zero', [I32, I32]); // dst, n
  f.body = memFill(get(0), i32(0), mul(get(1), i32(4)));
  return f;
}

/** The module bytes for a register-tile shape; memory is imported as env.mem. `relaxed`: the kernel
 *  and row products use f32x4.relaxed_madd (only where relaxed SIMD validates); else the plain
 *  SIMD mul + add, byte for byte the default module. The scalar row1 tail is the same in both. */
export function gemmModuleBytes(
  shape: GemmShape = DEFAULT_SHAPE,
  memory = { min: 1, max: MAX_PAGES, shared: true },
  relaxed = false,
): Uint8Array {
  const madd = maddOf(relaxed);
  const fns = [
    kernelFn(shape, madd),
    macroFn(shape),
    packFn('packA', shape.MR),
    packFn('packB', shape.NR),
    rowFn('row32', 8, madd),
    rowFn('row4', 1, madd),
    rowFn('row1', 0, madd),
    zeroFn(),
  ];
  return assemble(fns, memory);
}
