// What the cluster report's tables and figures read: per-cluster input means in original units, and
// the map (U-matrix, unit clusters, hits), a 2-D projection of the sampled rows and per-cluster silhouettes.

import { silhouetteSamples, uMatrix } from '../../metrics/clustering.js';
import { pca2 } from '../../metrics/projection.js';
import type { ClusterPipeline } from '../../models/som-file.js';
import type { ClusterData } from '../../report/types.js';

/** Per-cluster mean of every input in original units (one-hot inputs: the share of rows at that level). */
export function clusterMeans(
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
export function clusterData(a: {
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
