// Synthetic image-folder fixtures, encoded with the same libraries nnm decodes with (pngjs, jpeg-js):
// shapes drawn in random colours over a noisy light background, one sub-folder per class.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { Rng } from '../../src/engine/rng.js';

export type Shape = 'circle' | 'square' | 'triangle';

/** RGBA pixels of one shape on an S x S canvas. */
export function drawShape(shape: Shape, S: number, rng: Rng, grey = false): Uint8Array {
  const px = new Uint8Array(S * S * 4);
  const cx = S / 2 + (rng.uniform() - 0.5) * S * 0.15;
  const cy = S / 2 + (rng.uniform() - 0.5) * S * 0.15;
  const r = S * (0.28 + rng.uniform() * 0.1);
  const dark = Math.floor(rng.uniform() * 80);
  const col = grey
    ? [dark, dark, dark]
    : [dark + Math.floor(rng.uniform() * 120), Math.floor(rng.uniform() * 100), Math.floor(rng.uniform() * 160)];
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      let inside: boolean;
      if (shape === 'circle') inside = dx * dx + dy * dy <= r * r;
      else if (shape === 'square') inside = Math.abs(dx) <= r * 0.85 && Math.abs(dy) <= r * 0.85;
      else inside = dy <= r * 0.8 && dy >= -r && Math.abs(dx) <= ((dy + r) / (1.8 * r)) * r;
      const noise = (rng.uniform() - 0.5) * 40;
      const i = 4 * (y * S + x);
      for (let c = 0; c < 3; c++) px[i + c] = Math.max(0, Math.min(255, Math.round((inside ? col[c] : 215) + noise)));
      px[i + 3] = 255;
    }
  }
  return px;
}

export function encodePng(px: Uint8Array, S: number): Buffer {
  const png = new PNG({ width: S, height: S });
  png.data = Buffer.from(px);
  return PNG.sync.write(png);
}

export function encodeJpeg(px: Uint8Array, S: number): Buffer {
  return jpeg.encode({ data: px, width: S, height: S }, 90).data;
}

/**
 * dir/<shape>/<i>.png|jpg: `perClass` images per class, alternating PNG and JPEG, most 12x12 and
 * every fourth 16x16 (so the loader has to resize).
 */
export function writeShapeFolder(
  dir: string,
  perClass: number,
  seed: number,
  shapes: Shape[] = ['circle', 'square', 'triangle'],
): string {
  const rng = new Rng(seed);
  for (const s of shapes) {
    mkdirSync(join(dir, s), { recursive: true });
    for (let i = 0; i < perClass; i++) {
      const S = i % 4 === 3 ? 16 : 12;
      const px = drawShape(s, S, rng);
      if (i % 2 === 0) writeFileSync(join(dir, s, `${i}.png`), encodePng(px, S));
      else writeFileSync(join(dir, s, `${i}.jpg`), encodeJpeg(px, S));
    }
  }
  return dir;
}
