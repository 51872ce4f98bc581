// Apply a SOM cluster model to new rows (each row takes the cluster of its best-matching unit), and
// evaluate it: silhouette and Davies–Bouldin of those assignments in the model's standardised input
// space, plus the adjusted Rand index against a reference label column when --target names one.

import type { RawTable } from '../../data/load.js';
import { findColumn, isMissing, looksLikeIdName } from '../../data/schema.js';
import { mapColumns, transformX } from '../../data/tabular.js';
import { Rng } from '../../engine/rng.js';
import { UserError } from '../../errors.js';
import { adjustedRandIndex, daviesBouldinScore, silhouetteScore } from '../../metrics/clustering.js';
import { assignClusters } from '../../models/som-file.js';
import type { ApplyOptions, Evaluation, LoadedModelOf, Predictions } from '../model.js';

type Model = LoadedModelOf<'cluster'>;

/** NOTE: silhouette is O(n²); evaluation scores a seeded sample of at most this many rows (as training does). */
export const SILHOUETTE_ROWS = 2000;

export function applyCluster(m: Model, t: RawTable): Predictions {
  mapColumns(m.som.pipeline, t);
  const { cluster } = assignClusters(m.som, t);
  const idIndex = t.names.findIndex((n) => looksLikeIdName(n));
  const k = m.som.unitCluster.reduce((a, b) => Math.max(a, b), 0);
  return {
    task: 'cluster',
    idHeader: idIndex >= 0 ? t.names[idIndex] : 'row',
    ids: Array.from({ length: t.nRows }, (_, r) => (idIndex >= 0 ? t.columns[idIndex][r] : r + 1)),
    predicted: Array.from(cluster),
    notes: [`assigned ${t.nRows} row(s) to the ${k} clusters of the map`],
  };
}

/** Up to m distinct rows, seeded, in ascending order (all rows when n ≤ m). */
export function sampleRows(n: number, m: number, rng: Rng): Int32Array {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  if (n <= m) return idx;
  return rng.shuffle(idx).slice(0, m).sort();
}

/** Integer codes of string labels, in order of first appearance. */
export function labelCodes(labels: string[]): Int32Array {
  const map = new Map<string, number>();
  return Int32Array.from(labels, (l) => {
    if (!map.has(l)) map.set(l, map.size);
    return map.get(l)!;
  });
}

export function evaluateCluster(m: Model, t: RawTable, o: ApplyOptions): Evaluation {
  const pr = applyCluster(m, t);
  const n = t.nRows;
  if (n < 3)
    throw new UserError({
      file: t.file,
      message: `has ${n} row(s); cluster quality needs at least 3`,
      hint: 'give more rows',
    });
  const d = m.som.pipeline.inputSize;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const x = transformX(m.som.pipeline, t, all);
  const labels = Int32Array.from(pr.predicted, Number);
  const used = new Set(labels).size;
  const notes = [...pr.notes];
  const sample = sampleRows(n, SILHOUETTE_ROWS, new Rng(m.seed));
  if (sample.length < n) notes.push(`silhouette computed on a seeded sample of ${sample.length} of the ${n} rows`);
  const xs = new Float32Array(sample.length * d);
  sample.forEach((r, i) => xs.set(x.subarray(r * d, (r + 1) * d), i * d));
  const test: Record<string, unknown> = {
    clusters: used,
    silhouette:
      used > 1
        ? silhouetteScore(
            xs,
            sample.length,
            d,
            Int32Array.from(sample, (r) => labels[r]),
          )
        : null,
    davies_bouldin: used > 1 ? daviesBouldinScore(x, n, d, labels) : null,
  };
  if (used < 2) notes.push('warning: every row falls in one cluster, so silhouette and Davies-Bouldin are undefined');
  if (o.target !== undefined) {
    const ref = findColumn(t, o.target, '--target');
    const keep = Array.from(all).filter((r) => !isMissing(t.columns[ref][r]));
    if (keep.length < n)
      notes.push(
        `${n - keep.length} row(s) have no "${t.names[ref]}" value and are left out of the adjusted Rand index`,
      );
    test.ari = adjustedRandIndex(
      Int32Array.from(keep, (r) => labels[r]),
      labelCodes(keep.map((r) => t.columns[ref][r])),
    );
    test.reference = t.names[ref];
  }
  return { task: 'cluster', rows: n, evaluatedRows: n, test, notes };
}
