// The cluster job (--task cluster / 聚类, model som): load -> inputs (standardised numbers, one-hot
// categories; an optional --target is a reference label, left out of the inputs and used only for the
// adjusted Rand index) -> a self-organising map (~5·√n units) -> k-means on the unit weights (units
// weighted by their hits; k from --clusters or the best silhouette of the rows in 2..8) -> every row
// gets its best-matching unit's cluster. Beside it, k-means++ on the rows themselves as a baseline.

import type { TrainSpec } from '../../config/options.js';
import { refuseTestFile } from '../../config/test-file.js';
import { findColumn, inferSchema } from '../../data/schema.js';
import { defaultFeatures, fitFeatures, transformX } from '../../data/tabular.js';
import { assignNearest, kmeans } from '../../engine/kmeans.js';
import { Rng } from '../../engine/rng.js';
import { mapRows, trainSom } from '../../engine/som.js';
import { UserError } from '../../errors.js';
import { silhouetteScore } from '../../metrics/clustering.js';
import type { ClusterPipeline } from '../../models/som-file.js';
import type { RunOutput } from '../../report/types.js';
import type { JobContext } from '../context.js';
import { SILHOUETTE_ROWS, sampleRows } from './apply.js';
import { clusterRunOutput } from './train-output.js';
import type { ClusterInputs, Clustering, RowSample, SomFit } from './types.js';

const K_RANGE = [2, 8] as const;

export function runClusterJob(spec: TrainSpec, ctx: JobContext): RunOutput {
  refuseTestFile(spec, 'cluster');
  const inputs = readInputs(spec, ctx);
  // NOTE: the run's stream is forked in this order: map, row sample, unit k-means (one per k tried), baseline.
  const rng = new Rng(spec.seed);
  const som = fitMap(inputs, rng.fork());
  const sample = sampleOf(inputs, rng.fork());
  const clustering = clusterUnits(spec, ctx, inputs, som, sample, rng);
  const kmeansLabels = kmeans(inputs.x, inputs.n, inputs.d, clustering.k, rng.fork()).labels;
  return clusterRunOutput({ spec, ctx, inputs, som, sample, clustering, kmeansLabels });
}

/** The table, its input columns (all usable ones but --target, or --features) and the input matrix. */
function readInputs(spec: TrainSpec, ctx: JobContext): ClusterInputs {
  const table = ctx.readTable(spec.data);
  for (const n of table.notes) ctx.note(n);
  const schema = inferSchema(table);
  const refIndex = spec.target !== undefined ? findColumn(table, spec.target, '--target') : -1;
  const notes: string[] = [...table.notes];
  const featureIdx = spec.features
    ? spec.features.map((f) => findColumn(table, f, '--features'))
    : defaultFeatures(schema, refIndex, notes);
  if (featureIdx.length === 0)
    throw new UserError({
      file: table.file,
      message: 'has no usable input columns',
      hint: 'name inputs with --features',
    });
  for (const msg of notes.slice(table.notes.length)) ctx.note(msg);
  const n = table.nRows;
  if (n < 10)
    throw new UserError({
      file: table.file,
      message: `has ${n} rows, too few to cluster`,
      hint: 'give at least 10 rows',
    });
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const { features, inputNames, imputed } = fitFeatures(table, schema, featureIdx, all);
  const pipeline: ClusterPipeline = { kind: 'cluster', features, inputSize: inputNames.length, inputNames };
  const x = transformX(pipeline, table, all);
  return { table, schema, refIndex, featureIdx, notes, imputed, pipeline, all, n, d: pipeline.inputSize, x };
}

/** A side × side map (side ≈ √(5·√n)) trained for 500 steps per unit (20 per row, at most 200k). */
function fitMap(inputs: ClusterInputs, rng: Rng): SomFit {
  const { x, n, d } = inputs;
  const side = Math.max(2, Math.round(Math.sqrt(5 * Math.sqrt(n))));
  const U = side * side;
  const steps = Math.min(Math.max(500 * U, 20 * n), 200_000);
  const t0 = performance.now();
  const w = trainSom(x, n, d, { rows: side, cols: side, steps }, rng);
  const seconds = (performance.now() - t0) / 1000;
  const { bmu, quantizationError, topographicError } = mapRows(w, side, side, x, n, d);
  const hits = new Float64Array(U);
  for (const u of bmu) hits[u]++;
  const active = Int32Array.from({ length: U }, (_, j) => j).filter((j) => hits[j] > 0);
  const activeW = new Float32Array(active.length * d);
  active.forEach((j, a) => activeW.set(w.subarray(j * d, (j + 1) * d), a * d));
  const activeHits = Float64Array.from(active, (j) => hits[j]);
  return { w, side, U, steps, seconds, bmu, quantizationError, topographicError, hits, active, activeW, activeHits };
}

function sampleOf(inputs: ClusterInputs, rng: Rng): RowSample {
  const { x, n, d } = inputs;
  const rows = sampleRows(n, SILHOUETTE_ROWS, rng);
  const xs = new Float32Array(rows.length * d);
  rows.forEach((r, i) => xs.set(x.subarray(r * d, (r + 1) * d), i * d));
  return { rows, xs };
}

/** k-means on the hit-weighted units for --clusters k, or for each k in K_RANGE keeping the best silhouette. */
function clusterUnits(
  spec: TrainSpec,
  ctx: JobContext,
  inputs: ClusterInputs,
  som: SomFit,
  sample: RowSample,
  rng: Rng,
): Clustering {
  const { d } = inputs;
  const { active } = som;
  const unitsFor = (k: number): Int32Array => {
    const km = kmeans(som.activeW, active.length, d, k, rng.fork(), som.activeHits);
    return assignNearest(som.w, som.U, d, km.centroids, k);
  };
  const maxK = Math.min(K_RANGE[1], active.length - 1);
  if (spec.clusters !== undefined && spec.clusters > active.length) {
    throw new UserError({
      message: `--clusters ${spec.clusters} is more than the ${active.length} map units that hold rows`,
      hint: `use --clusters ${Math.max(2, maxK)} or fewer`,
    });
  }
  if (spec.clusters !== undefined) return numberBySize(som.bmu, unitsFor(spec.clusters), spec.clusters, []);
  if (maxK < 2)
    throw new UserError({
      file: inputs.table.file,
      message: 'the rows fall on fewer than 3 map units; there is nothing to cluster',
      hint: 'check that the inputs vary',
    });
  const selection: { k: number; silhouette: number }[] = [];
  let best: { k: number; s: number; units: Int32Array } | undefined;
  for (let k = K_RANGE[0]; k <= maxK; k++) {
    const units = unitsFor(k);
    const s = silhouetteScore(
      sample.xs,
      sample.rows.length,
      d,
      Int32Array.from(sample.rows, (r) => units[som.bmu[r]]),
    );
    selection.push({ k, silhouette: s });
    if (!best || s > best.s + 1e-12) best = { k, s, units };
  }
  ctx.note(
    `clusters: k = ${best!.k}, the best silhouette (${best!.s.toFixed(3)}) for k in ${K_RANGE[0]}..${maxK} (set --clusters to choose)`,
  );
  return numberBySize(som.bmu, best!.units, best!.k, selection);
}

/** Units' clusters renumbered 1..k by size (of the rows they hold), and every row's cluster. */
function numberBySize(
  bmu: Int32Array,
  unitCluster: Int32Array,
  k: number,
  selection: Clustering['selection'],
): Clustering {
  const rawRow = Int32Array.from(bmu, (u) => unitCluster[u]);
  const order = sizeOrder(rawRow, k);
  const units = Array.from(unitCluster, (c) => order[c] + 1);
  const cluster = Int32Array.from(bmu, (u) => units[u]);
  const sizes = Array.from({ length: k }, (_, c) => cluster.filter((v) => v === c + 1).length);
  return { k, selection, units, cluster, sizes };
}

/** old label -> new index, so that cluster 1 is the largest (ties: the smaller old label). */
function sizeOrder(rowLabels: Int32Array, k: number): Int32Array {
  const count = new Int32Array(k);
  for (const l of rowLabels) count[l]++;
  const sorted = Array.from({ length: k }, (_, i) => i).sort((a, b) => count[b] - count[a] || a - b);
  const out = new Int32Array(k);
  sorted.forEach((l, i) => (out[l] = i));
  return out;
}
