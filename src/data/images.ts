// Image (and 1-D signal) inputs as the networks see them: one Float32Array of n samples in NCHW
// (images, per sample (C, H, W)) or NCL (signals, (C, L)), plus the preprocessing that produced it,
// recorded so `nnm predict` can replay it. Pixels are scaled to [0, 1] by a range inferred from the
// data (0..1, 0..16, 0..255, else min..max); signals are standardised with training statistics.

import type { Rng } from '../engine/rng.js';

export type Cell = string | number;

/** How raw values become network inputs; stored in model.nnm.json. */
export type ImageScaling =
  | { kind: 'range'; min: number; max: number; why: string } // x' = (x - min) / (max - min)
  | { kind: 'standard'; mean: number; std: number }; // x' = (x - mean) / std

export type ImageSource =
  | {
      kind: 'pixels';
      /** Pixel (or signal) columns in file order; for C > 1, pixel-major (H, W, C) like a flattened HxWxC array. */
      columns: string[];
      labelColumn: string;
      idColumn?: string;
    }
  | {
      kind: 'folder';
      /** Every image is decoded (PNG/JPEG), alpha composited over white, converted, resized. */
      colour: 'grey' | 'rgb';
      size: number;
      resize: 'area-or-bilinear';
    };

export interface ImagePipeline {
  kind: 'image' | 'signal';
  /** Per-sample network input shape: [C, H, W] for images, [C, L] for signals. */
  shape: number[];
  source: ImageSource;
  scaling: ImageScaling;
  classes: string[];
}

/** Raw decoded samples before scaling: values in the file's units. */
export interface ImageSet {
  file: string;
  x: Float32Array;
  n: number;
  shape: number[];
  labels: string[];
  ids: Cell[];
  idHeader: string;
  source: ImageSource;
  notes: string[];
  /** Text encoding and delimiter of a CSV source. */
  encoding?: string;
  delimiter?: string;
}

const RANGES = [1, 16, 255] as const;

/** The pixel range of raw values: the smallest of 0..1, 0..16, 0..255 that holds them, else min..max. */
export function inferPixelRange(x: Float32Array, n: number, size: number, rows?: Int32Array): ImageScaling {
  let min = Infinity;
  let max = -Infinity;
  let integer = true;
  const visit = (i: number): void => {
    for (let j = i * size; j < (i + 1) * size; j++) {
      const v = x[j];
      if (v < min) min = v;
      if (v > max) max = v;
      if (integer && v !== Math.round(v)) integer = false;
    }
  };
  if (rows) for (const r of rows) visit(r);
  else for (let i = 0; i < n; i++) visit(i);
  if (min >= 0) {
    for (const r of RANGES) {
      if (max <= r && (r === 1 || integer || r === 255))
        return { kind: 'range', min: 0, max: r, why: `values lie in 0..${r}` };
    }
  }
  const span = max > min ? max - min : 1;
  return {
    kind: 'range',
    min,
    max: min + span,
    why: `values lie in ${fmt(min)}..${fmt(max)} (no standard pixel range); scaled by their training min and max`,
  };
}

/** Mean and standard deviation over the given rows (signals). */
export function fitStandard(x: Float32Array, size: number, rows: Int32Array): ImageScaling {
  let sum = 0;
  let sq = 0;
  for (const r of rows) for (let j = r * size; j < (r + 1) * size; j++) sum += x[j];
  const cnt = rows.length * size;
  const mean = sum / cnt;
  for (const r of rows) for (let j = r * size; j < (r + 1) * size; j++) sq += (x[j] - mean) ** 2;
  const std = Math.sqrt(sq / cnt);
  return { kind: 'standard', mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
}

/** Scale raw values in place. */
export function applyScaling(x: Float32Array, s: ImageScaling): void {
  if (s.kind === 'range') {
    const inv = 1 / (s.max - s.min);
    for (let i = 0; i < x.length; i++) x[i] = (x[i] - s.min) * inv;
  } else {
    const inv = 1 / s.std;
    for (let i = 0; i < x.length; i++) x[i] = (x[i] - s.mean) * inv;
  }
}

/** [H, W] when `count` is a square (64 -> 8x8, 784 -> 28x28) with a side of at least 4. */
export function squareSide(count: number): number | undefined {
  const s = Math.round(Math.sqrt(count));
  return s * s === count && s >= 4 ? s : undefined;
}

/** Does mirroring left-right keep the class? Not for digits, letters or text. */
export function flipsMakeSense(classes: string[], file: string): boolean {
  if (/digit|mnist|char|letter|ocr|text|数字|字母|手写/i.test(file)) return false;
  const digitsOrLetters = classes.every((c) => /^[0-9A-Za-z]$/.test(c));
  return !digitsOrLetters;
}

/**
 * Training-set augmentation: `copies` extra versions of every sample (C, H, W), each shifted by up
 * to ±maxShift pixels (zero fill) and, when `flip`, mirrored left-right with probability 1/2.
 * NOTE: done once before training (the fit loop stays allocation-free and unaware of images).
 */
export function augmentImages(
  x: Float32Array,
  y: Float32Array,
  n: number,
  shape: number[],
  copies: number,
  flip: boolean,
  rng: Rng,
): { x: Float32Array; y: Float32Array; n: number } {
  const [C, H, W] = shape;
  const size = C * H * W;
  const maxShift = Math.max(1, Math.round(Math.min(H, W) / 8));
  const N = n * (copies + 1);
  const ox = new Float32Array(N * size);
  const oy = new Float32Array(N);
  ox.set(x.subarray(0, n * size));
  oy.set(y.subarray(0, n));
  let o = n;
  for (let c = 0; c < copies; c++) {
    for (let i = 0; i < n; i++, o++) {
      const dy = rng.int(2 * maxShift + 1) - maxShift;
      const dx = rng.int(2 * maxShift + 1) - maxShift;
      const mirror = flip && rng.uniform() < 0.5;
      for (let ch = 0; ch < C; ch++) {
        const src = i * size + ch * H * W;
        const dst = o * size + ch * H * W;
        for (let h = 0; h < H; h++) {
          const sh = h - dy;
          if (sh < 0 || sh >= H) continue;
          for (let w = 0; w < W; w++) {
            const sw0 = w - dx;
            if (sw0 < 0 || sw0 >= W) continue;
            const sw = mirror ? W - 1 - sw0 : sw0;
            ox[dst + h * W + w] = x[src + sh * W + sw];
          }
        }
      }
      oy[o] = y[i];
    }
  }
  return { x: ox, y: oy, n: N };
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}
