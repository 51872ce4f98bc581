// The cluster task's report: data and preprocessing, the SOM method, quality beside k-means, the
// choice of k, cluster profiles, the figures and the reproducibility block, in English or Chinese.

import { type Block, type FigureRef, noteBlocks } from '../document.js';
import type { Messages } from '../i18n/index.js';
import type { ReportPart } from '../part.js';
import { fmtNum } from '../report-tables.js';
import type { Table } from '../tables.js';
import type { RunSummary } from '../types.js';
import { clusterFigures } from './figures.js';
import { type ClusterText, clusterText } from './text.js';

type Profile = { cluster: number; size: number; means: Record<string, number> };

function num(v: unknown): number {
  return typeof v === 'number' ? v : NaN;
}

/** The tables of a cluster report, in the order the document places them. */
export function clusterTables(s: RunSummary, m: Messages): Table[] {
  const T = clusterText(m.lang);
  return [
    ...inputTables(s, m, T),
    hyperTable(s, T),
    qualityTable(s, T),
    ...kSelectionTables(s, T),
    ...profileTables(s, T),
  ];
}

/** The data audit, and the preprocessing when there was any. */
function inputTables(s: RunSummary, m: Messages, T: ClusterText): Table[] {
  const t = T.tables;
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
  return out;
}

function hyperTable(s: RunSummary, T: ClusterText): Table {
  const t = T.tables;
  return {
    id: 'hyperparameters',
    caption: t.hyper,
    header: [t.setting, t.value],
    align: ['l', 'l'],
    rows: Object.entries(s.hyper).map(([k, v]) => [T.hyper(k), String(v)]),
  };
}

/** Silhouette and Davies-Bouldin of the SOM beside k-means (and the adjusted Rand index when a label was given). */
function qualityTable(s: RunSummary, T: ClusterText): Table {
  const t = T.tables;
  const test = s.metrics.test;
  const hasAri = typeof test.ari === 'number';
  const qrow = (name: string, r: Record<string, unknown>): string[] => [
    name,
    String(r.clusters),
    fmtNum(r.silhouette),
    fmtNum(r.davies_bouldin),
    ...(hasAri ? [fmtNum(r.ari)] : []),
  ];
  return {
    id: 'metrics',
    caption: t.quality,
    header: [t.method, t.clusters, t.silhouette, t.db, ...(hasAri ? [t.ari] : [])],
    align: ['l', 'r', 'r', 'r', ...(hasAri ? ['r' as const] : [])],
    rows: [qrow(t.som, test), ...Object.values(s.metrics.baselines).map((b) => qrow(t.kmeans, b))],
  };
}

/** The silhouette of each k tried, when k was chosen by nnm. */
function kSelectionTables(s: RunSummary, T: ClusterText): Table[] {
  const t = T.tables;
  const sel = (s.metrics.k_selection as { k: number; silhouette: number }[] | undefined) ?? [];
  if (!sel.length) return [];
  return [
    {
      id: 'k_selection',
      caption: t.k,
      header: ['k', t.silhouette, t.chosen],
      align: ['r', 'r', 'l'],
      rows: sel.map((x) => [String(x.k), fmtNum(x.silhouette), x.k === s.hyper.clusters ? '✓' : '']),
    },
  ];
}

/** Size, share and the mean of each input per cluster. */
function profileTables(s: RunSummary, T: ClusterText): Table[] {
  const t = T.tables;
  const profiles = (s.metrics.cluster_means as Profile[] | undefined) ?? [];
  if (!profiles.length) return [];
  const names = Object.keys(profiles[0].means);
  const total = profiles.reduce((a, c) => a + c.size, 0);
  return [
    {
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
    },
  ];
}

/** The blocks being built, and a placer that adds a table (numbered in placing order) when it exists. */
type Writer = { B: Block[]; table: (id: string) => void; has: (id: string) => boolean };

function writer(T: ClusterText, tables: Table[]): Writer {
  const B: Block[] = [];
  let tn = 0;
  const table = (id: string): void => {
    const t = tables.find((x) => x.id === id);
    if (t) B.push({ kind: 'table', caption: T.tableRef(++tn, t.caption), table: t });
  };
  return { B, table, has: (id) => tables.some((t) => t.id === id) };
}

export function clusterDocument(
  s: RunSummary,
  m: Messages,
  figures: FigureRef[],
  tables: Table[],
  extraNotes: string[],
): Block[] {
  const T = clusterText(m.lang);
  const w = writer(T, tables);
  w.B.push({ kind: 'h1', text: T.title(s.audit.file) });
  dataSection(w, s, m, T);
  methodSection(w, s, T);
  resultsSection(w, s, T);
  closingSection(w, s, T, figures, extraNotes);
  return w.B;
}

function dataSection(w: Writer, s: RunSummary, m: Messages, T: ClusterText): void {
  const d = s.metrics.data;
  w.B.push(
    { kind: 'h2', text: T.h.data },
    {
      kind: 'p',
      text: T.dataIntro(s.audit.file, s.audit.encoding, s.audit.rows, s.audit.columns.length, num(d.inputs)),
    },
  );
  w.table('data');
  const notes = [...new Set(s.notes)];
  w.B.push(...noteBlocks(notes, m, T.notes));
  if (w.has('preprocessing')) {
    w.B.push({ kind: 'h3', text: T.h.prep });
    w.table('preprocessing');
  }
}

function methodSection(w: Writer, s: RunSummary, T: ClusterText): void {
  const d = s.metrics.data;
  const h = s.hyper;
  w.B.push({ kind: 'h2', text: T.h.method });
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
  for (const p of T.method(facts)) w.B.push({ kind: 'p', text: p });
  w.table('hyperparameters');
}

function resultsSection(w: Writer, s: RunSummary, T: ClusterText): void {
  const d = s.metrics.data;
  const test = s.metrics.test;
  const km = Object.values(s.metrics.baselines)[0] ?? {};
  w.B.push({ kind: 'h2', text: T.h.results });
  w.table('metrics');
  const sil = num(test.silhouette);
  const kSil = num(km.silhouette);
  const items = [
    T.quality(sil, num(test.davies_bouldin), kSil, num(km.davies_bouldin)),
    T.verdict(sil > kSil, Math.abs(sil - kSil) < 5e-4),
    T.mapQuality(num(test.quantization_error), num(test.topographic_error)),
  ];
  if (typeof test.ari === 'number') items.push(T.ari(test.ari, String(d.reference)));
  w.B.push({ kind: 'list', items });
  w.table('k_selection');
  if (w.has('cluster_profiles')) {
    w.B.push({ kind: 'h3', text: T.h.profiles });
    w.table('cluster_profiles');
  }
  w.B.push({ kind: 'p', text: T.assigned });
}

/** The figures, any notes of the report writer, and the reproducibility block. */
function closingSection(w: Writer, s: RunSummary, T: ClusterText, figures: FigureRef[], extraNotes: string[]): void {
  let fn = 0;
  if (figures.length) {
    w.B.push({ kind: 'h3', text: T.h.figures });
    for (const f of figures) w.B.push({ kind: 'figure', id: f.id, caption: T.figureRef(++fn, f.caption) });
  }
  if (extraNotes.length) w.B.push({ kind: 'quote', text: extraNotes.join(' ') });
  w.B.push(
    { kind: 'h2', text: T.h.repro },
    { kind: 'code', text: s.command },
    { kind: 'p', text: T.repro(s.nnmVersion, s.seed, s.audit.sha256) },
  );
}

export const CLUSTER_REPORT: ReportPart = { figures: clusterFigures, tables: clusterTables, document: clusterDocument };
