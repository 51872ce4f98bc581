import { describe, expect, it } from 'vitest';
import { gemmNaive } from '../../src/engine/kernels/gemm.js';
import { col2im, convAxis, im2col, im2row1d, row2im1d } from '../../src/engine/kernels/conv.js';
import { Rng } from '../../src/engine/rng.js';

// Naive direct convolution (one sample, NCHW), the reference for im2col+GEMM, and its input gradient,
// the reference for col2im. y[f,oh,ow] = Σ_{c,i,j} w[f,c,i,j]·x[c, oh·s−pt+i, ow·s−pl+j].
function conv2dNaive(
  x: Float32Array,
  w: Float32Array,
  C: number,
  H: number,
  W: number,
  F: number,
  kh: number,
  kw: number,
  s: number,
  pt: number,
  pl: number,
  OH: number,
  OW: number,
): Float64Array {
  const y = new Float64Array(F * OH * OW);
  for (let f = 0; f < F; f++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++) {
        let acc = 0;
        for (let c = 0; c < C; c++)
          for (let i = 0; i < kh; i++)
            for (let j = 0; j < kw; j++) {
              const ih = oh * s - pt + i,
                iw = ow * s - pl + j;
              if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
              acc += w[((f * C + c) * kh + i) * kw + j] * x[(c * H + ih) * W + iw];
            }
        y[(f * OH + oh) * OW + ow] = acc;
      }
  return y;
}

function conv2dNaiveDx(
  dy: Float32Array,
  w: Float32Array,
  C: number,
  H: number,
  W: number,
  F: number,
  kh: number,
  kw: number,
  s: number,
  pt: number,
  pl: number,
  OH: number,
  OW: number,
): Float64Array {
  const dx = new Float64Array(C * H * W);
  for (let f = 0; f < F; f++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let c = 0; c < C; c++)
          for (let i = 0; i < kh; i++)
            for (let j = 0; j < kw; j++) {
              const ih = oh * s - pt + i,
                iw = ow * s - pl + j;
              if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
              dx[(c * H + ih) * W + iw] += w[((f * C + c) * kh + i) * kw + j] * dy[(f * OH + oh) * OW + ow];
            }
  return dx;
}

function randn(rng: Rng, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => rng.normal());
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-4): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i])));
}

describe('convAxis', () => {
  it.each([
    [28, 3, 1, 'same', 28, 1],
    [28, 3, 1, 'valid', 26, 0],
    [7, 3, 2, 'same', 4, 1],
    [8, 2, 2, 'same', 4, 0],
    [8, 4, 1, 'same', 8, 1], // total padding 3: 1 before, 2 after (TF)
    [7, 3, 2, 'valid', 3, 0],
  ] as const)('n=%i k=%i s=%i %s -> out %i, pad %i', (n, k, s, p, out, pad) => {
    expect(convAxis(n, k, s, p)).toEqual({ out, pad });
  });
});

describe('im2col + GEMM = direct convolution; col2im = its input gradient (2-D)', () => {
  it.each([
    // C, H, W, F, kh, kw, stride, padding
    [1, 5, 5, 2, 3, 3, 1, 'valid'],
    [2, 6, 5, 3, 3, 3, 1, 'same'],
    [3, 7, 7, 2, 3, 3, 2, 'same'],
    [2, 8, 6, 4, 2, 3, 2, 'same'],
    [1, 9, 8, 2, 4, 4, 1, 'same'],
    [2, 9, 7, 3, 3, 2, 3, 'valid'],
    [1, 3, 3, 1, 5, 5, 1, 'same'], // kernel bigger than the image
    [2, 4, 4, 2, 1, 1, 1, 'valid'],
  ] as const)('C=%i H=%i W=%i F=%i k=%ix%i s=%i %s', (C, H, W, F, kh, kw, s, padding) => {
    const rng = new Rng(C * 100 + H * 10 + W + s);
    const { out: OH, pad: pt } = convAxis(H, kh, s, padding);
    const { out: OW, pad: pl } = convAxis(W, kw, s, padding);
    const K = C * kh * kw,
      P = OH * OW;
    const xOff = 5; // a sample inside a batch buffer
    const xb = randn(rng, xOff + C * H * W);
    const x = xb.subarray(xOff);
    const w = randn(rng, F * K);
    const colOff = 3; // col2im/im2col take an offset into a batch buffer too
    const colb = new Float32Array(colOff + K * P + 2).fill(NaN); // every cell of the sample must be written
    im2col(colb, colOff, xb, xOff, C, H, W, kh, kw, s, pt, pl, OH, OW);
    expect(Number.isNaN(colb[colOff - 1]) && Number.isNaN(colb[colOff + K * P])).toBe(true); // and nothing else
    const col = colb.subarray(colOff, colOff + K * P);
    const y = new Float32Array(F * P);
    gemmNaive(y, w, col, F, P, K, false, false, false); // y = W·col
    expectClose(y, conv2dNaive(x, w, C, H, W, F, kh, kw, s, pt, pl, OH, OW));

    const dy = randn(rng, F * P);
    const dcolb = new Float32Array(colOff + K * P);
    gemmNaive(dcolb.subarray(colOff), w, dy, K, P, F, true, false, false); // dcol = Wᵀ·dy
    const dxb = new Float32Array(xOff + C * H * W).fill(1); // col2im accumulates: start from 1
    col2im(dxb, xOff, dcolb, colOff, C, H, W, kh, kw, s, pt, pl, OH, OW);
    expect(Array.from(dxb.subarray(0, xOff))).toEqual(Array(xOff).fill(1));
    const ref = conv2dNaiveDx(dy, w, C, H, W, F, kh, kw, s, pt, pl, OH, OW).map((v) => v + 1);
    expectClose(dxb.subarray(xOff), ref);
  });
});

describe('im2row1d + GEMM = direct 1-D convolution; row2im1d = its input gradient', () => {
  it.each([
    [1, 10, 2, 3, 1, 'valid'],
    [2, 10, 3, 3, 1, 'same'],
    [3, 11, 2, 4, 2, 'same'],
    [2, 12, 2, 5, 3, 'valid'],
    [1, 2, 1, 5, 1, 'same'],
  ] as const)('C=%i L=%i F=%i k=%i s=%i %s', (C, L, F, k, s, padding) => {
    const rng = new Rng(C * 100 + L + k);
    const { out: OL, pad: pl } = convAxis(L, k, s, padding);
    const K = C * k;
    const x = randn(rng, C * L);
    const w = randn(rng, F * K);
    const rows = new Float32Array(OL * K).fill(NaN);
    im2row1d(rows, x, 0, C, L, k, s, pl, OL);
    const y = new Float32Array(F * OL);
    gemmNaive(y, w, rows, F, OL, K, false, true, false);
    // 1-D convolution is 2-D convolution with H = 1, kh = 1.
    expectClose(y, conv2dNaive(x, w, C, 1, L, F, 1, k, s, 0, pl, 1, OL));

    const dy = randn(rng, F * OL);
    const drows = new Float32Array(OL * K);
    gemmNaive(drows, dy, w, OL, K, F, true, false, false);
    const dx = new Float32Array(C * L);
    row2im1d(dx, 0, drows, C, L, k, s, pl, OL);
    expectClose(dx, conv2dNaiveDx(dy, w, C, 1, L, F, 1, k, s, 0, pl, 1, OL));
  });
});
