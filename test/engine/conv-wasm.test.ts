import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col2im, convAxis, im2col } from '../../src/engine/kernels/conv.js';
import { kernelBuffer, setKernelBackend, wasmSimdAvailable } from '../../src/engine/kernels/gemm.js';
import { ConvWasm } from '../../src/engine/kernels/wasm/conv-wasm.js';
import { Rng } from '../../src/engine/rng.js';

// Every helper of conv-module.ts against the TypeScript it replaces, on odd shapes, with the
// operands at odd offsets inside one arena (as the layers place them).
const hasWasm = wasmSimdAvailable();

function randn(rng: Rng, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => rng.normal());
}

/** An arena holding copies of `parts` back to back, one float apart; returns the arena and offsets. */
function arena(...parts: Float32Array[]): { buf: Float32Array; at: number[] } {
  const buf = kernelBuffer(parts.reduce((n, p) => n + p.length + 1, 1));
  const at: number[] = [];
  let o = 1;
  for (const p of parts) {
    buf.set(p, o);
    at.push(o);
    o += p.length + 1;
  }
  return { buf, at };
}

describe.skipIf(!hasWasm)('conv helpers in WebAssembly match the TypeScript reference', () => {
  beforeAll(() => setKernelBackend('wasm'));
  afterAll(() => setKernelBackend('auto'));

  it('is null on ordinary memory (the TS path)', () => {
    expect(ConvWasm.of(new Float32Array(4))).toBeNull();
  });

  it('zero clears exactly the range asked for', () => {
    const buf = kernelBuffer(37).fill(7);
    ConvWasm.of(buf)!.zero(buf, 3, 29);
    expect(Array.from(buf)).toEqual(Array.from({ length: 37 }, (_, i) => (i >= 3 && i < 32 ? 0 : 7)));
  });

  it.each([
    // C, H, W, kh, kw, stride, padding
    [1, 28, 28, 3, 3, 1, 'same'],
    [16, 14, 14, 3, 3, 1, 'same'],
    [2, 6, 5, 3, 3, 1, 'same'],
    [3, 7, 7, 3, 3, 2, 'same'],
    [2, 8, 6, 2, 3, 2, 'same'],
    [1, 9, 8, 4, 4, 1, 'same'],
    [2, 9, 7, 3, 2, 3, 'valid'],
    [1, 3, 3, 5, 5, 1, 'same'],
    [3, 11, 13, 5, 3, 1, 'valid'],
  ] as const)('im2col and col2im: C=%i H=%i W=%i k=%ix%i s=%i %s', (C, H, W, kh, kw, s, padding) => {
    const rng = new Rng(C * 31 + H * 7 + W + s);
    const { out: OH, pad: pt } = convAxis(H, kh, s, padding);
    const { out: OW, pad: pl } = convAxis(W, kw, s, padding);
    const K = C * kh * kw,
      P = OH * OW;
    const x = randn(rng, C * H * W),
      dcol = randn(rng, K * P),
      dx0 = randn(rng, C * H * W);
    const { buf, at } = arena(x, new Float32Array(K * P).fill(NaN), dcol, dx0);
    const conv = ConvWasm.of(buf)!;
    conv.im2col(buf, at[1], buf, at[0], C, H, W, kh, kw, s, pt, pl, OH, OW);
    const ref = new Float32Array(K * P);
    im2col(ref, 0, x, 0, C, H, W, kh, kw, s, pt, pl, OH, OW);
    expect(Array.from(buf.subarray(at[1], at[1] + K * P))).toEqual(Array.from(ref));
    expect(Number.isNaN(buf[at[1] + K * P])).toBe(false); // the gap after col is untouched (0)

    conv.col2im(buf, at[3], buf, at[2], C, H, W, kh, kw, s, pt, pl, OH, OW);
    const dxRef = dx0.slice();
    col2im(dxRef, 0, dcol, 0, C, H, W, kh, kw, s, pt, pl, OH, OW);
    const got = buf.subarray(at[3], at[3] + C * H * W);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(dxRef[i], 5);
  });

  it.each([
    [3, 7],
    [2, 8],
    [5, 1],
    [1, 13],
  ])('bias (+ReLU) and the dy mask with db sums: F=%i P=%i', (F, P) => {
    const rng = new Rng(F * 10 + P);
    const y = randn(rng, F * P),
      b = randn(rng, F),
      dy = randn(rng, F * P);
    for (const relu of [false, true]) {
      const { buf, at } = arena(y, b, dy, new Float32Array(F));
      const conv = ConvWasm.of(buf)!;
      conv.bias(buf, at[0], buf.subarray(at[1]), F, P, relu);
      const yRef = y.map((v, i) => (relu ? Math.max(0, v + b[Math.floor(i / P)]) : v + b[Math.floor(i / P)]));
      expect(Array.from(buf.subarray(at[0], at[0] + F * P))).toEqual(Array.from(yRef));
      conv.maskSum(buf, at[2], buf, at[0], F, P, buf.subarray(at[3]), relu);
      const dyRef = dy.map((v, i) => (relu && yRef[i] <= 0 ? 0 : v));
      expect(Array.from(buf.subarray(at[2], at[2] + F * P))).toEqual(Array.from(dyRef));
      for (let f = 0; f < F; f++) {
        const sum = dyRef.subarray(f * P, (f + 1) * P).reduce((s, v) => s + v, 0);
        expect(buf[at[3] + f]).toBeCloseTo(sum, 4);
      }
    }
  });

  it.each([
    [2, 4, 4],
    [3, 5, 7],
    [2, 9, 11],
    [1, 8, 8],
    [1, 28, 28],
  ])('2x2 max-pool and its scatter: planes=%i H=%i W=%i', (planes, H, W) => {
    const rng = new Rng(planes + H + W);
    const x = randn(rng, planes * H * W).map((v, i) => (i % 5 === 0 ? 0 : Math.max(0, v))); // ReLU-like, with ties
    const OH = Math.floor(H / 2),
      OW = Math.floor(W / 2),
      n = planes * OH * OW;
    const dy = randn(rng, n);
    const { buf, at } = arena(x, new Float32Array(n), dy, new Float32Array(planes * H * W), new Float32Array(n));
    const conv = ConvWasm.of(buf)!;
    const argv = new Int32Array(buf.buffer, buf.byteOffset + 4 * at[4], n); // argmax lives in the arena too
    conv.maxpool2(buf.subarray(at[1]), argv, buf.subarray(at[0]), planes, H, W, OH, OW);
    for (let q = 0, o = 0; q < planes; q++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++, o++) {
          const idx = [0, 1, W, W + 1].map((d) => q * H * W + 2 * oh * W + 2 * ow + d);
          let best = idx[0];
          for (const i of idx) if (x[i] > x[best]) best = i;
          expect(argv[o]).toBe(best);
          expect(buf[at[1] + o]).toBe(x[best]);
        }
      }
    }
    conv.unpool(buf.subarray(at[3]), argv, buf.subarray(at[2]), n);
    const dxRef = new Float32Array(planes * H * W);
    for (let o = 0; o < n; o++) dxRef[argv[o]] += dy[o];
    expect(Array.from(buf.subarray(at[3], at[3] + planes * H * W))).toEqual(Array.from(dxRef));
  });
});
