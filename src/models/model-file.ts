// model.nnm.json: everything `nnm predict` needs, versioned and checksummed.
// { format: "nnm-model", format_version: "MAJOR.MINOR", nnm_version, task, model, pipeline,
//   architecture (layer configs), weights: { dtype, byte_order, manifest, members: [base64, ...] }, checksum }
// `members` holds one weight vector per network of the ensemble (one for a single network); predict
// averages their outputs.
// checksum = sha256 over the canonical JSON of every other field. Loading refuses a newer major
// format, a checksum mismatch or a truncated file with one clear line.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ManifestEntry, ModelSpec } from '../engine/model.js';
import { Sequential } from '../engine/model.js';
import { base64ToFloats, floatsToBase64 } from '../engine/serialize.js';
import { UserError } from '../errors.js';

export const FORMAT = 'nnm-model';
export const FORMAT_VERSION = '1.0';

export interface ModelFile<P = unknown> {
  format: typeof FORMAT;
  format_version: string;
  nnm_version: string;
  task: string;
  model: string;
  pipeline: P;
  architecture: ModelSpec;
  weights: { dtype: 'float32'; byte_order: 'little'; manifest: ManifestEntry[]; members: string[] };
  /** The --seed of the run (absent in files of nnm before 0.2): predict replays its random draws. */
  seed?: number;
  checksum?: string;
}

export function encodeModelFile<P>(members: Sequential[], meta: { nnmVersion: string; task: string; model: string; pipeline: P; seed?: number }): string {
  const body: ModelFile<P> = {
    format: FORMAT,
    format_version: FORMAT_VERSION,
    nnm_version: meta.nnmVersion,
    task: meta.task,
    model: meta.model,
    pipeline: meta.pipeline,
    architecture: members[0].toSpec(),
    weights: { dtype: 'float32', byte_order: 'little', manifest: members[0].manifest, members: members.map((m) => floatsToBase64(m.params)) },
    ...(meta.seed !== undefined ? { seed: meta.seed } : {}),
  };
  const checksum = `sha256:${sha256(JSON.stringify(body))}`;
  return `${JSON.stringify({ ...body, checksum })}\n`;
}

export function decodeModelFile<P>(text: string, file: string): { file: ModelFile<P>; members: Sequential[] } {
  let obj: ModelFile<P>;
  try {
    obj = JSON.parse(text) as ModelFile<P>;
  } catch {
    throw new UserError({ file, message: 'is not a complete nnm model file (the JSON is cut off or damaged)', hint: 'use the model.nnm.json of a finished run, or train again' });
  }
  if (typeof obj !== 'object' || obj === null || obj.format !== FORMAT) throw new UserError({ file, message: 'is not an nnm model file', hint: 'give the model.nnm.json from a run folder' });
  const version = /^(\d+)\.(\d+)$/.exec(String(obj.format_version));
  if (!version) throw new UserError({ file, message: `has no valid format_version ("${String(obj.format_version)}")`, hint: 'use the model.nnm.json of a finished run, or train again' });
  const major = Number(version[1]);
  const ours = Number(FORMAT_VERSION.split('.')[0]);
  if (major > ours) {
    throw new UserError({ file, message: `was written by a newer nnm (model format ${obj.format_version}, this nnm reads ${ours}.x)`, hint: 'upgrade nnm (npm install -g nnm@latest) to read it' });
  }
  const { checksum, ...body } = obj;
  if (checksum !== `sha256:${sha256(JSON.stringify(body))}`) {
    throw new UserError({ file, message: 'failed its checksum: the file was changed or damaged after training', hint: 'restore it from the run folder or train again' });
  }
  const w = obj.weights as Partial<ModelFile['weights']> | undefined;
  if (!w || !Array.isArray(w.members) || w.members.some((m) => typeof m !== 'string') || typeof obj.architecture !== 'object' || obj.architecture === null) {
    throw new UserError({ file, message: 'does not hold an architecture and weights', hint: 'use the model.nnm.json of a finished run, or train again' });
  }
  let members: Sequential[];
  try {
    members = obj.weights.members.map((w) => Sequential.fromSpec(obj.architecture, base64ToFloats(w)));
  } catch (e) {
    if (e instanceof RangeError) throw new UserError({ file, message: `does not hold a valid network (${e.message})`, hint: 'train again' });
    throw e;
  }
  if (members.length === 0) throw new UserError({ file, message: 'holds no network weights', hint: 'train again' });
  return { file: obj, members };
}

export function readModelFile<P>(path: string): { file: ModelFile<P>; members: Sequential[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError({ file: path, message: 'model file not found', hint: 'give the model.nnm.json inside a run folder (runs/...)' });
  }
  return decodeModelFile<P>(text, path);
}

export function sha256(s: string | Buffer): string {
  return createHash('sha256').update(s).digest('hex');
}
