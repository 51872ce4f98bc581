// The convolution helpers as WebAssembly (128-bit SIMD where the data is contiguous), the maths of
// ../conv.ts and the Conv2d/MaxPool2d layers, run on a GEMM arena's memory so that im2col, the GEMM
// and the activation passes all touch one set of buffers. Addresses are in bytes, sizes in elements.
//   im2col(col, x, C, H, W, kh, kw, s, pt, pl, OH, OW)    col (K, P) = im2col(x), as conv.ts
//   col2im(dx, dcol, C, H, W, kh, kw, s, pt, pl, OH, OW)  dx += col2im(dcol)
//   biasRelu / bias(y, b, F, P)                           y[f, p] = max(0, y[f, p] + b[f]) / + b[f]
//   maskRelu / rowSums(dy, y, F, P, db)                   dy[f, p] = y[f, p] > 0 ? dy : 0; db[f] = Σ_p dy
//   maxpool2(y, arg, x, planes, H, W, OH, OW)             2×2 stride-2 max and its argmax (element index)
//   unpool(dx, arg, dy, n)                                dx[arg[o]] += dy[o]   (these two: pool-code.ts)
// NOTE: the sums in rowSums run four lanes at a time, so db differs from the TS loop in the last bits.

import {
  add,
  and,
  assemble,
  block,
  br,
  brIf,
  type Code,
  F32,
  f32,
  f32Add,
  f32Gt,
  f32Load,
  f32Max,
  f32Store,
  f32x4Add,
  f32x4ExtractLane,
  f32x4Gt,
  f32x4Max,
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
  ltS,
  mul,
  select,
  set,
  shl,
  sub,
  V128,
  v128And,
  v128Load,
  v128Store,
} from './asm.js';
import { MAX_PAGES } from './gemm-module.js';
import { maxpoolFn, unpoolFn } from './pool-code.js';

const eq1 = (v: Code): Code => [...v, ...i32(1), 0x46]; // i32.eq

/** while (ptr < end) { body; ptr += step } over byte pointers. */
function walk(ptr: number, end: Code, step: number, ...body: Code[]): Code {
  return block(loop(brIf(1, geS(get(ptr), end)), ...body, inc(ptr, i32(step)), br(0)));
}

function biasFn(name: string, relu: boolean): Fn {
  const fn = new Fn(name, [I32, I32, I32, I32]); // y, b, F, P
  const [y, b, F, P] = [0, 1, 2, 3];
  const [f, e4, e] = [fn.local(I32), fn.local(I32), fn.local(I32)];
  const [bv, zero] = [fn.local(V128), fn.local(V128)]; // zero: a v128 local starts at 0
  const bs = fn.local(F32);
  const act = (v: Code): Code => (relu ? f32x4Max(v, get(zero)) : v);
  const actS = (v: Code): Code => (relu ? f32Max(v, f32(0)) : v);
  fn.body = forRange(
    f,
    i32(0),
    get(F),
    i32(1),
    set(bv, load32Splat(add(get(b), shl(get(f), i32(2))))),
    set(bs, f32Load(add(get(b), shl(get(f), i32(2))))),
    set(e, add(get(y), shl(get(P), i32(2)))),
    set(e4, sub(get(e), i32(12))),
    walk(y, get(e4), 16, v128Store(get(y), act(f32x4Add(v128Load(get(y)), get(bv))))),
    walk(y, get(e), 4, f32Store(get(y), actS(f32Add(f32Load(get(y)), get(bs))))),
  );
  return fn;
}

function maskFn(name: string, relu: boolean): Fn {
  const fn = new Fn(name, [I32, I32, I32, I32, I32]); // dy, y, F, P, db
  const [dy, y, F, P, db] = [0, 1, 2, 3, 4];
  const [f, e4, e] = [fn.local(I32), fn.local(I32), fn.local(I32)];
  const [acc, v, zero] = [fn.local(V128), fn.local(V128), fn.local(V128)];
  const [accS, vs] = [fn.local(F32), fn.local(F32)];
  const vec = relu ? v128And(v128Load(get(dy)), f32x4Gt(v128Load(get(y)), get(zero))) : v128Load(get(dy));
  const sca = relu ? select(f32Load(get(dy)), f32(0), f32Gt(f32Load(get(y)), f32(0))) : f32Load(get(dy));
  fn.body = forRange(
    f,
    i32(0),
    get(F),
    i32(1),
    set(acc, get(zero)),
    set(accS, f32(0)),
    set(e, add(get(dy), shl(get(P), i32(2)))),
    set(e4, sub(get(e), i32(12))),
    walk(
      dy,
      get(e4),
      16,
      set(v, vec),
      ...(relu ? [v128Store(get(dy), get(v))] : []),
      set(acc, f32x4Add(get(acc), get(v))),
      inc(y, i32(16)),
    ),
    walk(
      dy,
      get(e),
      4,
      set(vs, sca),
      ...(relu ? [f32Store(get(dy), get(vs))] : []),
      set(accS, f32Add(get(accS), get(vs))),
      inc(y, i32(4)),
    ),
    f32Store(
      add(get(db), shl(get(f), i32(2))),
      f32Add(
        f32Add(
          f32Add(f32x4ExtractLane(get(acc), 0), f32x4ExtractLane(get(acc), 1)),
          f32Add(f32x4ExtractLane(get(acc), 2), f32x4ExtractLane(get(acc), 3)),
        ),
        get(accS),
      ),
    ),
  );
  return fn;
}

// The parameters and locals (indices) the parts of im2col / col2im address.
interface ColVars {
  s: number;
  W: number;
  pl: number;
  OW: number;
  j: number;
  lo: number;
  hi: number;
  d: number;
  xr: number;
  src: number;
  dst: number;
  end: number;
  t: number;
}

const at = (base: Code, idx: Code): Code => add(base, shl(idx, i32(2)));
const addTo = (addr: Code, x: Code): Code => f32Store(addr, f32Add(f32Load(addr), x)); // f32 at addr += x
// The input column of output column ow.
const iwOf = (v: ColVars, ow: Code): Code => add(sub(mul(ow, get(v.s)), get(v.pl)), get(v.j));
const zeros = (v: ColVars, from: Code, to: Code): Code =>
  forRange(v.t, from, to, i32(1), f32Store(at(get(v.d), get(v.t)), f32(0)));

/** lo, hi = the output columns [lo, hi) whose input column lies inside the image (0 ≤ iw < W). */
function inImage(v: ColVars): Code[] {
  const { W, OW, lo, hi } = v;
  return [
    set(lo, i32(0)),
    block(loop(brIf(1, geS(get(lo), get(OW))), brIf(1, geS(iwOf(v, get(lo)), i32(0))), inc(lo, i32(1)), br(0))),
    set(hi, get(OW)),
    block(
      loop(
        brIf(1, geS(get(lo), get(hi))),
        brIf(1, ltS(iwOf(v, sub(get(hi), i32(1))), get(W))),
        set(hi, sub(get(hi), i32(1))),
        br(0),
      ),
    ),
  ];
}

/** col2im's output row: img row (xr) += the col row (d) over [lo, hi), f32x4 then scalar when s = 1. */
function scatterRow(v: ColVars): Code[] {
  const { s, lo, hi, d, xr, src, dst, end, t } = v;
  return [
    ifElse(
      eq1(get(s)),
      [
        set(src, at(get(d), get(lo))),
        set(dst, at(get(xr), get(lo))),
        set(end, at(get(xr), get(hi))),
        walk(
          dst,
          sub(get(end), i32(12)),
          16,
          v128Store(get(dst), f32x4Add(v128Load(get(dst)), v128Load(get(src)))),
          inc(src, i32(16)),
        ),
        walk(dst, get(end), 4, f32Store(get(dst), f32Add(f32Load(get(dst)), f32Load(get(src)))), inc(src, i32(4))),
      ],
      [forRange(t, get(lo), get(hi), i32(1), addTo(at(get(xr), mul(get(t), get(s))), f32Load(at(get(d), get(t)))))],
    ),
  ];
}

/** im2col's output row: the col row (d) = zeros, the img row (xr) over [lo, hi), zeros. */
function gatherRow(v: ColVars): Code[] {
  const { s, OW, lo, hi, d, xr, src, dst, end, t } = v;
  return [
    zeros(v, i32(0), get(lo)),
    ifElse(
      eq1(get(s)),
      [
        set(src, at(get(xr), get(lo))),
        set(dst, at(get(d), get(lo))),
        set(end, at(get(d), get(hi))),
        walk(dst, sub(get(end), i32(12)), 16, v128Store(get(dst), v128Load(get(src))), inc(src, i32(16))),
        walk(dst, get(end), 4, f32Store(get(dst), f32Load(get(src))), inc(src, i32(4))),
      ],
      [forRange(t, get(lo), get(hi), i32(1), f32Store(at(get(d), get(t)), f32Load(at(get(xr), mul(get(t), get(s))))))],
    ),
    zeros(v, get(hi), get(OW)),
  ];
}

/** im2col (scatter = false) or col2im (scatter = true), one sample; same loop nest as ../conv.ts. */
function colFn(name: string, scatter: boolean): Fn {
  // im2col: (col, x, ...); col2im: (dx, dcol, ...): `img` is x or dx, `cb` the col-side buffer.
  const fn = new Fn(name, Array<typeof I32>(12).fill(I32));
  const [cb, img, C, H, W, kh, kw, s, pt, pl, OH, OW] = scatter
    ? [1, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const [c, i, j, oh, lo, hi, ih, d, xr, src, dst, end, t] = Array.from({ length: 13 }, () => fn.local(I32));
  const v: ColVars = { s, W, pl, OW, j, lo, hi, d, xr, src, dst, end, t };
  // One output row: the in-image range [lo, hi), contiguous when s = 1 (f32x4 then scalar).
  const copyRow = scatter ? scatterRow(v) : gatherRow(v);
  fn.body = [
    ...set(d, get(cb)),
    ...forRange(
      c,
      i32(0),
      get(C),
      i32(1),
      forRange(
        i,
        i32(0),
        get(kh),
        i32(1),
        forRange(
          j,
          i32(0),
          get(kw),
          i32(1),
          ...inImage(v),
          forRange(
            oh,
            i32(0),
            get(OH),
            i32(1),
            set(ih, add(sub(mul(get(oh), get(s)), get(pt)), get(i))),
            ifElse(
              and(geS(get(ih), i32(0)), ltS(get(ih), get(H))),
              [
                // img address of output column 0 (may lie left of the row; only [lo, hi) is touched)
                set(
                  xr,
                  add(get(img), shl(sub(add(mul(add(mul(get(c), get(H)), get(ih)), get(W)), get(j)), get(pl)), i32(2))),
                ),
                ...copyRow,
              ],
              scatter ? [] : [zeros(v, i32(0), get(OW))],
            ),
            inc(d, shl(get(OW), i32(2))),
          ),
        ),
      ),
    ),
  ];
  return fn;
}

/** The module bytes; memory is imported as env.mem (a GEMM arena's shared memory). */
export function convModuleBytes(): Uint8Array {
  return assemble(
    [
      colFn('im2col', false),
      colFn('col2im', true),
      biasFn('biasRelu', true),
      biasFn('bias', false),
      maskFn('maskRelu', true),
      maskFn('rowSums', false),
      maxpoolFn(),
      unpoolFn(),
    ],
    { min: 1, max: MAX_PAGES, shared: true },
  );
}
