// model.nnm.json: everything `nnm predict` needs, versioned and checksummed.
// { format: "nnm-model", format_version: "MAJOR.MINOR", nnm_version, task, model, pipeline,
//   architecture (layer configs), weights: { dtype, byte_order, manifest, members: [base64, ...] }, checksum }
// `members` holds one weight vector per network of the ensemble (one for a single network); predict
// averages their outputs.
// checksum = sha256 over the canonical JSON of every other field. Loading refuses a newer major
// format, a checksum mismatch, a truncated file, and an architecture or sizes that do not add up,
// with one clear line and before any network is built (model-check.ts).

import { createHash } from 'node:crypto';
import type { ManifestEntry, ModelSpec } from '../engine/model.js';
import { Sequential } from '../engine/model.js';
import { base64FloatCount, base64ToFloats, floatsToBase64 } from '../engine/serialize.js';
import { UserError } from '../errors.js';
import { checkArchitecture, checkFormatVersion, parseModelJson, readModelText } from './model-check.js';

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

export function encodeModelFile<P>(
  members: Sequential[],
  meta: { nnmVersion: string; task: string; model: string; pipeline: P; seed?: number },
): string {
  const body: ModelFile<P> = {
    format: FORMAT,
    format_version: FORMAT_VERSION,
    nnm_version: meta.nnmVersion,
    task: meta.task,
    model: meta.model,
    pipeline: meta.pipeline,
    architecture: members[0].toSpec(),
    weights: {
      dtype: 'float32',
      byte_order: 'little',
      manifest: members[0].manifest,
      members: members.map((m) => floatsToBase64(m.params)),
    },
    ...(meta.seed !== undefined ? { seed: meta.seed } : {}),
  };
  const checksum = `sha256:${sha256(JSON.stringify(body))}`;
  return `${JSON.stringify({ ...body, checksum })}\n`;
}

export function decodeModelFile<P>(text: string, file: string): { file: ModelFile<P>; members: Sequential[] } {
  return decodeModelObject<P>(parseModelJson(text, file), file);
}

/** The same checks and networks from an already parsed model file (loadModel parses a file once). */
export function decodeModelObject<P>(parsed: unknown, file: string): { file: ModelFile<P>; members: Sequential[] } {
  const obj = parsed as ModelFile<P>;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj) || obj.format !== FORMAT)
    throw new UserError({
      file,
      message: 'is not an nnm model file',
      hint: 'give the model.nnm.json from a run folder',
    });
  checkFormatVersion(obj.format_version, FORMAT_VERSION, file);
  const { checksum, ...body } = obj;
  if (checksum !== `sha256:${sha256(JSON.stringify(body))}`) {
    throw new UserError({
      file,
      message: 'failed its checksum: the file was changed or damaged after training',
      hint: 'restore it from the run folder or train again',
    });
  }
  const w = obj.weights as Partial<ModelFile['weights']> | undefined;
  if (!w || !Array.isArray(w.members) || w.members.length === 0 || w.members.some((m) => typeof m !== 'string')) {
    throw new UserError({
      file,
      message: 'does not hold the weights of a network',
      hint: 'use the model.nnm.json of a finished run, or train again',
    });
  }
  const counts = w.members.map((m) => floatCount(m, file));
  const spec = checkArchitecture(obj.architecture, counts[0], file);
  if (counts.some((n) => n !== counts[0]))
    throw new UserError({ file, message: 'holds ensemble members of different sizes', hint: 'train again' });
  let members: Sequential[];
  try {
    members = w.members.map((m) => Sequential.fromSpec(spec, base64ToFloats(m)));
  } catch (e) {
    if (e instanceof RangeError)
      throw new UserError({ file, message: `does not hold a valid network (${e.message})`, hint: 'train again' });
    throw e;
  }
  return { file: obj, members };
}

/** The number of floats in a base64 weight string, without decoding it. */
export function floatCount(s: string, file: string): number {
  try {
    return base64FloatCount(s);
  } catch (e) {
    if (e instanceof RangeError)
      throw new UserError({
        file,
        message: `holds damaged weights (${e.message})`,
        hint: 'restore it from the run folder or train again',
      });
    throw e;
  }
}

export function readModelFile<P>(path: string): { file: ModelFile<P>; members: Sequential[] } {
  return decodeModelFile<P>(readModelText(path), path);
}

export function sha256(s: string | Buffer): string {
  return createHash('sha256').update(s).digest('hex');
}
