// Decoded 8-bit RGBA images -> (C, size, size) values in 0..255: alpha over white, grey (BT.601 luma)
// or RGB planes, then area averaging when shrinking and bilinear sampling when enlarging; and the test
// of whether an image is grey (so a folder of grey images is read as one channel).

/** One decoded image: width × height pixels of 8-bit RGBA. */
export interface Decoded {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** Images -> n × (C, size, size) values, C = 1 (grey) or 3 (RGB). */
export function toTensor(decoded: Decoded[], colour: 'grey' | 'rgb', size: number): Float32Array {
  const C = colour === 'grey' ? 1 : 3;
  const sampleSize = C * size * size;
  const x = new Float32Array(decoded.length * sampleSize);
  decoded.forEach((d, i) => resizeInto(x, i * sampleSize, d, C, size));
  return x;
}

export function isGrey(d: Decoded): boolean {
  // NOTE: JPEG chroma subsampling leaves small colour noise on grey images; 12/255 tolerates it.
  const p = d.rgba;
  for (let i = 0; i < d.width * d.height * 4; i += 4) {
    if (Math.abs(p[i] - p[i + 1]) > 12 || Math.abs(p[i + 1] - p[i + 2]) > 12) return false;
  }
  return true;
}

/** Write the image as (C, size, size) values in 0..255 at out[o...]. */
function resizeInto(out: Float32Array, o: number, d: Decoded, C: number, size: number): void {
  const { width: W, height: H, rgba } = d;
  // Alpha over white, then grey (ITU-R BT.601 luma) or RGB planes.
  const planes = Array.from({ length: C }, () => new Float32Array(W * H));
  for (let i = 0; i < W * H; i++) {
    const a = rgba[4 * i + 3] / 255;
    const r = rgba[4 * i] * a + 255 * (1 - a);
    const g = rgba[4 * i + 1] * a + 255 * (1 - a);
    const b = rgba[4 * i + 2] * a + 255 * (1 - a);
    if (C === 1) planes[0][i] = 0.299 * r + 0.587 * g + 0.114 * b;
    else {
      planes[0][i] = r;
      planes[1][i] = g;
      planes[2][i] = b;
    }
  }
  for (let c = 0; c < C; c++) resample(out, o + c * size * size, planes[c], W, H, size);
}

function resample(out: Float32Array, o: number, src: Float32Array, W: number, H: number, S: number): void {
  const sy = H / S;
  const sx = W / S;
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      let v: number;
      if (sx > 1 || sy > 1) {
        // Area average over the source footprint [y·sy, (y+1)·sy) x [x·sx, (x+1)·sx).
        const y0 = Math.floor(y * sy);
        const y1 = Math.max(y0 + 1, Math.min(H, Math.round((y + 1) * sy)));
        const x0 = Math.floor(x * sx);
        const x1 = Math.max(x0 + 1, Math.min(W, Math.round((x + 1) * sx)));
        let sum = 0;
        for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += src[yy * W + xx];
        v = sum / ((y1 - y0) * (x1 - x0));
      } else {
        // Bilinear at the pixel centre (align_corners = false).
        const fy = Math.min(H - 1, Math.max(0, (y + 0.5) * sy - 0.5));
        const fx = Math.min(W - 1, Math.max(0, (x + 0.5) * sx - 0.5));
        const y0 = Math.floor(fy);
        const x0 = Math.floor(fx);
        const y1 = Math.min(H - 1, y0 + 1);
        const x1 = Math.min(W - 1, x0 + 1);
        const ty = fy - y0;
        const tx = fx - x0;
        v =
          (src[y0 * W + x0] * (1 - tx) + src[y0 * W + x1] * tx) * (1 - ty) +
          (src[y1 * W + x0] * (1 - tx) + src[y1 * W + x1] * tx) * ty;
      }
      out[o + y * S + x] = v;
    }
  }
}
