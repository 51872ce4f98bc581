// The paper's tables, built from a RunSummary: data summary, preprocessing, network structure,
// hyperparameters, and the test metrics of the network beside its baselines.

import { baselineLabel } from './baseline-status.js';
import type { Messages } from './i18n/index.js';
import { formatTable } from './numbers.js';
import type { Table } from './tables.js';
import type { RunSummary } from './types.js';

/** A raw number cell: formatTable() (numbers.ts) chooses the column's digits afterwards. */
export function fmtNum(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v !== 'number') return JSON.stringify(v);
  return Number.isFinite(v) ? String(v) : '—';
}

export function metricKeys(task: string): string[] {
  return task === 'regress' || task === 'forecast'
    ? ['rmse', 'mae', 'mape', 'r2']
    : ['accuracy', 'macro_f1', 'precision', 'recall'];
}

export function buildTables(s: RunSummary, m: Messages): Table[] {
  const tables: Table[] = [
    dataTable(s, m),
    ...preprocessingTables(s, m),
    networkTable(s, m),
    hyperTable(s, m),
    metricsTable(s, m),
  ];
  return tables.map((t) => formatTable(t));
}

function dataTable(s: RunSummary, m: Messages): Table {
  const T = m.tables;
  return {
    id: 'data',
    caption: T.data,
    header: [T.column, T.type, T.missing, T.distinct, T.role],
    align: ['l', 'l', 'r', 'r', 'l'],
    rows: s.audit.columns.map((c) => [
      `\`${c.name}\``,
      m.colType(c.type),
      String(c.missing),
      c.type === 'pixels' ? '—' : String(c.unique),
      m.role(c.role),
    ]),
  };
}

/** What was fitted on the training part for each column, when anything was. */
function preprocessingTables(s: RunSummary, m: Messages): Table[] {
  const T = m.tables;
  if (!s.preprocessing?.length) return [];
  return [
    {
      id: 'preprocessing',
      caption: T.preprocessing,
      header: [T.column, T.treatment, T.detail],
      align: ['l', 'l', 'l'],
      rows: s.preprocessing.map((p) => {
        switch (p.kind) {
          case 'numeric':
            return [`\`${p.column}\``, ...m.prep.numeric(p.fill, p.mean, p.std, p.missing)];
          case 'onehot':
            return [`\`${p.column}\``, ...m.prep.onehot(p.levels, p.fill, p.missing)];
          case 'target_classes':
            return [`\`${p.column}\`${m.paren(m.role('target'))}`, ...m.prep.targetClasses(p.classes)];
          case 'target_scaled':
            return [`\`${p.column}\`${m.paren(m.role('target'))}`, ...m.prep.targetScaled(p.mean, p.std)];
          default: {
            const never: never = p;
            throw new Error(`unknown preprocessing step ${JSON.stringify(never)}`);
          }
        }
      }),
    },
  ];
}

/** Layers with output shapes and parameter counts, between an input row and a total row. */
function networkTable(s: RunSummary, m: Messages): Table {
  const T = m.tables;
  const layerRows = s.layers.map((l) => [
    String(l.index + 1),
    `\`${l.description}\``,
    l.outShape.join('×'),
    String(l.params),
  ]);
  return {
    id: 'network',
    caption: T.network,
    header: [T.index, T.layer, T.outShape, T.params],
    align: ['r', 'l', 'l', 'r'],
    rows: [
      ...(s.inShape ? [['0', T.input, s.inShape.join('×'), '0']] : []),
      ...layerRows,
      ['', T.total, '', String(s.paramCount)],
    ],
    ruleAfter: [s.layers.length + (s.inShape ? 0 : -1)],
  };
}

function hyperTable(s: RunSummary, m: Messages): Table {
  const T = m.tables;
  return {
    id: 'hyperparameters',
    caption: T.hyper,
    header: [T.hyperparameter, T.value],
    align: ['l', 'l'],
    rows: Object.entries(s.hyper).map(([k, v]) => [m.hyper(k), m.hyperValue(k, String(v))]),
  };
}

function metricsTable(s: RunSummary, m: Messages): Table {
  const keys = metricKeys(s.task);
  const rows: string[][] = [];
  const add = (name: string, block: Record<string, unknown>): void => {
    const nested = Object.entries(block).filter(
      ([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v) && keys.some((k) => k in v),
    );
    if (nested.length)
      for (const [h, v] of nested)
        rows.push([`${name}, ${m.horizonRow(h)}`, ...keys.map((k) => fmtNum((v as Record<string, unknown>)[k]))]);
    else rows.push([name, ...keys.map((k) => fmtNum(block[k]))]);
  };
  add(m.modelRow(s.model), s.metrics.test);
  for (const [name, b] of Object.entries(s.metrics.baselines)) add(baselineLabel(name, b, m), b);
  return {
    id: 'metrics',
    caption: m.tables.metrics,
    header: [m.tables.model, ...keys.map((k) => m.metric(k))],
    align: ['l', ...keys.map(() => 'r' as const)],
    rows,
  };
}
