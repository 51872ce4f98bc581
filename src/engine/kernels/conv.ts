// im2col / col2im: turn a 2-D convolution into one GEMM. One sample, NCHW, Caffe's column layout:
// x (C, H, W) -> col (K, P), K = C·kh·kw, P = OH·OW,
//   col[(c·kh + i)·kw + j, oh·OW + ow] = x[c, oh·s − pt + i, ow·s − pl + j]   (0 outside the image).
// Then y (F, P) = W (F, K)·col is already the sample's NCHW output (no transpose), and the GEMM reads
// col untransposed (contiguous panels). col2im is the adjoint: it ACCUMULATES dx[c, ih, iw] +=
// dcol[k, p] for every (k, p) that im2col read from (c, ih, iw).
// 1-D (conv1d), patch-major rows: x (C, L) -> rows (OL, C·k), rows[t, c·k + j] = x[c, t·s − pl + j].
// Buffers take an element offset (a sample inside a batch), so callers need no subarray views.
// reference: Chellapilla et al. 2006; Caffe im2col.cpp.

/** Output length and leading padding of one spatial axis (Keras/TF 'same' and 'valid' rules). */
export function convAxis(n: number, k: number, s: number, padding: 'same' | 'valid'): { out: number; pad: number } {
  if (padding === 'valid') return { out: Math.floor((n - k) / s) + 1, pad: 0 };
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + k - n, 0);
  return { out, pad: Math.floor(total / 2) }; // NOTE: odd total padding puts the extra zero at the end (TF)
}

// NOTE: for one (c, i, j) and output row oh, the columns ow whose input column iw = ow·s − pl + j is
// inside the image are one range [lo, hi): zeros on either side, a strided copy in between, no
// bounds test in the inner loop.
// Two scalar functions rather than one returning a pair, so a training step allocates nothing.
function rangeLo(OW: number, s: number, pl: number, j: number): number {
  return Math.min(OW, Math.max(0, Math.ceil((pl - j) / s)));
}
function rangeHi(OW: number, W: number, s: number, pl: number, j: number): number {
  return Math.max(rangeLo(OW, s, pl, j), Math.min(OW, Math.ceil((W + pl - j) / s)));
}

export function im2col(
  col: Float32Array,
  colOff: number,
  x: Float32Array,
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
  let d = colOff;
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const lo = rangeLo(OW, s, pl, j),
          hi = rangeHi(OW, W, s, pl, j);
        for (let oh = 0; oh < OH; oh++, d += OW) {
          const ih = oh * s - pt + i;
          if (ih < 0 || ih >= H) {
            col.fill(0, d, d + OW);
            continue;
          }
          const xr = xOff + (c * H + ih) * W - pl + j; // x index of ow = 0 (maybe outside the row)
          for (let ow = 0; ow < lo; ow++) col[d + ow] = 0;
          if (s === 1) for (let ow = lo; ow < hi; ow++) col[d + ow] = x[xr + ow];
          else for (let ow = lo; ow < hi; ow++) col[d + ow] = x[xr + ow * s];
          for (let ow = hi; ow < OW; ow++) col[d + ow] = 0;
        }
      }
    }
  }
}

export function col2im(
  dx: Float32Array,
  dxOff: number,
  dcol: Float32Array,
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
  let d = dcolOff;
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const lo = rangeLo(OW, s, pl, j),
          hi = rangeHi(OW, W, s, pl, j);
        for (let oh = 0; oh < OH; oh++, d += OW) {
          const ih = oh * s - pt + i;
          if (ih < 0 || ih >= H) continue;
          const xr = dxOff + (c * H + ih) * W - pl + j;
          if (s === 1) for (let ow = lo; ow < hi; ow++) dx[xr + ow] += dcol[d + ow];
          else for (let ow = lo; ow < hi; ow++) dx[xr + ow * s] += dcol[d + ow];
        }
      }
    }
  }
}

export function im2row1d(
  rows: Float32Array,
  x: Float32Array,
  xOff: number,
  C: number,
  L: number,
  k: number,
  s: number,
  pl: number,
  OL: number,
): void {
  let r = 0;
  for (let t = 0; t < OL; t++) {
    const i0 = t * s - pl;
    for (let c = 0; c < C; c++) {
      const xc = xOff + c * L;
      for (let j = 0; j < k; j++) {
        const i = i0 + j;
        rows[r++] = i >= 0 && i < L ? x[xc + i] : 0;
      }
    }
  }
}

export function row2im1d(
  dx: Float32Array,
  dxOff: number,
  drows: Float32Array,
  C: number,
  L: number,
  k: number,
  s: number,
  pl: number,
  OL: number,
): void {
  let r = 0;
  for (let t = 0; t < OL; t++) {
    const i0 = t * s - pl;
    for (let c = 0; c < C; c++) {
      const xc = dxOff + c * L;
      for (let j = 0; j < k; j++, r++) {
        const i = i0 + j;
        if (i >= 0 && i < L) dx[xc + i] += drows[r];
      }
    }
  }
}
