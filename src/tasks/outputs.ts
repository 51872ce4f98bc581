// Pieces every job's output shares: classification results (metrics, predictions with per-class
// probabilities), history.csv, the resolved config, the data audit.

import { readFileSync } from 'node:fs';
import type { TrainSpec } from '../config/options.js';
import type { RawTable } from '../data/load.js';
import type { Schema } from '../data/schema.js';
import { argmaxRows, classificationMetrics } from '../metrics/classification.js';
import { sha256 } from '../models/model-file.js';
import { type Cell, toCsv } from '../report/csv.js';
import type { DataAudit, TestPredictions } from '../report/types.js';
import type { Ensemble } from '../train/ensemble.js';

/** Test metrics, predictions.csv and the report's test predictions from averaged class probabilities (n × K). */
export function classificationOutputs(
  probs: Float32Array,
  yTrue: Float32Array,
  classes: string[],
  ids: Cell[],
  idHeader: string,
): { test: Record<string, unknown>; csv: string; predictions: TestPredictions } {
  const n = yTrue.length;
  const K = classes.length;
  const pred = argmaxRows(probs, n, K);
  const truth = Int32Array.from(yTrue);
  const rowProbs = (i: number): number[] => Array.from(probs.subarray(i * K, (i + 1) * K), (p) => Number(p.toFixed(6)));
  return {
    test: { ...classificationMetrics(truth, pred, classes) },
    csv: toCsv(
      [idHeader, 'actual', 'predicted', ...classes.map((c) => `p_${c}`)],
      Array.from({ length: n }, (_, i) => [ids[i], classes[truth[i]], classes[pred[i]], ...rowProbs(i)]),
    ),
    predictions: {
      actual: Array.from(truth, (k) => classes[k]),
      predicted: Array.from(pred, (k) => classes[k]),
      probabilities: Array.from({ length: n }, (_, i) => rowProbs(i)),
    },
  };
}

/** history.csv: one row per epoch of each ensemble member. */
export function historyCsv(e: Ensemble): string {
  return toCsv(
    ['epoch', 'train_loss', 'val_loss', 'lr', 'member'],
    e.results.flatMap((r, m) => r.history.map((h) => [h.epoch, h.train_loss, h.val_loss, h.lr, m + 1])),
  );
}

/** config.json: the spec with every automatic choice filled in, minus the options about output. */
export function resolvedConfig(spec: TrainSpec, chosen: Record<string, unknown>): Record<string, unknown> {
  const config: Record<string, unknown> = { ...spec, ...chosen };
  for (const k of ['json', 'quiet', 'force', 'out', 'config', 'debug', 'taskWord']) delete config[k];
  return config;
}

export function dataAudit(
  file: string,
  table: RawTable,
  schema: Schema,
  roleOf: (column: string) => 'target' | 'input' | 'unused',
  imputed: DataAudit['imputed'],
  notes: string[],
): DataAudit {
  return {
    file,
    sha256: sha256(readFileSync(file)),
    encoding: table.encoding,
    delimiter: table.delimiter,
    rows: table.nRows,
    columns: schema.columns.map((c) => ({
      name: c.name,
      type: c.type,
      missing: c.missing,
      unique: c.unique,
      role: roleOf(c.name),
    })),
    imputed,
    notes,
  };
}

/** Row ids for predictions.csv: the identifier-like column when there is one, else the 1-based row number. */
export function rowIds(t: RawTable, schema: Schema, rows: Int32Array): { ids: Cell[]; header: string } {
  const idCol = schema.columns.find((c) => c.type === 'id');
  const idx = idCol ? t.names.indexOf(idCol.name) : -1;
  return {
    ids: Array.from(rows, (r) => (idx >= 0 ? t.columns[idx][r] : r + 1)),
    header: idx >= 0 ? idCol!.name : 'row',
  };
}
