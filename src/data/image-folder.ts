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
import { type Decoded, isGrey, toTensor } from './image-resize.js';

const EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);
export const DEFAULT_MAX_SIDE = 32;

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
  const classDirs = classFolders(dir, o);
  const files: { path: string; label: string; id: string }[] = [];
  let skipped = 0;
  for (const cls of classDirs) {
    const c = classImages(dir, cls, o);
    skipped += c.skipped;
    for (const f of c.images) files.push({ path: join(dir, cls, f), label: cls, id: `${cls}/${f}` });
  }
  if (skipped) say(`${skipped} file(s) that are not .png/.jpg/.jpeg were ignored`);

  const decoded = files.map((f) => decodeImage(f.path));
  const colour = o.colour ?? (decoded.every(isGrey) ? 'grey' : 'rgb');
  const size = sideOf(decoded, classDirs.length, colour, o, say);
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

/** The class sub-folders, sorted (hidden ones skipped); a training folder needs two. */
function classFolders(dir: string, o: FolderOptions): string[] {
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
  return classDirs;
}

/** The image file names of one class folder, sorted, and how many other files it holds. */
function classImages(dir: string, cls: string, o: FolderOptions): { images: string[]; skipped: number } {
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
  if (images.length === 0) {
    throw new UserError({
      file: join(dir, cls),
      message: 'the class folder holds no PNG or JPEG images',
      hint: 'add images to it or remove the folder',
    });
  }
  return { images, skipped: names.length - images.length };
}

/** --image-size, or the median image side capped at DEFAULT_MAX_SIDE (said as a note, with any stretching). */
function sideOf(
  decoded: Decoded[],
  nClasses: number,
  colour: 'grey' | 'rgb',
  o: FolderOptions,
  say: (m: string) => void,
): number {
  const sides = decoded.map((d) => Math.round(Math.sqrt(d.width * d.height))).sort((a, b) => a - b);
  const median = sides[sides.length >> 1];
  const size = o.size ?? Math.max(8, Math.min(DEFAULT_MAX_SIDE, median));
  if (o.size === undefined) {
    say(
      `${decoded.length} images in ${nClasses} classes, ${colour === 'grey' ? 'grey' : 'RGB'}, resized to ${size}x${size} (median side ${median}${median > DEFAULT_MAX_SIDE ? `, capped at ${DEFAULT_MAX_SIDE}` : ''}; set --image-size to change)`,
    );
  }
  const nonSquare = decoded.filter((d) => d.width !== d.height).length;
  if (nonSquare && o.size === undefined) say(`${nonSquare} image(s) are not square and are stretched to a square`);
  return size;
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
