// The max-pool functions of the conv module (conv-module.ts), on byte addresses into a GEMM arena:
//   maxpool2(y, arg, x, planes, H, W, OH, OW)   2×2 stride-2 max and its argmax (element index into x)
//   unpool(dx, arg, dy, n)                      dx[arg[o]] += dy[o]

import {
  add,
  and,
  block,
  br,
  brIf,
  type Code,
  F32,
  f32Add,
  f32Gt,
  f32Load,
  f32Store,
  f32x4Gt,
  Fn,
  forRange,
  geS,
  get,
  I32,
  i32,
  i32x4Add,
  i32x4Splat,
  i8x16Shuffle,
  ifElse,
  inc,
  loop,
  ltS,
  mul,
  select,
  set,
  shl,
  shr,
  sub,
  V128,
  v128Bitselect,
  v128ConstI32,
  v128Load,
  v128Store,
} from './asm.js';

// The parameters and locals (indices) the parts of maxpool2 address.
interface PoolVars {
  y: number;
  arg: number;
  x: number;
  W: number;
  OW: number;
  ow: number;
  a: number;
  b: number;
  best: number;
  gt: number;
  t: number;
  m: number;
  v: number;
  mv: number;
  bi: number;
  ia: number;
  g: number;
  cand: number;
  wv: number;
}

const EVEN = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];
const ODD = EVEN.map((l) => l + 4);
const xAt = (p: PoolVars, e: Code): Code => add(get(p.x), shl(e, i32(2)));
// Eight floats of an input row from element e, four lanes of them (even or odd columns).
const row = (p: PoolVars, e: Code, lanes: number[]): Code =>
  i8x16Shuffle(v128Load(xAt(p, e)), v128Load(xAt(p, e), 16), lanes);

/** Four outputs from the input rows at elements a and a + W: compare-and-bitselect values and indices. */
function vstep(p: PoolVars): Code[] {
  const { y, arg, W, ow, a, b, mv, bi, ia, g, cand, wv } = p;
  const vtake = (c: Code, idx: Code): Code[] => [
    set(cand, c),
    set(g, f32x4Gt(get(cand), get(mv))),
    set(mv, v128Bitselect(get(cand), get(mv), get(g))),
    set(bi, v128Bitselect(idx, get(bi), get(g))),
  ];
  return [
    set(b, add(get(a), get(W))),
    set(ia, i32x4Add(i32x4Splat(get(a)), v128ConstI32([0, 2, 4, 6]))),
    set(mv, row(p, get(a), EVEN)),
    set(bi, get(ia)),
    ...vtake(row(p, get(a), ODD), i32x4Add(get(ia), i32x4Splat(i32(1)))),
    ...vtake(row(p, get(b), EVEN), i32x4Add(get(ia), get(wv))),
    ...vtake(row(p, get(b), ODD), i32x4Add(get(ia), i32x4Add(get(wv), i32x4Splat(i32(1))))),
    v128Store(get(y), get(mv)),
    v128Store(get(arg), get(bi)),
    inc(y, i32(16)),
    inc(arg, i32(16)),
    inc(a, i32(8)),
    inc(ow, i32(4)),
  ];
}

/** The OW % 4 outputs left: when OW ≥ 4, one more vstep on the row's last four (re-writing some with
 *  the same values) instead of the scalar loop. */
function vtail(p: PoolVars): Code {
  const { y, arg, OW, ow, a, t } = p;
  return ifElse(and(ltS(get(ow), get(OW)), geS(get(OW), i32(4))), [
    set(t, shl(sub(get(ow), sub(get(OW), i32(4))), i32(2))), // bytes to step back
    set(y, sub(get(y), get(t))),
    set(arg, sub(get(arg), get(t))),
    set(a, sub(get(a), shr(get(t), i32(1)))),
    set(ow, sub(get(OW), i32(4))),
    ...vstep(p),
  ]);
}

/** One output at a time up to OW (rows with OW < 4). */
function scalarSteps(p: PoolVars): Code {
  const { y, arg, W, OW, ow, a, b, best, gt, m, v } = p;
  // NOTE: scalar select, not a branch and not f32.max: V8 lowers both the float select and f32.max
  // with branches, which mispredict on ReLU outputs (the scalar form took 1.4 ms for pool 1 of W3).
  const take = (e: Code): Code[] => [
    set(v, f32Load(xAt(p, e))),
    set(gt, f32Gt(get(v), get(m))),
    set(best, select(e, get(best), get(gt))),
    set(m, select(get(v), get(m), get(gt))),
  ];
  return block(
    loop(
      brIf(1, geS(get(ow), get(OW))),
      set(b, add(get(a), get(W))),
      set(best, get(a)),
      set(m, f32Load(xAt(p, get(a)))),
      ...take(add(get(a), i32(1))),
      ...take(get(b)),
      ...take(add(get(b), i32(1))),
      f32Store(get(y), get(m)),
      [...get(arg), ...get(best), 0x36, 0x02, 0x00], // i32.store
      inc(y, i32(4)),
      inc(arg, i32(4)),
      inc(a, i32(2)),
      inc(ow, i32(1)),
      br(0),
    ),
  );
}

/** 2×2 stride-2 max-pool over `planes` (H, W) planes: y and the argmax as an element index into x.
 *  Four outputs at a time: two f32x4 loads per input row, split into even and odd columns by a
 *  shuffle, then three compare-and-bitselect steps on the values and their indices. Rows with
 *  OW < 4 go one output at a time. */
export function maxpoolFn(): Fn {
  const fn = new Fn('maxpool2', [I32, I32, I32, I32, I32, I32, I32, I32]); // y, arg, x, planes, H, W, OH, OW
  const [y, arg, x, planes, H, W, OH, OW] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [q, oh, ow, a, b, best, base, gt, t] = Array.from({ length: 9 }, () => fn.local(I32));
  const [m, v] = [fn.local(F32), fn.local(F32)];
  const [mv, bi, ia, g, cand, wv] = Array.from({ length: 6 }, () => fn.local(V128));
  const p: PoolVars = { y, arg, x, W, OW, ow, a, b, best, gt, t, m, v, mv, bi, ia, g, cand, wv };
  fn.body = [
    ...set(wv, i32x4Splat(get(W))),
    ...forRange(
      q,
      i32(0),
      get(planes),
      i32(1),
      set(base, mul(get(q), mul(get(H), get(W)))),
      forRange(
        oh,
        i32(0),
        get(OH),
        i32(1),
        set(a, add(get(base), shl(mul(get(oh), get(W)), i32(1)))),
        set(ow, i32(0)),
        block(loop(brIf(1, ltS(get(OW), add(get(ow), i32(4)))), ...vstep(p), br(0))),
        vtail(p),
        scalarSteps(p),
      ),
    ),
  ];
  return fn;
}

export function unpoolFn(): Fn {
  const fn = new Fn('unpool', [I32, I32, I32, I32]); // dx, arg, dy, n
  const [dx, arg, dy, n] = [0, 1, 2, 3];
  const [o, p] = [fn.local(I32), fn.local(I32)];
  fn.body = forRange(
    o,
    i32(0),
    get(n),
    i32(1),
    set(p, add(get(dx), shl([...get(arg), 0x28, 0x02, 0x00], i32(2)))), // i32.load
    f32Store(get(p), f32Add(f32Load(get(p)), f32Load(get(dy)))),
    inc(arg, i32(4)),
    inc(dy, i32(4)),
  );
  return fn;
}
