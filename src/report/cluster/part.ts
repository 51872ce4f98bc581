// The cluster task's report: data and preprocessing, the SOM method, quality beside k-means, the
// choice of k, cluster profiles, the figures and the reproducibility block, in English or Chinese.

import { type Block, type FigureRef, noteBlocks } from '../document.js';
import type { Messages } from '../i18n/index.js';
import type { ReportPart } from '../part.js';
import { fmtNum } from '../report-tables.js';
import type { Table } from '../tables.js';
import type { RunSummary } from '../types.js';
import { clusterFigures } from './figures.js';
import { clusterText } from './text.js';

type Profile = { cluster: number; size: number; means: Record<string, number> };

function num(v: unknown): number {
  return typeof v === 'number' ? v : NaN;
}

export function clusterTables(s: RunSummary, m: Messages): Table[] {
  const T = clusterText(m.lang);
  const t = T.tables;
  const test = s.metrics.test;
  const out: Table[] = [
    {
      id: 'data',
      caption: t.data,
      header: [t.column, t.type, t.missing, t.distinct, t.role],
      align: ['l', 'l', 'r', 'r', 'l'],
      rows: s.audit.columns.map((c) => [
        `\`${c.name}\``,
        m.colType(c.type),
        String(c.missing),
        String(c.unique),
        T.role(c.role),
      ]),
    },
  ];
  if (s.preprocessing?.length) {
    out.push({
      id: 'preprocessing',
      caption: t.prep,
      header: [t.column, t.treatment, t.detail],
      align: ['l', 'l', 'l'],
      rows: s.preprocessing.flatMap((p) =>
        p.kind === 'numeric'
          ? [[`\`${p.column}\``, ...T.prep.numeric(p.fill, p.mean, p.std, p.missing)]]
          : p.kind === 'onehot'
            ? [[`\`${p.column}\``, ...T.prep.onehot(p.levels, p.fill, p.missing)]]
            : [],
      ),
    });
  }
  out.push({
    id: 'hyperparameters',
    caption: t.hyper,
    header: [t.setting, t.value],
    align: ['l', 'l'],
    rows: Object.entries(s.hyper).map(([k, v]) => [T.hyper(k), String(v)]),
  });
  const hasAri = typeof test.ari === 'number';
  const qrow = (name: string, r: Record<string, unknown>): string[] => [
    name,
    String(r.clusters),
    fmtNum(r.silhouette),
    fmtNum(r.davies_bouldin),
    ...(hasAri ? [fmtNum(r.ari)] : []),
  ];
  out.push({
    id: 'metrics',
    caption: t.quality,
    header: [t.method, t.clusters, t.silhouette, t.db, ...(hasAri ? [t.ari] : [])],
    align: ['l', 'r', 'r', 'r', ...(hasAri ? ['r' as const] : [])],
    rows: [qrow(t.som, test), ...Object.values(s.metrics.baselines).map((b) => qrow(t.kmeans, b))],
  });
  const sel = (s.metrics.k_selection as { k: number; silhouette: number }[] | undefined) ?? [];
  if (sel.length) {
    out.push({
      id: 'k_selection',
      caption: t.k,
      header: ['k', t.silhouette, t.chosen],
      align: ['r', 'r', 'l'],
      rows: sel.map((x) => [String(x.k), fmtNum(x.silhouette), x.k === s.hyper.clusters ? '✓' : '']),
    });
  }
  const profiles = (s.metrics.cluster_means as Profile[] | undefined) ?? [];
  if (profiles.length) {
    const names = Object.keys(profiles[0].means);
    const total = profiles.reduce((a, c) => a + c.size, 0);
    out.push({
      id: 'cluster_profiles',
      caption: t.profiles,
      header: [t.cluster, t.rows, t.share, ...names.map((x) => `\`${x}\``)],
      align: ['r', 'r', 'r', ...names.map(() => 'r' as const)],
      rows: profiles.map((c) => [
        String(c.cluster),
        String(c.size),
        `${Number(((100 * c.size) / Math.max(1, total)).toPrecision(3))}%`,
        ...names.map((k) => fmtNum(c.means[k])),
      ]),
    });
  }
  return out;
}

export function clusterDocument(
  s: RunSummary,
  m: Messages,
  figures: FigureRef[],
  tables: Table[],
  extraNotes: string[],
): Block[] {
  const T = clusterText(m.lang);
  const B: Block[] = [];
  let tn = 0;
  let fn = 0;
  const table = (id: string): void => {
    const t = tables.find((x) => x.id === id);
    if (t) B.push({ kind: 'table', caption: T.tableRef(++tn, t.caption), table: t });
  };
  const d = s.metrics.data;
  const test = s.metrics.test;
  const km = Object.values(s.metrics.baselines)[0] ?? {};
  B.push({ kind: 'h1', text: T.title(s.audit.file) });
  B.push(
    { kind: 'h2', text: T.h.data },
    {
      kind: 'p',
      text: T.dataIntro(s.audit.file, s.audit.encoding, s.audit.rows, s.audit.columns.length, num(d.inputs)),
    },
  );
  table('data');
  const notes = [...new Set(s.notes)];
  B.push(...noteBlocks(notes, m, T.notes));
  if (tables.some((t) => t.id === 'preprocessing')) {
    B.push({ kind: 'h3', text: T.h.prep });
    table('preprocessing');
  }
  const h = s.hyper;
  B.push({ kind: 'h2', text: T.h.method });
  const facts = {
    inputs: num(d.inputs),
    map: String(h.map),
    steps: num(h.steps),
    sigma: String(h.sigma),
    lr: String(h.lr),
    activeUnits: num(d.active_units),
    k: num(h.clusters),
    kByUser: h.k_choice === '--clusters',
    rows: s.audit.rows,
  };
  for (const p of T.method(facts)) B.push({ kind: 'p', text: p });
  table('hyperparameters');
  B.push({ kind: 'h2', text: T.h.results });
  table('metrics');
  const sil = num(test.silhouette);
  const kSil = num(km.silhouette);
  const items = [
    T.quality(sil, num(test.davies_bouldin), kSil, num(km.davies_bouldin)),
    T.verdict(sil > kSil, Math.abs(sil - kSil) < 5e-4),
    T.mapQuality(num(test.quantization_error), num(test.topographic_error)),
  ];
  if (typeof test.ari === 'number') items.push(T.ari(test.ari, String(d.reference)));
  B.push({ kind: 'list', items });
  table('k_selection');
  if (tables.some((t) => t.id === 'cluster_profiles')) {
    B.push({ kind: 'h3', text: T.h.profiles });
    table('cluster_profiles');
  }
  B.push({ kind: 'p', text: T.assigned });
  if (figures.length) {
    B.push({ kind: 'h3', text: T.h.figures });
    for (const f of figures) B.push({ kind: 'figure', id: f.id, caption: T.figureRef(++fn, f.caption) });
  }
  if (extraNotes.length) B.push({ kind: 'quote', text: extraNotes.join(' ') });
  B.push(
    { kind: 'h2', text: T.h.repro },
    { kind: 'code', text: s.command },
    { kind: 'p', text: T.repro(s.nnmVersion, s.seed, s.audit.sha256) },
  );
  return B;
}

export const CLUSTER_REPORT: ReportPart = { figures: clusterFigures, tables: clusterTables, document: clusterDocument };
