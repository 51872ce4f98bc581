// What the cluster job's steps hand one another: the inputs as a matrix, the trained map, the row
// sample the silhouettes are scored on, the clustering, and the whole run for the output step.

import type { TrainSpec } from '../../config/options.js';
import type { RawTable } from '../../data/load.js';
import type { Schema } from '../../data/schema.js';
import type { ImputationNote } from '../../data/tabular.js';
import type { ClusterPipeline } from '../../models/som-file.js';
import type { JobContext } from '../context.js';

export interface ClusterInputs {
  table: RawTable;
  schema: Schema;
  /** Column of the reference label (--target), or -1. */
  refIndex: number;
  featureIdx: number[];
  notes: string[];
  imputed: ImputationNote[];
  pipeline: ClusterPipeline;
  /** All rows (0..n-1), standardised and one-hot: n × d. */
  all: Int32Array;
  n: number;
  d: number;
  x: Float32Array;
}

export interface SomFit {
  /** Unit weights, side × side units (row-major) × d. */
  w: Float32Array;
  side: number;
  U: number;
  steps: number;
  seconds: number;
  bmu: Int32Array;
  quantizationError: number;
  topographicError: number;
  /** Rows mapped to each unit; the units that hold rows, their weights and hits. */
  hits: Float64Array;
  active: Int32Array;
  activeW: Float32Array;
  activeHits: Float64Array;
}

/** A seeded sample of the rows (at most SILHOUETTE_ROWS) and its input rows. */
export interface RowSample {
  rows: Int32Array;
  xs: Float32Array;
}

export interface Clustering {
  k: number;
  /** The silhouette of every k tried (empty when --clusters chose k). */
  selection: { k: number; silhouette: number }[];
  /** Per unit and per row: the cluster 1..k, cluster 1 the largest. */
  units: number[];
  cluster: Int32Array;
  sizes: number[];
}

export interface ClusterRun {
  spec: TrainSpec;
  ctx: JobContext;
  inputs: ClusterInputs;
  som: SomFit;
  sample: RowSample;
  clustering: Clustering;
  /** The k-means++ baseline on the rows themselves (0-based labels). */
  kmeansLabels: Int32Array;
}
