// The cluster job's RunOutput from a finished clustering: scores beside the k-means baseline,
// metrics.json, predictions.csv, the report's summary (data audit, preprocessing, map figures) and files.

import { readFileSync } from 'node:fs';
import { nnmVersion } from '../../config/version.js';
import { isMissing } from '../../data/schema.js';
import { adjustedRandIndex, daviesBouldinScore, silhouetteScore } from '../../metrics/clustering.js';
import { sha256 } from '../../models/model-file.js';
import { encodeSomModel } from '../../models/som-file.js';
import { toCsv } from '../../report/csv.js';
import type { DataAudit, MetricsJson, PreprocessStep, RunOutput, RunSummary } from '../../report/types.js';
import { resolvedConfig } from '../outputs.js';
import { labelCodes } from './apply.js';
import { clusterData, clusterMeans } from './cluster-data.js';
import type { ClusterInputs, ClusterRun } from './types.js';

export function clusterRunOutput(run: ClusterRun): RunOutput {
  const { spec, inputs, som, clustering } = run;
  const { table, refIndex } = inputs;
  const ref =
    refIndex >= 0
      ? Array.from(inputs.all, (r) => (isMissing(table.columns[refIndex][r]) ? '' : table.columns[refIndex][r]))
      : undefined;
  const metrics = clusterMetrics(run, ref);
  const config = resolvedConfig(spec, { task: 'cluster', model: 'som', clusters: clustering.k });
  return {
    summary: clusterSummary(run, metrics),
    config,
    files: {
      'model.nnm.json': encodeSomModel(
        {
          rows: som.side,
          cols: som.side,
          weights: som.w,
          unitCluster: clustering.units,
          pipeline: inputs.pipeline,
          seed: spec.seed,
        },
        nnmVersion(),
      ),
      'predictions.csv': predictionsCsv(run, ref),
    },
  };
}

/** Silhouette (on the row sample), Davies-Bouldin and, with a reference label, the adjusted Rand index. */
function scores(run: ClusterRun, ref: string[] | undefined, labels: Int32Array): Record<string, number> {
  const { x, n, d } = run.inputs;
  const { rows, xs } = run.sample;
  return {
    silhouette: silhouetteScore(
      xs,
      rows.length,
      d,
      Int32Array.from(rows, (r) => labels[r]),
    ),
    davies_bouldin: daviesBouldinScore(x, n, d, labels),
    ...(ref ? { ari: adjustedRandIndex(labels, labelCodes(ref)) } : {}),
  };
}

function clusterMetrics(run: ClusterRun, ref: string[] | undefined): MetricsJson {
  const { spec, inputs, som, clustering, kmeansLabels } = run;
  const { n, d } = inputs;
  const { k } = clustering;
  const test = {
    clusters: k,
    ...scores(run, ref, clustering.cluster),
    sizes: clustering.sizes,
    quantization_error: som.quantizationError,
    topographic_error: som.topographicError,
  };
  const baselines = {
    kmeans: {
      clusters: k,
      ...scores(run, ref, kmeansLabels),
      sizes: Array.from({ length: k }, (_, c) => kmeansLabels.filter((v) => v === c).length),
    },
  };
  const means = clusterMeans(inputs.x, n, d, clustering.cluster, k, inputs.pipeline);
  return {
    task: 'cluster',
    model: 'som',
    data: {
      file: spec.data,
      rows: n,
      train_rows: n,
      test_rows: n,
      features: inputs.pipeline.features.length,
      inputs: d,
      map: `${som.side}x${som.side}`,
      units: som.U,
      active_units: som.active.length,
      ...(ref ? { reference: inputs.table.names[inputs.refIndex] } : {}),
    },
    test,
    baselines,
    train: {
      epochs: Math.round((som.steps / n) * 10) / 10,
      seconds: Math.round(som.seconds * 1000) / 1000,
      best_epoch: 0,
      samples_per_second: som.seconds > 0 ? Math.round(som.steps / som.seconds) : 0,
      stopped_early: false,
    },
    k_selection: clustering.selection,
    cluster_means: means,
  };
}

/** One row per data row: id, cluster, its map unit (1-based row and column), the k-means cluster, the reference. */
function predictionsCsv(run: ClusterRun, ref: string[] | undefined): string {
  const { inputs, som, clustering, kmeansLabels } = run;
  const { table, schema } = inputs;
  const idCol = schema.columns.find((c) => c.type === 'id');
  return toCsv(
    [
      idCol ? idCol.name : 'row',
      'cluster',
      'som_row',
      'som_col',
      'kmeans_cluster',
      ...(ref ? [table.names[inputs.refIndex]] : []),
    ],
    Array.from(inputs.all, (r) => [
      idCol ? table.columns[idCol.index][r] : r + 1,
      clustering.cluster[r],
      Math.floor(som.bmu[r] / som.side) + 1,
      (som.bmu[r] % som.side) + 1,
      kmeansLabels[r] + 1,
      ...(ref ? [ref[r]] : []),
    ]),
  );
}

function clusterSummary(run: ClusterRun, metrics: MetricsJson): RunSummary {
  const { spec, inputs, som, clustering } = run;
  const { n, d, table } = inputs;
  const { side } = som;
  const { k } = clustering;
  return {
    task: 'cluster' as const,
    model: 'som',
    command: run.ctx.command,
    seed: spec.seed,
    nnmVersion: nnmVersion(),
    audit: clusterAudit(spec.data, inputs),
    target: inputs.refIndex >= 0 ? table.names[inputs.refIndex] : '(none)',
    split: `all ${n} rows (unsupervised)`,
    layers: [],
    paramCount: som.U * d,
    hyper: {
      map: `${side}x${side}`,
      units: som.U,
      steps: som.steps,
      lr: '0.5 -> 0.01 (linear)',
      sigma: `${Math.max(1, side / 2)} -> 0.5 (exponential)`,
      clusters: k,
      k_choice: spec.clusters !== undefined ? '--clusters' : 'best silhouette',
    },
    history: [],
    metrics,
    notes: inputs.notes,
    preprocessing: preprocessingOf(inputs),
    cluster: clusterData({
      w: som.w,
      side,
      d,
      bmu: som.bmu,
      hits: som.hits,
      units: clustering.units,
      x: inputs.x,
      sample: run.sample.rows,
      cluster: clustering.cluster,
      k,
    }),
  };
}

function clusterAudit(file: string, inputs: ClusterInputs): DataAudit {
  const { table, schema, refIndex } = inputs;
  const featureSet = new Set(inputs.featureIdx);
  return {
    file,
    sha256: sha256(readFileSync(file)),
    encoding: table.encoding,
    delimiter: table.delimiter,
    rows: inputs.n,
    columns: schema.columns.map((c) => ({
      name: c.name,
      type: c.type,
      missing: c.missing,
      unique: c.unique,
      role:
        c.index === refIndex ? ('target' as const) : featureSet.has(c.index) ? ('input' as const) : ('unused' as const),
    })),
    imputed: inputs.imputed,
    notes: inputs.notes,
  };
}

function preprocessingOf(inputs: ClusterInputs): PreprocessStep[] {
  const missingOf = (column: string): number => inputs.schema.columns.find((c) => c.name === column)?.missing ?? 0;
  return inputs.pipeline.features.map((f): PreprocessStep =>
    f.kind === 'numeric'
      ? { kind: 'numeric', column: f.column, fill: f.fill, mean: f.mean, std: f.std, missing: missingOf(f.column) }
      : { kind: 'onehot', column: f.column, levels: f.levels.length, fill: f.fill, missing: missingOf(f.column) },
  );
}
