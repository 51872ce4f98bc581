// The cluster job (--task cluster / 聚类, model som): load -> inputs (standardised numbers, one-hot
// categories; an optional --target is a reference label, left out of the inputs and used only for the
// adjusted Rand index) -> a self-organising map (~5·√n units) -> k-means on the unit weights (units
// weighted by their hits; k from --clusters or the best silhouette of the rows in 2..8) -> every row
// gets its best-matching unit's cluster. Beside it, k-means++ on the rows themselves as a baseline.

import { readFileSync } from 'node:fs';
import type { TrainSpec } from '../../config/options.js';
import { refuseTestFile } from '../../config/test-file.js';
import { nnmVersion } from '../../config/version.js';
import { findColumn, inferSchema, isMissing } from '../../data/schema.js';
import { defaultFeatures, fitFeatures, transformX } from '../../data/tabular.js';
import { assignNearest, kmeans } from '../../engine/kmeans.js';
import { Rng } from '../../engine/rng.js';
import { mapRows, trainSom } from '../../engine/som.js';
import { UserError } from '../../errors.js';
import {
  adjustedRandIndex,
  daviesBouldinScore,
  silhouetteSamples,
  silhouetteScore,
  uMatrix,
} from '../../metrics/clustering.js';
import { pca2 } from '../../metrics/projection.js';
import { sha256 } from '../../models/model-file.js';
import { type ClusterPipeline, encodeSomModel } from '../../models/som-file.js';
import { toCsv } from '../../report/csv.js';
import type { ClusterData, MetricsJson, PreprocessStep, RunOutput } from '../../report/types.js';
import type { JobContext } from '../context.js';
import { labelCodes, SILHOUETTE_ROWS, sampleRows } from './apply.js';
import { resolvedConfig } from '../outputs.js';

const K_RANGE = [2, 8] as const;

export function runClusterJob(spec: TrainSpec, ctx: JobContext): RunOutput {
  refuseTestFile(spec, 'cluster');
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
  const d = pipeline.inputSize;
  const x = transformX(pipeline, table, all);

  const rng = new Rng(spec.seed);
  const side = Math.max(2, Math.round(Math.sqrt(5 * Math.sqrt(n))));
  const U = side * side;
  const steps = Math.min(Math.max(500 * U, 20 * n), 200_000);
  const t0 = performance.now();
  const w = trainSom(x, n, d, { rows: side, cols: side, steps }, rng.fork());
  const seconds = (performance.now() - t0) / 1000;
  const { bmu, quantizationError, topographicError } = mapRows(w, side, side, x, n, d);
  const hits = new Float64Array(U);
  for (const u of bmu) hits[u]++;
  const active = Int32Array.from({ length: U }, (_, j) => j).filter((j) => hits[j] > 0);
  const activeW = new Float32Array(active.length * d);
  active.forEach((j, a) => activeW.set(w.subarray(j * d, (j + 1) * d), a * d));
  const activeHits = Float64Array.from(active, (j) => hits[j]);

  const sample = sampleRows(n, SILHOUETTE_ROWS, rng.fork());
  const xs = new Float32Array(sample.length * d);
  sample.forEach((r, i) => xs.set(x.subarray(r * d, (r + 1) * d), i * d));
  const clusterUnits = (k: number): Int32Array => {
    const km = kmeans(activeW, active.length, d, k, rng.fork(), activeHits);
    return assignNearest(w, U, d, km.centroids, k);
  };
  const maxK = Math.min(K_RANGE[1], active.length - 1);
  if (spec.clusters !== undefined && spec.clusters > active.length) {
    throw new UserError({
      message: `--clusters ${spec.clusters} is more than the ${active.length} map units that hold rows`,
      hint: `use --clusters ${Math.max(2, maxK)} or fewer`,
    });
  }
  const selection: { k: number; silhouette: number }[] = [];
  let unitCluster: Int32Array;
  let k = spec.clusters ?? 0;
  if (spec.clusters !== undefined) unitCluster = clusterUnits(spec.clusters);
  else {
    if (maxK < 2)
      throw new UserError({
        file: table.file,
        message: 'the rows fall on fewer than 3 map units; there is nothing to cluster',
        hint: 'check that the inputs vary',
      });
    let best: { k: number; s: number; units: Int32Array } | undefined;
    for (let k = K_RANGE[0]; k <= maxK; k++) {
      const units = clusterUnits(k);
      const s = silhouetteScore(
        xs,
        sample.length,
        d,
        Int32Array.from(sample, (r) => units[bmu[r]]),
      );
      selection.push({ k, silhouette: s });
      if (!best || s > best.s + 1e-12) best = { k, s, units };
    }
    unitCluster = best!.units;
    k = best!.k;
    ctx.note(
      `clusters: k = ${best!.k}, the best silhouette (${best!.s.toFixed(3)}) for k in ${K_RANGE[0]}..${maxK} (set --clusters to choose)`,
    );
  }
  const rawRow = Int32Array.from(bmu, (u) => unitCluster[u]);
  const order = sizeOrder(rawRow, k);
  const units = Array.from(unitCluster, (c) => order[c] + 1);
  const cluster = Int32Array.from(bmu, (u) => units[u]);
  const kSizes = Array.from({ length: k }, (_, c) => cluster.filter((v) => v === c + 1).length);

  const km = kmeans(x, n, d, k, rng.fork());
  const ref =
    refIndex >= 0
      ? Array.from(all, (r) => (isMissing(table.columns[refIndex][r]) ? '' : table.columns[refIndex][r]))
      : undefined;
  const score = (labels: Int32Array): Record<string, number> => ({
    silhouette: silhouetteScore(
      xs,
      sample.length,
      d,
      Int32Array.from(sample, (r) => labels[r]),
    ),
    davies_bouldin: daviesBouldinScore(x, n, d, labels),
    ...(ref ? { ari: adjustedRandIndex(labels, labelCodes(ref)) } : {}),
  });
  const test = {
    clusters: k,
    ...score(cluster),
    sizes: kSizes,
    quantization_error: quantizationError,
    topographic_error: topographicError,
  };
  const baselines = {
    kmeans: {
      clusters: k,
      ...score(km.labels),
      sizes: Array.from({ length: k }, (_, c) => km.labels.filter((v) => v === c).length),
    },
  };
  const means = clusterMeans(x, n, d, cluster, k, pipeline);
  const metrics: MetricsJson = {
    task: 'cluster',
    model: 'som',
    data: {
      file: spec.data,
      rows: n,
      train_rows: n,
      test_rows: n,
      features: features.length,
      inputs: d,
      map: `${side}x${side}`,
      units: U,
      active_units: active.length,
      ...(ref ? { reference: table.names[refIndex] } : {}),
    },
    test,
    baselines,
    train: {
      epochs: Math.round((steps / n) * 10) / 10,
      seconds: Math.round(seconds * 1000) / 1000,
      best_epoch: 0,
      samples_per_second: seconds > 0 ? Math.round(steps / seconds) : 0,
      stopped_early: false,
    },
    k_selection: selection,
    cluster_means: means,
  };
  const figureData = clusterData({ w, side, d, bmu, hits, units, x, sample, cluster, k });
  const idCol = schema.columns.find((c) => c.type === 'id');
  const predictions = toCsv(
    [
      idCol ? idCol.name : 'row',
      'cluster',
      'som_row',
      'som_col',
      'kmeans_cluster',
      ...(ref ? [table.names[refIndex]] : []),
    ],
    Array.from(all, (r) => [
      idCol ? table.columns[idCol.index][r] : r + 1,
      cluster[r],
      Math.floor(bmu[r] / side) + 1,
      (bmu[r] % side) + 1,
      km.labels[r] + 1,
      ...(ref ? [ref[r]] : []),
    ]),
  );
  const featureSet = new Set(featureIdx);
  const summary = {
    task: 'cluster' as const,
    model: 'som',
    command: ctx.command,
    seed: spec.seed,
    nnmVersion: nnmVersion(),
    audit: {
      file: spec.data,
      sha256: sha256(readFileSync(spec.data)),
      encoding: table.encoding,
      delimiter: table.delimiter,
      rows: n,
      columns: schema.columns.map((c) => ({
        name: c.name,
        type: c.type,
        missing: c.missing,
        unique: c.unique,
        role:
          c.index === refIndex
            ? ('target' as const)
            : featureSet.has(c.index)
              ? ('input' as const)
              : ('unused' as const),
      })),
      imputed,
      notes,
    },
    target: refIndex >= 0 ? table.names[refIndex] : '(none)',
    split: `all ${n} rows (unsupervised)`,
    layers: [],
    paramCount: U * d,
    hyper: {
      map: `${side}x${side}`,
      units: U,
      steps,
      lr: '0.5 -> 0.01 (linear)',
      sigma: `${Math.max(1, side / 2)} -> 0.5 (exponential)`,
      clusters: k,
      k_choice: spec.clusters !== undefined ? '--clusters' : 'best silhouette',
    },
    history: [],
    metrics,
    notes,
    preprocessing: features.map((f): PreprocessStep =>
      f.kind === 'numeric'
        ? {
            kind: 'numeric',
            column: f.column,
            fill: f.fill,
            mean: f.mean,
            std: f.std,
            missing: schema.columns.find((c) => c.name === f.column)?.missing ?? 0,
          }
        : {
            kind: 'onehot',
            column: f.column,
            levels: f.levels.length,
            fill: f.fill,
            missing: schema.columns.find((c) => c.name === f.column)?.missing ?? 0,
          },
    ),
    cluster: figureData,
  };
  const config = resolvedConfig(spec, { task: 'cluster', model: 'som', clusters: k });
  return {
    summary,
    config,
    files: {
      'model.nnm.json': encodeSomModel(
        { rows: side, cols: side, weights: w, unitCluster: units, pipeline, seed: spec.seed },
        nnmVersion(),
      ),
      'predictions.csv': predictions,
    },
  };
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

/** Per-cluster mean of every input in original units (one-hot inputs: the share of rows at that level). */
function clusterMeans(
  x: Float32Array,
  n: number,
  d: number,
  cluster: Int32Array,
  k: number,
  p: ClusterPipeline,
): { cluster: number; size: number; means: Record<string, number> }[] {
  const scale: { mean: number; std: number }[] = [];
  for (const f of p.features) {
    if (f.kind === 'numeric') scale.push({ mean: f.mean, std: f.std });
    else for (let l = 0; l < f.levels.length; l++) scale.push({ mean: 0, std: 1 });
  }
  return Array.from({ length: k }, (_, c) => {
    const sum = new Float64Array(d);
    let size = 0;
    for (let i = 0; i < n; i++) {
      if (cluster[i] !== c + 1) continue;
      size++;
      for (let j = 0; j < d; j++) sum[j] += x[i * d + j] * scale[j].std + scale[j].mean;
    }
    return {
      cluster: c + 1,
      size,
      means: Object.fromEntries(p.inputNames.map((name, j) => [name, size ? sum[j] / size : NaN])),
    };
  });
}

/** What the cluster figures draw: the map (U-matrix, unit clusters, hits), a 2-D projection of the
 *  sampled rows, and per-cluster sizes and mean silhouettes. */
function clusterData(a: {
  w: Float32Array;
  side: number;
  d: number;
  bmu: Int32Array;
  hits: Float64Array;
  units: number[];
  x: Float32Array;
  sample: Int32Array;
  cluster: Int32Array;
  k: number;
}): ClusterData {
  const { d, sample, k } = a;
  const xs = new Float32Array(sample.length * d);
  sample.forEach((r, i) => xs.set(a.x.subarray(r * d, (r + 1) * d), i * d));
  const labels = Int32Array.from(sample, (r) => a.cluster[r]);
  const sil = silhouetteSamples(xs, sample.length, d, labels);
  const silSum = new Float64Array(k);
  const silCount = new Int32Array(k);
  labels.forEach((c, i) => {
    silSum[c - 1] += sil[i];
    silCount[c - 1]++;
  });
  const p = pca2(xs, sample.length, d);
  const round = (v: number): number => Number(v.toPrecision(5));
  return {
    rows: a.side,
    cols: a.side,
    umatrix: Array.from(uMatrix(a.w, a.side, a.side, d), round),
    unitCluster: a.units.map((c, u) => (a.hits[u] > 0 ? c : 0)),
    hits: Array.from(a.hits),
    projection: {
      x: Array.from(p.x, round),
      y: Array.from(p.y, round),
      cluster: Array.from(labels),
      explained: [round(p.explained[0]), round(p.explained[1])],
    },
    sizes: Array.from({ length: k }, (_, c) => a.cluster.filter((v) => v === c + 1).length),
    silhouette: Array.from({ length: k }, (_, c) => (silCount[c] ? round(silSum[c] / silCount[c]) : 0)),
  };
}
