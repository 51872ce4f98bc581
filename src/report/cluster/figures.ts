// The cluster report's figures, from the RunSummary's `cluster` data: cluster sizes, the SOM's
// U-matrix with each unit's cluster, the rows on their first two principal components, and the
// mean silhouette per cluster. Greyscale-safe: the projection uses a shape as well as a colour.

import { chartBase, type VlSpec } from '../figures/charts.js';
import type { FigureDef } from '../figures/plan.js';
import type { Messages } from '../i18n/index.js';
import type { ClusterData, RunSummary } from '../types.js';
import { clusterText } from './text.js';

const vl = (id: string, caption: string, spec: VlSpec): FigureDef => ({
  id,
  caption,
  source: { kind: 'vega-lite', spec },
});

function bars(rows: { cluster: string; value: number }[], y: string, x: string, format: string): VlSpec {
  return chartBase({
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8' },
        encoding: {
          x: { field: 'cluster', type: 'ordinal', title: x, sort: null, axis: { labelAngle: 0 } },
          y: { field: 'value', type: 'quantitative', title: y },
        },
      },
      {
        mark: { type: 'text', dy: -6, fontSize: 10 },
        encoding: {
          x: { field: 'cluster', type: 'ordinal', sort: null },
          y: { field: 'value', type: 'quantitative' },
          text: { field: 'value', type: 'quantitative', format },
        },
      },
    ],
  });
}

function umatrixSpec(c: ClusterData, t: { col: string; row: string; umatrix: string }): VlSpec {
  const values = c.umatrix.map((u, i) => ({
    row: Math.floor(i / c.cols) + 1,
    col: (i % c.cols) + 1,
    u,
    label: c.unitCluster[i] ? String(c.unitCluster[i]) : '·',
  }));
  const side = Math.min(440, Math.max(220, 28 * c.cols));
  const enc = {
    x: { field: 'col', type: 'ordinal', title: t.col, axis: { grid: false } },
    y: { field: 'row', type: 'ordinal', title: t.row, axis: { grid: false } },
  };
  return chartBase(
    {
      data: { values },
      encoding: enc,
      layer: [
        {
          mark: 'rect',
          encoding: {
            color: {
              field: 'u',
              type: 'quantitative',
              title: t.umatrix,
              scale: { scheme: 'greys' },
              legend: { orient: 'right' },
            },
          },
        },
        { mark: { type: 'text', fontSize: 10, color: '#d62728' }, encoding: { text: { field: 'label' } } },
      ],
    },
    side,
    side,
  );
}

function projectionSpec(c: ClusterData, t: { pc1: string; pc2: string; cluster: string }): VlSpec {
  const p = c.projection;
  const values = p.x.map((x, i) => ({ x, y: p.y[i], cluster: String(p.cluster[i]) }));
  return chartBase({
    data: { values },
    mark: { type: 'point', filled: true, size: 28, opacity: 0.75 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: t.pc1 },
      y: { field: 'y', type: 'quantitative', title: t.pc2 },
      color: { field: 'cluster', type: 'nominal', title: t.cluster, scale: { scheme: 'category10' } },
      shape: { field: 'cluster', type: 'nominal', title: t.cluster },
    },
  });
}

export function clusterFigures(s: RunSummary, m: Messages): FigureDef[] {
  const c = s.cluster;
  if (!c) return [];
  const T = clusterText(m.lang);
  const a = T.axis;
  const name = (i: number): string => String(i + 1);
  const sampled = c.projection.x.length < s.audit.rows ? c.projection.x.length : 0;
  return [
    vl(
      'cluster_sizes',
      T.fig.sizes,
      bars(
        c.sizes.map((v, i) => ({ cluster: name(i), value: v })),
        a.rows,
        a.cluster,
        'd',
      ),
    ),
    vl('som_umatrix', T.fig.umatrix(`${c.rows}×${c.cols}`), umatrixSpec(c, a)),
    vl(
      'cluster_projection',
      T.fig.projection(c.projection.explained[0], c.projection.explained[1], sampled),
      projectionSpec(c, a),
    ),
    vl(
      'silhouette_per_cluster',
      T.fig.silhouette,
      bars(
        c.silhouette.map((v, i) => ({ cluster: name(i), value: v })),
        a.silhouette,
        a.cluster,
        '.3f',
      ),
    ),
  ];
}
