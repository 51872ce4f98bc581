// A model file is untrusted input: it may be truncated, edited, written by a newer nnm, or made to
// exhaust the machine. Everything here runs BEFORE the file's networks are built, so that a bad file
// is refused in one line (exit 2) before any large allocation: the file is a regular file of bounded
// size, its JSON is at most MAX_DEPTH deep and has no `__proto__` key, its format version is one this
// nnm reads, and its architecture names known layers with sane sizes whose parameter count matches
// the weight data it carries.

import { readFileSync, statSync } from 'node:fs';
import type { ModelSpec } from '../engine/model.js';
import { ACTIVATIONS } from '../engine/kernels/activations.js';
import { sizeOf } from '../engine/layers/layer.js';
import { createLayer, isLayerKind, type LayerConfig } from '../engine/layers/registry.js';
import { UserError } from '../errors.js';

/** Larger than any model nnm writes (and than a JS string can hold much beyond). */
export const MAX_MODEL_BYTES = 512 * 1024 * 1024;
const MAX_DEPTH = 64;
/** Per-sample size of any layer's input or output (a 512x512 image with 32 channels is 8.4M). */
const MAX_ACTIVATION = 1 << 24;
const MAX_DIM = 1 << 24;

const DAMAGED = 'use the model.nnm.json of a finished run, or train again';

/** The text of a model file, refusing folders, devices and oversized files with what they are. */
export function readModelText(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory())
      throw new UserError({
        file: path,
        message: 'is a folder, not a model file',
        hint: 'give the model.nnm.json inside it',
      });
    if (!st.isFile())
      throw new UserError({
        file: path,
        message: 'is not a regular file (a device or a pipe?)',
        hint: 'give the model.nnm.json inside a run folder (runs/...)',
      });
    size = st.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new UserError({
        file: path,
        message: 'model file not found',
        hint: 'give the model.nnm.json inside a run folder (runs/...)',
      });
    throw e;
  }
  if (size > MAX_MODEL_BYTES) {
    throw new UserError({
      file: path,
      message: `is ${(size / 2 ** 20).toFixed(0)} MB, more than any nnm model file (at most ${MAX_MODEL_BYTES / 2 ** 20} MB)`,
      hint: 'give the model.nnm.json of a run folder',
    });
  }
  return readFileSync(path, 'utf8');
}

/** JSON.parse for a model file: bounded nesting, no `__proto__` keys, one line for a cut-off file. */
export function parseModelJson(text: string, file: string): unknown {
  const depth = jsonDepth(text);
  if (depth > MAX_DEPTH)
    throw new UserError({
      file,
      message: `nests arrays or objects ${depth > 1e5 ? 'more than 100000' : depth} deep (an nnm model file nests at most ${MAX_DEPTH})`,
      hint: DAMAGED,
    });
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (key === '__proto__')
        throw new UserError({ file, message: 'has a "__proto__" key, which no nnm model file has', hint: DAMAGED });
      return value;
    });
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError({
      file,
      message: 'is not a complete nnm model file (the JSON is cut off or damaged)',
      hint: DAMAGED,
    });
  }
}

/** The deepest nesting of [ and { outside strings (stops counting past 100001). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
      if (max > 100_000) return max;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/** Refuse a format this nnm cannot read (a newer major version, or none). */
export function checkFormatVersion(version: unknown, ours: string, file: string): void {
  const m = /^(\d+)\.(\d+)$/.exec(String(version));
  if (!m)
    throw new UserError({
      file,
      message: `has no valid format_version ("${String(version).slice(0, 40)}")`,
      hint: DAMAGED,
    });
  const major = Number(ours.split('.')[0]);
  if (Number(m[1]) > major) {
    throw new UserError({
      file,
      message: `was written by a newer nnm (model format ${String(version)}, this nnm reads ${major}.x)`,
      hint: 'upgrade nnm (npm install -g nnm@latest) to read it',
    });
  }
}

const ENUMS: Record<string, readonly string[]> = {
  fn: ACTIVATIONS,
  activation: ['linear', 'relu'],
  padding: ['same', 'valid'],
  init: ['glorot_uniform', 'he_normal'],
};
const INTEGERS = ['units', 'filters', 'stride', 'size', 'vocab', 'dim'];
const FRACTIONS = ['rate', 'momentum', 'epsilon'];

/**
 * Check an architecture from a file without building it: known layer kinds and settings, sane
 * sizes, and `weightCount` values per network. Builds each layer's geometry only (no buffers).
 */
export function checkArchitecture(spec: unknown, weightCount: number, file: string): ModelSpec {
  const bad = (message: string): UserError => new UserError({ file, message, hint: DAMAGED });
  const s = spec as Partial<ModelSpec> | null;
  if (typeof s !== 'object' || s === null || !Array.isArray(s.inShape) || !Array.isArray(s.layers))
    throw bad('does not hold an architecture (inShape and layers)');
  if (s.inShape.length < 1 || s.inShape.length > 4 || !s.inShape.every(isDim) || sizeOf(s.inShape) > MAX_ACTIVATION) {
    throw bad(`declares an input shape [${s.inShape.slice(0, 5).map(String).join(', ')}] that no network has`);
  }
  let shape: readonly number[] = s.inShape;
  let params = 0;
  s.layers.forEach((cfg: unknown, i: number) => {
    const where = `layer ${i + 1}`;
    checkLayerConfig(cfg, where, bad);
    let layer;
    try {
      layer = createLayer(cfg as LayerConfig, shape);
    } catch (e) {
      throw bad(
        `${where} (${(cfg as LayerConfig).kind}) does not fit its input [${shape.join(', ')}] (${e instanceof Error ? e.message : String(e)})`,
      );
    }
    shape = layer.outShape;
    if (!shape.every(isDim) || sizeOf(shape) > MAX_ACTIVATION)
      throw bad(
        `${where} (${layer.kind}) declares an output of ${sizeOf(shape)} values per sample, more than nnm supports`,
      );
    for (const p of layer.params()) params += sizeOf(p.shape);
  });
  if (!Number.isSafeInteger(params) || params !== weightCount) {
    throw bad(
      `declares ${Number.isSafeInteger(params) ? params : 'too many'} weights per network but holds ${weightCount}`,
    );
  }
  return s as ModelSpec;
}

function checkLayerConfig(cfg: unknown, where: string, bad: (m: string) => UserError): void {
  if (typeof cfg !== 'object' || cfg === null || Array.isArray(cfg)) throw bad(`${where} is not a layer`);
  const c = cfg as Record<string, unknown>;
  if (typeof c.kind !== 'string' || !isLayerKind(c.kind)) {
    throw bad(`${where} has the unknown kind "${String(c.kind).slice(0, 40)}" (a newer nnm, or an edited file)`);
  }
  for (const [key, value] of Object.entries(c)) {
    const allowed = ENUMS[key];
    if (allowed && !allowed.includes(value as string))
      throw bad(
        `${where} (${c.kind}) has the unknown ${key} "${String(value).slice(0, 40)}" (known: ${allowed.join(', ')})`,
      );
    if (INTEGERS.includes(key) && !isDim(value))
      throw bad(
        `${where} (${c.kind}) has ${key} ${String(value).slice(0, 40)}, not a whole number from 1 to ${MAX_DIM}`,
      );
    if (key === 'kernel' && !(isDim(value) || (Array.isArray(value) && value.length === 2 && value.every(isDim))))
      throw bad(`${where} (${c.kind}) has an invalid kernel size`);
    if (FRACTIONS.includes(key) && !(typeof value === 'number' && value >= 0 && value < 1))
      throw bad(`${where} (${c.kind}) has ${key} ${String(value).slice(0, 40)}, not a number in [0, 1)`);
    if (key === 'returnSequences' && typeof value !== 'boolean')
      throw bad(`${where} (${c.kind}) has a returnSequences that is not true or false`);
  }
}

const isDim = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_DIM;
