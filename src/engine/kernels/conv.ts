// im2col / col2im: turn a convolution into one GEMM (Caffe, llm.c-style loops). One sample, NCHW.
// 2-D: x (C, H, W) -> col (C·kh·kw, OH·OW), col[(c·kh + i)·kw + j, oh·OW + ow] = x[c, oh·s − pt + i, ow·s − pl + j]
// (zero outside the image). Then y (F, OH·OW) = W (F, C·kh·kw) · col. col2im is the adjoint: it
// ACCUMULATES dx[c, ih, iw] += dcol[row, p] for every (row, p) that im2col read from (c, ih, iw).
// 1-D: x (C, L) -> col (C·k, OL) likewise. x and dx take an element offset (a sample inside a batch)
// so callers need no subarray views. reference: Chellapilla et al. 2006; Caffe im2col.cpp.

/** Output length and leading padding of one spatial axis (Keras/TF 'same' and 'valid' rules). */
export function convAxis(n: number, k: number, s: number, padding: 'same' | 'valid'): { out: number; pad: number } {
  if (padding === 'valid') return { out: Math.floor((n - k) / s) + 1, pad: 0 };
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + k - n, 0);
  return { out, pad: Math.floor(total / 2) }; // NOTE: odd total padding puts the extra zero at the end (TF)
}

// The in-bounds run of output indices o, those with 0 <= o·s + d < n (d = tap offset − pad), is
// [first, end): computing it once per row keeps the inner loops branch-free (and allocation-free).
function first(s: number, d: number, out: number): number {
  return d >= 0 ? 0 : Math.min(out, Math.ceil(-d / s));
}

function end(n: number, s: number, d: number, out: number, lo: number): number {
  return Math.max(lo, Math.min(out, Math.floor((n - 1 - d) / s) + 1));
}

export function im2col(
  col: Float32Array, x: Float32Array, xOff: number,
  C: number, H: number, W: number, kh: number, kw: number,
  s: number, pt: number, pl: number, OH: number, OW: number,
): void {
  const P = OH * OW;
  for (let c = 0; c < C; c++) {
    const xc = xOff + c * H * W;
    for (let i = 0; i < kh; i++) {
      const oh0 = first(s, i - pt, OH), oh1 = end(H, s, i - pt, OH, oh0);
      for (let j = 0; j < kw; j++) {
        const row = ((c * kh + i) * kw + j) * P;
        const dj = j - pl;
        const ow0 = first(s, dj, OW), ow1 = end(W, s, dj, OW, ow0);
        col.fill(0, row, row + oh0 * OW);
        for (let oh = oh0; oh < oh1; oh++) {
          const r = row + oh * OW;
          const xr = xc + (oh * s + i - pt) * W + dj;
          for (let ow = 0; ow < ow0; ow++) col[r + ow] = 0;
          if (s === 1) for (let ow = ow0; ow < ow1; ow++) col[r + ow] = x[xr + ow];
          else for (let ow = ow0; ow < ow1; ow++) col[r + ow] = x[xr + ow * s];
          for (let ow = ow1; ow < OW; ow++) col[r + ow] = 0;
        }
        col.fill(0, row + oh1 * OW, row + P);
      }
    }
  }
}

export function col2im(
  dx: Float32Array, dxOff: number, dcol: Float32Array,
  C: number, H: number, W: number, kh: number, kw: number,
  s: number, pt: number, pl: number, OH: number, OW: number,
): void {
  const P = OH * OW;
  for (let c = 0; c < C; c++) {
    const xc = dxOff + c * H * W;
    for (let i = 0; i < kh; i++) {
      const oh0 = first(s, i - pt, OH), oh1 = end(H, s, i - pt, OH, oh0);
      for (let j = 0; j < kw; j++) {
        const row = ((c * kh + i) * kw + j) * P;
        const dj = j - pl;
        const ow0 = first(s, dj, OW), ow1 = end(W, s, dj, OW, ow0);
        for (let oh = oh0; oh < oh1; oh++) {
          const r = row + oh * OW;
          const xr = xc + (oh * s + i - pt) * W + dj;
          if (s === 1) for (let ow = ow0; ow < ow1; ow++) dx[xr + ow] += dcol[r + ow];
          else for (let ow = ow0; ow < ow1; ow++) dx[xr + ow * s] += dcol[r + ow];
        }
      }
    }
  }
}

export function im2col1d(
  col: Float32Array, x: Float32Array, xOff: number,
  C: number, L: number, k: number, s: number, pl: number, OL: number,
): void {
  for (let c = 0; c < C; c++) {
    const xc = xOff + c * L;
    for (let j = 0; j < k; j++) {
      const row = (c * k + j) * OL;
      const dj = j - pl;
      const o0 = first(s, dj, OL), o1 = end(L, s, dj, OL, o0);
      col.fill(0, row, row + o0);
      for (let o = o0; o < o1; o++) col[row + o] = x[xc + o * s + dj];
      col.fill(0, row + o1, row + OL);
    }
  }
}

export function col2im1d(
  dx: Float32Array, dxOff: number, dcol: Float32Array,
  C: number, L: number, k: number, s: number, pl: number, OL: number,
): void {
  for (let c = 0; c < C; c++) {
    const xc = dxOff + c * L;
    for (let j = 0; j < k; j++) {
      const row = (c * k + j) * OL;
      const dj = j - pl;
      const o0 = first(s, dj, OL), o1 = end(L, s, dj, OL, o0);
      for (let o = o0; o < o1; o++) dx[xc + o * s + dj] += dcol[row + o];
    }
  }
}
