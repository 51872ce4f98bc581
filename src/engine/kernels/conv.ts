// im2row / row2im: turn a convolution into one GEMM. One sample, NCHW, patch-major rows (the
// transpose of Caffe's im2col): x (C, H, W) -> rows (P, K), P = OH·OW, K = C·kh·kw,
//   rows[oh·OW + ow, (c·kh + i)·kw + j] = x[c, oh·s − pt + i, ow·s − pl + j]   (0 outside the image).
// Then y (F, P) = W (F, K)·rowsᵀ. row2im is the adjoint: it ACCUMULATES dx[c, ih, iw] += drows[p, k]
// for every (p, k) that im2row read from (c, ih, iw). 1-D: x (C, L) -> rows (OL, C·k) likewise.
// x and dx take an element offset (a sample inside a batch), so callers need no subarray views.
// NOTE: patch-major lets conv backward put the (mostly zero, after ReLU + max-pool) dy on the side
// of the GEMM that skips zeros. reference: Chellapilla et al. 2006; Caffe im2col.cpp.

/** Output length and leading padding of one spatial axis (Keras/TF 'same' and 'valid' rules). */
export function convAxis(n: number, k: number, s: number, padding: 'same' | 'valid'): { out: number; pad: number } {
  if (padding === 'valid') return { out: Math.floor((n - k) / s) + 1, pad: 0 };
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + k - n, 0);
  return { out, pad: Math.floor(total / 2) }; // NOTE: odd total padding puts the extra zero at the end (TF)
}

export function im2row(
  rows: Float32Array, x: Float32Array, xOff: number,
  C: number, H: number, W: number, kh: number, kw: number,
  s: number, pt: number, pl: number, OH: number, OW: number,
): void {
  const K = C * kh * kw;
  for (let oh = 0; oh < OH; oh++) {
    const ih0 = oh * s - pt;
    const rowsIn = ih0 >= 0 && ih0 + kh <= H;
    for (let ow = 0; ow < OW; ow++) {
      const iw0 = ow * s - pl;
      let r = (oh * OW + ow) * K;
      if (rowsIn && iw0 >= 0 && iw0 + kw <= W) {
        // interior: the whole window is inside the image, no bounds checks
        for (let c = 0; c < C; c++) {
          for (let i = 0; i < kh; i++) {
            const xr = xOff + (c * H + ih0 + i) * W + iw0;
            for (let j = 0; j < kw; j++) rows[r++] = x[xr + j];
          }
        }
        continue;
      }
      for (let c = 0; c < C; c++) {
        for (let i = 0; i < kh; i++) {
          const ih = ih0 + i;
          if (ih < 0 || ih >= H) {
            for (let j = 0; j < kw; j++) rows[r++] = 0;
            continue;
          }
          const xr = xOff + (c * H + ih) * W;
          for (let j = 0; j < kw; j++) {
            const iw = iw0 + j;
            rows[r++] = iw >= 0 && iw < W ? x[xr + iw] : 0;
          }
        }
      }
    }
  }
}

export function row2im(
  dx: Float32Array, dxOff: number, drows: Float32Array,
  C: number, H: number, W: number, kh: number, kw: number,
  s: number, pt: number, pl: number, OH: number, OW: number,
): void {
  const K = C * kh * kw;
  for (let oh = 0; oh < OH; oh++) {
    const ih0 = oh * s - pt;
    for (let ow = 0; ow < OW; ow++) {
      const iw0 = ow * s - pl;
      let r = (oh * OW + ow) * K;
      for (let c = 0; c < C; c++) {
        for (let i = 0; i < kh; i++) {
          const ih = ih0 + i;
          if (ih < 0 || ih >= H) {
            r += kw;
            continue;
          }
          const xr = dxOff + (c * H + ih) * W;
          for (let j = 0; j < kw; j++, r++) {
            const iw = iw0 + j;
            if (iw >= 0 && iw < W) dx[xr + iw] += drows[r];
          }
        }
      }
    }
  }
}

export function im2row1d(
  rows: Float32Array, x: Float32Array, xOff: number,
  C: number, L: number, k: number, s: number, pl: number, OL: number,
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
  dx: Float32Array, dxOff: number, drows: Float32Array,
  C: number, L: number, k: number, s: number, pl: number, OL: number,
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
