// A folder of images with one sub-folder per class (photos/cat/*.jpg, photos/dog/*.png) -> raw
// ImageSet in 0..255. PNG (pngjs) and JPEG (jpeg-js) are decoded in pure JS, alpha composited over
// white, converted to grey when every image is grey (else RGB) and resized to size x size: area
// averaging when shrinking, bilinear when enlarging. The size defaults to the median image side,
// capped at 32 (small inputs keep a CPU-trained CNN fast).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { UserError } from '../errors.js';
import type { ImageSet } from './images.js';

const EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);
export const DEFAULT_MAX_SIDE = 32;

interface Decoded {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export interface FolderOptions {
  /** --image-size, or the size a trained model expects. */
  size?: number;
  /** Force the colour mode (a test folder must match the training one). */
  colour?: 'grey' | 'rgb';
  /** Class names of a trained model: a test folder may only hold these. */
  classes?: string[];
}

export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function loadImageFolder(
  dir: string,
  o: FolderOptions,
  note: (m: string) => void,
): ImageSet & { colour: 'grey' | 'rgb'; size: number } {
  const notes: string[] = [];
  const say = (m: string): void => {
    notes.push(m);
    note(m);
  };
  const entries = readdirSync(dir, { withFileTypes: true });
  const classDirs = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  if (classDirs.length === 0) {
    throw new UserError({
      file: dir,
      message: 'has no class sub-folders',
      hint: 'put the images of each class in their own sub-folder: photos/cat/1.jpg, photos/dog/2.png',
    });
  }
  if (!o.classes && classDirs.length < 2) {
    throw new UserError({
      file: dir,
      message: `has one class sub-folder only ("${classDirs[0]}")`,
      hint: 'a classifier needs at least two class folders',
    });
  }
  const files: { path: string; label: string; id: string }[] = [];
  let skipped = 0;
  for (const cls of classDirs) {
    if (o.classes && !o.classes.includes(cls)) {
      throw new UserError({
        file: join(dir, cls),
        message: `class "${cls}" does not occur in the training folder`,
        hint: `known classes: ${o.classes.join(', ')}`,
      });
    }
    const names = readdirSync(join(dir, cls), { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
    const images = names.filter((n) => EXTENSIONS.has(extname(n).toLowerCase()));
    skipped += names.length - images.length;
    if (images.length === 0) {
      throw new UserError({
        file: join(dir, cls),
        message: 'the class folder holds no PNG or JPEG images',
        hint: 'add images to it or remove the folder',
      });
    }
    for (const f of images) files.push({ path: join(dir, cls, f), label: cls, id: `${cls}/${f}` });
  }
  if (skipped) say(`${skipped} file(s) that are not .png/.jpg/.jpeg were ignored`);

  const decoded = files.map((f) => decodeImage(f.path));
  const colour = o.colour ?? (decoded.every(isGrey) ? 'grey' : 'rgb');
  const sides = decoded.map((d) => Math.round(Math.sqrt(d.width * d.height))).sort((a, b) => a - b);
  const median = sides[sides.length >> 1];
  const size = o.size ?? Math.max(8, Math.min(DEFAULT_MAX_SIDE, median));
  if (o.size === undefined) {
    say(
      `${files.length} images in ${classDirs.length} classes, ${colour === 'grey' ? 'grey' : 'RGB'}, resized to ${size}x${size} (median side ${median}${median > DEFAULT_MAX_SIDE ? `, capped at ${DEFAULT_MAX_SIDE}` : ''}; set --image-size to change)`,
    );
  }
  const nonSquare = decoded.filter((d) => d.width !== d.height).length;
  if (nonSquare && o.size === undefined) say(`${nonSquare} image(s) are not square and are stretched to a square`);
  const x = toTensor(decoded, colour, size);
  return {
    file: dir,
    x,
    n: files.length,
    shape: [colour === 'grey' ? 1 : 3, size, size],
    labels: files.map((f) => f.label),
    ids: files.map((f) => f.id),
    idHeader: 'file',
    source: { kind: 'folder', colour, size, resize: 'area-or-bilinear' },
    notes,
    colour,
    size,
  };
}

/** Decode a PNG or JPEG (by its magic bytes) to 8-bit RGBA; any failure is one UserError line naming the file. */
export function decodeImage(path: string): Decoded {
  const buf = readFileSync(path);
  const isPng = buf.length >= 8 && buf[0] === 0x89 && buf[1] === 0x50 && buf[2] === 0x4e && buf[3] === 0x47;
  const isJpeg = buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff;
  if (!isPng && !isJpeg) {
    throw new UserError({
      file: path,
      message: 'is neither a PNG nor a JPEG image (unknown file signature)',
      hint: 'convert it to PNG or JPEG, or remove it from the folder',
    });
  }
  try {
    if (isPng) {
      const png = PNG.sync.read(buf);
      return {
        width: png.width,
        height: png.height,
        rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length),
      };
    }
    const img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 512 });
    if (!(img.width > 0 && img.height > 0) || img.data.length < img.width * img.height * 4)
      throw new Error('no pixel data');
    return { width: img.width, height: img.height, rgba: img.data };
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    throw new UserError({
      file: path,
      message: `cannot be decoded as ${isPng ? 'PNG' : 'JPEG'} (${e.message.split('\n')[0]})`,
      hint: 'the file is damaged or truncated: re-save it or remove it from the folder',
    });
  }
}

/**
 * Images for prediction with a trained model's colour and size: a folder of images (unlabelled) or
 * of class sub-folders (labelled by them). ids are paths relative to the folder.
 */
export function loadImagesLike(
  dir: string,
  colour: 'grey' | 'rgb',
  size: number,
): { x: Float32Array; n: number; ids: string[]; labels?: string[] } {
  const entries = readdirSync(dir, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'));
  const flat = entries
    .filter((e) => e.isFile() && EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => e.name)
    .sort();
  const classes = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const files = flat.map((f) => ({ id: f, label: undefined as string | undefined }));
  if (flat.length === 0) {
    for (const c of classes) {
      for (const f of readdirSync(join(dir, c))
        .filter((n) => !n.startsWith('.') && EXTENSIONS.has(extname(n).toLowerCase()))
        .sort())
        files.push({ id: `${c}/${f}`, label: c });
    }
  }
  if (files.length === 0)
    throw new UserError({
      file: dir,
      message: 'holds no PNG or JPEG images',
      hint: 'give a folder of images (or of class sub-folders of images)',
    });
  const decoded = files.map((f) => decodeImage(join(dir, f.id)));
  const labelled = files.every((f) => f.label !== undefined);
  return {
    x: toTensor(decoded, colour, size),
    n: files.length,
    ids: files.map((f) => f.id),
    ...(labelled ? { labels: files.map((f) => f.label!) } : {}),
  };
}

function toTensor(decoded: Decoded[], colour: 'grey' | 'rgb', size: number): Float32Array {
  const C = colour === 'grey' ? 1 : 3;
  const sampleSize = C * size * size;
  const x = new Float32Array(decoded.length * sampleSize);
  decoded.forEach((d, i) => resizeInto(x, i * sampleSize, d, C, size));
  return x;
}

function isGrey(d: Decoded): boolean {
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
