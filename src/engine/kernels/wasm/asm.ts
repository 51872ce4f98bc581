// A minimal WebAssembly assembler: folded instructions (the WAT `(i32.add (local.get 0) ...)` form)
// as plain functions returning bytes, and a module encoder for functions plus one imported memory.
// Only the subset the kernels use (MVP integer ops, bulk memory fill, 128-bit SIMD f32x4, and
// relaxed SIMD's f32x4.relaxed_madd for the opt-in FMA kernels).
// Encoding reference: https://webassembly.github.io/spec/core/binary/ (SIMD: opcode prefix 0xfd).
// NOTE: kernels are assembled from source at run time instead of shipping a .wasm blob or adding a
// WAT compiler dependency: every byte comes from this file and the kernel generator next to it.

export type Code = number[];
export type ValType = 0x7f | 0x7d | 0x7b;
export const I32: ValType = 0x7f;
export const F32: ValType = 0x7d;
export const V128: ValType = 0x7b;

export function uleb(n: number): Code {
  const out: Code = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): Code {
  const out: Code = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

const bin =
  (opcode: number) =>
  (a: Code, b: Code): Code => [...a, ...b, opcode];
const simd = (opcode: number): Code => [0xfd, ...uleb(opcode)];
const memarg = (alignLog2: number, offset: number): Code => [...uleb(alignLog2), ...uleb(offset)];

// Variables and constants.
export const get = (l: number): Code => [0x20, ...uleb(l)];
export const set = (l: number, v: Code): Code => [...v, 0x21, ...uleb(l)];
export const i32 = (n: number): Code => [0x41, ...sleb(n | 0)];
export const f32 = (x: number): Code => [0x43, ...new Uint8Array(Float32Array.of(x).buffer)];
// i32 arithmetic and comparisons (signed).
export const add = bin(0x6a);
export const sub = bin(0x6b);
export const mul = bin(0x6c);
export const eq = bin(0x46);
export const ne = bin(0x47);
export const ltS = bin(0x48);
export const geS = bin(0x4e);
export const or = bin(0x72);
export const shl = bin(0x74);
export const shr = bin(0x75); // signed
export const and = bin(0x71);
export const divU = bin(0x6e);
export const remU = bin(0x70);
export const minS = (a: Code, b: Code): Code => select(a, b, ltS(a, b));
export const select = (a: Code, b: Code, cond: Code): Code => [...a, ...b, ...cond, 0x1b];
/** a += b, the commonest statement in a loop. */
export const inc = (l: number, b: Code): Code => set(l, add(get(l), b));
// Scalar memory.
export const f32Load = (addr: Code, offset = 0): Code => [...addr, 0x2a, ...memarg(2, offset)];
export const f32Store = (addr: Code, v: Code, offset = 0): Code => [...addr, ...v, 0x38, ...memarg(2, offset)];
export const f32Add = bin(0x92);
export const f32Mul = bin(0x94);
export const f32Max = bin(0x97);
export const f32Gt = bin(0x5e);
export const f32Ge = bin(0x60);
/** memory.fill(dst, byte, len) (bulk memory). */
export const memFill = (dst: Code, byte: Code, len: Code): Code => [...dst, ...byte, ...len, 0xfc, ...uleb(11), 0x00];
// SIMD.
export const v128Load = (addr: Code, offset = 0): Code => [...addr, ...simd(0x00), ...memarg(4, offset)];
export const v128Store = (addr: Code, v: Code, offset = 0): Code => [
  ...addr,
  ...v,
  ...simd(0x0b),
  ...memarg(4, offset),
];
export const load32Splat = (addr: Code, offset = 0): Code => [...addr, ...simd(0x09), ...memarg(2, offset)];
export const f32x4Add = (a: Code, b: Code): Code => [...a, ...b, ...simd(0xe4)];
export const f32x4Mul = (a: Code, b: Code): Code => [...a, ...b, ...simd(0xe6)];
export const f32x4Sub = (a: Code, b: Code): Code => [...a, ...b, ...simd(0xe5)];
export const f32x4Div = (a: Code, b: Code): Code => [...a, ...b, ...simd(0xe7)];
export const f32x4Sqrt = (a: Code): Code => [...a, ...simd(0xe3)];
export const f32x4Splat = (a: Code): Code => [...a, ...simd(0x13)];
/** Relaxed SIMD: a·b + c per lane, fused or not as the platform chooses (deterministic per machine).
 *  Validates only where the runtime has relaxed SIMD (Node 20: --experimental-wasm-relaxed-simd). */
export const f32x4RelaxedMadd = (a: Code, b: Code, c: Code): Code => [...a, ...b, ...c, ...simd(0x105)];
export const f32x4Max = (a: Code, b: Code): Code => [...a, ...b, ...simd(0xe9)];
/** Lane-wise a > b: all ones where true, as a mask for v128And / v128Bitselect. */
export const f32x4Gt = (a: Code, b: Code): Code => [...a, ...b, ...simd(0x44)];
export const v128And = (a: Code, b: Code): Code => [...a, ...b, ...simd(0x4e)];
/** Lanes of a where mask is set, else of b. */
export const v128Bitselect = (a: Code, b: Code, mask: Code): Code => [...a, ...b, ...mask, ...simd(0x52)];
export const f32x4ExtractLane = (a: Code, lane: number): Code => [...a, ...simd(0x1f), lane];
/** A v128 constant from four i32 lanes. */
export const v128ConstI32 = (lanes: [number, number, number, number]): Code => [
  ...simd(0x0c),
  ...new Uint8Array(Int32Array.from(lanes).buffer),
];
export const i32x4Splat = (a: Code): Code => [...a, ...simd(0x11)];
export const i32x4Add = (a: Code, b: Code): Code => [...a, ...b, ...simd(0xae)];
/** The i8x16.shuffle of a and b (lane indices 0-31 over the 32 bytes of a then b). */
export const i8x16Shuffle = (a: Code, b: Code, lanes: number[]): Code => [...a, ...b, ...simd(0x0d), ...lanes];
// Control. Depths are relative, as in the binary format: 0 = the innermost enclosing block/loop.
export const block = (...body: Code[]): Code => [0x02, 0x40, ...body.flat(), 0x0b];
export const loop = (...body: Code[]): Code => [0x03, 0x40, ...body.flat(), 0x0b];
export const br = (depth: number): Code => [0x0c, ...uleb(depth)];
export const brIf = (depth: number, cond: Code): Code => [...cond, 0x0d, ...uleb(depth)];
export const ifElse = (cond: Code, then: Code[], otherwise: Code[] = []): Code => [
  ...cond,
  0x04,
  0x40,
  ...then.flat(),
  ...(otherwise.length ? [0x05, ...otherwise.flat()] : []),
  0x0b,
];
export const call = (fn: number, ...args: Code[]): Code => [...args.flat(), 0x10, ...uleb(fn)];

/** for (l = from; l < to; l += step) body — signed compare; the test runs before the first pass. */
export const forRange = (l: number, from: Code, to: Code, step: Code, ...body: Code[]): Code => [
  ...set(l, from),
  ...block(loop(brIf(1, geS(get(l), to)), ...body, inc(l, step), br(0))),
];

/** A function under construction: parameters, then locals, by index. */
export class Fn {
  readonly locals: ValType[] = [];
  body: Code = [];
  constructor(
    readonly name: string,
    readonly params: ValType[],
    readonly results: ValType[] = [],
  ) {}
  local(t: ValType): number {
    this.locals.push(t);
    return this.params.length + this.locals.length - 1;
  }
}

const vec = (items: Code[]): Code => [...uleb(items.length), ...items.flat()];
const section = (id: number, payload: Code): Code => [id, ...uleb(payload.length), ...payload];
const name = (s: string): Code => vec([...s].map((ch) => [ch.charCodeAt(0)]));

/** Encode a module: every function exported under its name, memory imported as env.mem. */
export function assemble(fns: Fn[], memory: { min: number; max: number; shared: boolean }): Uint8Array {
  const types = fns.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))]);
  const limits = [memory.shared ? 0x03 : 0x01, ...uleb(memory.min), ...uleb(memory.max)];
  const imports = [[...name('env'), ...name('mem'), 0x02, ...limits]];
  const exports = fns.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]);
  const bodies = fns.map((f) => {
    const groups: Code[] = [];
    for (let i = 0; i < f.locals.length;) {
      let j = i;
      while (j < f.locals.length && f.locals[j] === f.locals[i]) j++;
      groups.push([...uleb(j - i), f.locals[i]]);
      i = j;
    }
    const fnCode = [...vec(groups), ...f.body, 0x0b];
    return [...uleb(fnCode.length), ...fnCode];
  });
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(2, vec(imports)),
    ...section(3, vec(fns.map((_, i) => uleb(i)))),
    ...section(7, vec(exports)),
    ...section(10, vec(bodies)),
  ]);
}
