// model.nnm.json for the cluster task: the same envelope as network models (format, format_version,
// nnm_version, task, model, pipeline, checksum) with `som` (grid and weights) and `unit_cluster`
// (cluster 1..k of every map unit) instead of architecture and weights. `assignClusters` replays the
// preprocessing on new rows and maps each to its best-matching unit's cluster (for `nnm predict`).

import { readFileSync } from 'node:fs';
import type { RawTable } from '../data/load.js';
import { type FeatureStep, transformX } from '../data/tabular.js';
import { base64ToFloats, floatsToBase64 } from '../engine/serialize.js';
import { mapRows } from '../engine/som.js';
import { UserError } from '../errors.js';
import { FORMAT, FORMAT_VERSION, sha256 } from './model-file.js';

export interface ClusterPipeline {
  kind: 'cluster';
  features: FeatureStep[];
  inputSize: number;
  inputNames: string[];
}

export interface SomModel {
  rows: number;
  cols: number;
  weights: Float32Array;
  /** Cluster (1..k) of every unit. */
  unitCluster: number[];
  pipeline: ClusterPipeline;
  /** The --seed of the run (absent in older files). */
  seed?: number;
  /** Read back from a file: the versions that wrote it. */
  nnmVersion?: string;
  formatVersion?: string;
}

interface SomFileBody {
  format: typeof FORMAT;
  format_version: string;
  nnm_version: string;
  task: 'cluster';
  model: 'som';
  pipeline: ClusterPipeline;
  som: { rows: number; cols: number; dim: number; dtype: 'float32'; byte_order: 'little'; weights: string };
  unit_cluster: number[];
  seed?: number;
}

export function encodeSomModel(m: SomModel, nnmVersion: string): string {
  const body: SomFileBody = {
    format: FORMAT,
    format_version: FORMAT_VERSION,
    nnm_version: nnmVersion,
    task: 'cluster',
    model: 'som',
    pipeline: m.pipeline,
    som: { rows: m.rows, cols: m.cols, dim: m.pipeline.inputSize, dtype: 'float32', byte_order: 'little', weights: floatsToBase64(m.weights) },
    unit_cluster: m.unitCluster,
    ...(m.seed !== undefined ? { seed: m.seed } : {}),
  };
  return `${JSON.stringify({ ...body, checksum: `sha256:${sha256(JSON.stringify(body))}` })}\n`;
}

export function decodeSomModel(text: string, file: string): SomModel {
  let obj: SomFileBody & { checksum?: string };
  try {
    obj = JSON.parse(text) as SomFileBody & { checksum?: string };
  } catch {
    throw new UserError({ file, message: 'is not a complete nnm model file (the JSON is cut off or damaged)', hint: 'use the model.nnm.json of a finished run, or train again' });
  }
  if (obj?.format !== FORMAT || obj.model !== 'som') throw new UserError({ file, message: 'is not an nnm SOM cluster model', hint: 'give the model.nnm.json of a --task cluster run' });
  const { checksum, ...body } = obj;
  if (checksum !== `sha256:${sha256(JSON.stringify(body))}`) {
    throw new UserError({ file, message: 'failed its checksum: the file was changed or damaged after training', hint: 'restore it from the run folder or train again' });
  }
  const weights = base64ToFloats(obj.som.weights);
  if (weights.length !== obj.som.rows * obj.som.cols * obj.som.dim || obj.unit_cluster.length !== obj.som.rows * obj.som.cols) {
    throw new UserError({ file, message: 'holds SOM weights of the wrong size', hint: 'train again' });
  }
  return {
    rows: obj.som.rows, cols: obj.som.cols, weights, unitCluster: obj.unit_cluster, pipeline: obj.pipeline,
    ...(typeof obj.seed === 'number' ? { seed: obj.seed } : {}), nnmVersion: String(obj.nnm_version), formatVersion: String(obj.format_version),
  };
}

export function readSomModel(path: string): SomModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError({ file: path, message: 'model file not found', hint: 'give the model.nnm.json inside a run folder (runs/...)' });
  }
  return decodeSomModel(text, path);
}

/** Cluster (1..k) and best-matching unit of each given row of t, through the saved preprocessing. */
export function assignClusters(m: SomModel, t: RawTable, rows: Int32Array = Int32Array.from({ length: t.nRows }, (_, i) => i)): { cluster: Int32Array; unit: Int32Array } {
  const x = transformX(m.pipeline, t, rows);
  const { bmu } = mapRows(m.weights, m.rows, m.cols, x, rows.length, m.pipeline.inputSize);
  return { cluster: Int32Array.from(bmu, (u) => m.unitCluster[u]), unit: bmu };
}
