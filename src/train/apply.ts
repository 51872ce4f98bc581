// Apply a saved model to a raw table: load and check the model file, replay its preprocessing on the
// rows, average the ensemble exactly as training did, and map outputs back to original units.
// `evaluateModel` does the same on labelled rows and computes the task's test metrics.
// Dispatch is on the model file's task (an exhaustive switch), so forecast/image/text plug in here.

import { readModelText } from '../models/model-check.js';
import { TASKS, type Task } from '../config/tasks.js';
import { assignClusters, readSomModel, type SomModel } from '../models/som-file.js';
import type { RawTable } from '../data/load.js';
import { isMissing, looksLikeIdName } from '../data/schema.js';
import { encodeY, mapColumns, rowsWithTarget, transformX } from '../data/tabular.js';
import type { Sequential } from '../engine/model.js';
import { UserError } from '../errors.js';
import { argmaxRows, classificationMetrics } from '../metrics/classification.js';
import { regressionMetrics } from '../metrics/regression.js';
import { type ModelFile, readModelFile } from '../models/model-file.js';
import type { Cell } from '../report/csv.js';
import { predictEnsemble } from './ensemble.js';
import type { TabularModelPipeline } from './tabular-job.js';
import type { SeriesPipeline } from './forecast-job.js';
import type { TextPipeline } from './text-job.js';
import { forecastAhead, oneStep, type SeriesModel } from './forecasting.js';
import { formatTime } from '../data/dates.js';
import { loadSeries, transformLag } from '../data/series.js';
import { inferSchema } from '../data/schema.js';
import { encodeTexts } from '../data/text.js';
import { transformImageInputs } from '../data/image-replay.js';
import type { ImagePipeline } from '../data/images.js';

export interface LoadedModel {
  path: string;
  task: Task;
  model: string;
  nnmVersion: string;
  formatVersion: string;
  members: Sequential[];
  file: ModelFile<unknown>;
  /** Cluster models: the self-organising map instead of network members. */
  som?: SomModel;
}

/** A SOM cluster model file has "model": "som" and no network architecture. */
function isSomFile(path: string): boolean {
  try {
    return /"model":"som"/.test(readModelText(path).slice(0, 200_000));
  } catch {
    return false; // readModelFile reports the missing file
  }
}

export interface Predictions {
  task: Task;
  /** Header of the id column: the model's identifier column, an id-named column, or "row". */
  idHeader: string;
  ids: Cell[];
  /** Target cells of the rows when the table holds the target column. */
  actual?: Cell[];
  predicted: Cell[];
  /** Classification: class names and (n, K) averaged probabilities. */
  classes?: string[];
  probabilities?: Float32Array;
  /** Forecasts after the data ends: 95% interval bounds (empty for in-sample rows). */
  lower?: Cell[];
  upper?: Cell[];
  /** What was done to the input, one line each (ignored columns, imputed cells, unseen levels). */
  notes: string[];
}

export interface Evaluation {
  task: Task;
  rows: number;
  evaluatedRows: number;
  test: Record<string, unknown>;
  notes: string[];
}

export function loadModel(path: string): LoadedModel {
  if (isSomFile(path)) {
    const som = readSomModel(path);
    return { path, task: 'cluster', model: 'som', nnmVersion: '', formatVersion: '', members: [], file: { pipeline: som.pipeline } as ModelFile<unknown>, som };
  }
  const { file, members } = readModelFile<unknown>(path);
  const task = (TASKS as readonly string[]).includes(file.task) ? (file.task as Task) : undefined;
  if (!task) throw new UserError({ file: path, message: `holds a model for the unknown task "${file.task}"`, hint: 'use the nnm version that trained it' });
  return { path, task, model: file.model, nnmVersion: file.nnm_version, formatVersion: file.format_version, members, file };
}

export interface ApplyOptions {
  /** Forecast models: periods to forecast after the series ends. */
  horizon?: number;
  seed?: number;
}

/** Apply a model to a table; a forecast model may take no table (it continues its training series). */
export function applyModel(m: LoadedModel, t: RawTable | undefined, o: ApplyOptions = {}): Predictions {
  if (!t && m.task !== 'forecast') throw new UserError({ file: m.path, message: `is a ${m.task} model: predict needs a data file`, hint: 'nnm predict MODEL DATA' });
  switch (m.task) {
    case 'classify':
    case 'regress':
      return applyTabular(m, tabularPipeline(m), t!);
    case 'forecast':
      return applyForecast(m, t, o);
    case 'text':
      return applyText(m, t!);
    case 'cluster':
      return applyCluster(m, t!);
    case 'image':
      return notYet(m);
    default: {
      const never: never = m.task;
      throw new Error(`unknown task ${String(never)}`);
    }
  }
}

function applyCluster(m: LoadedModel, t: RawTable): Predictions {
  const som = m.som!;
  mapColumns(som.pipeline, t);
  const { cluster } = assignClusters(som, t);
  const idIndex = t.names.findIndex((n) => looksLikeIdName(n));
  return {
    task: 'cluster',
    idHeader: idIndex >= 0 ? t.names[idIndex] : 'row',
    ids: Array.from({ length: t.nRows }, (_, r) => (idIndex >= 0 ? t.columns[idIndex][r] : r + 1)),
    predicted: Array.from(cluster),
    notes: [`assigned ${t.nRows} row(s) to the ${Math.max(...som.unitCluster)} clusters of the map`],
  };
}

export function evaluateModel(m: LoadedModel, t: RawTable): Evaluation {
  switch (m.task) {
    case 'classify':
    case 'regress':
      return evaluateTabular(m, tabularPipeline(m), t);
    case 'forecast': {
      const pr = applyForecast(m, t, {});
      const actual = Float64Array.from(pr.actual ?? [], Number);
      return { task: m.task, rows: t.nRows, evaluatedRows: actual.length, test: { one_step: regressionMetrics(actual, Float64Array.from(pr.predicted, Number)) }, notes: pr.notes };
    }
    case 'text': {
      const pr = applyText(m, t);
      const classes = pr.classes ?? [];
      if (!pr.actual) throw new UserError({ file: t.file, message: `has no target column "${(m.file.pipeline as TextPipeline).target}"`, hint: 'evaluate needs the labelled column the model was trained on' });
      const keep = pr.actual.map((a, i) => [a, i] as const).filter(([a]) => !isMissing(String(a)));
      const truth = keep.map(([a, i]) => {
        const k = classes.indexOf(String(a));
        if (k < 0) throw new UserError({ file: t.file, row: i + 2, message: `class "${String(a)}" does not occur in the training rows`, hint: `known classes: ${classes.join(', ')}` });
        return k;
      });
      const pred = keep.map(([, i]) => classes.indexOf(String(pr.predicted[i])));
      return { task: m.task, rows: t.nRows, evaluatedRows: keep.length, test: { ...classificationMetrics(truth, pred, classes) }, notes: pr.notes };
    }
    case 'image':
    case 'cluster':
      return notYet(m);
    default: {
      const never: never = m.task;
      throw new Error(`unknown task ${String(never)}`);
    }
  }
}

function applyForecast(m: LoadedModel, t: RawTable | undefined, o: ApplyOptions): Predictions {
  const p = m.file.pipeline as SeriesPipeline;
  if (p?.kind !== 'series') throw new UserError({ file: m.path, message: 'has no series preprocessing', hint: 'train again' });
  const notes: string[] = [];
  const covariates = p.covariates ?? [];
  let values: ArrayLike<number> = p.values;
  let covValues: ArrayLike<number>[] = covariates.map((c) => c.values);
  let times = p.times;
  if (t) {
    const schema = inferSchema(t);
    for (const c of covariates) {
      const col = schema.columns.find((k) => k.name === c.name);
      if (!col) {
        throw new UserError({ file: t.file, message: `has no column "${c.name}": the model reads this covariate as an input channel`, hint: `add the column "${c.name}" with its value for every period, as in the training file (the model's covariates: ${covariates.map((v) => `"${v.name}"`).join(', ')})` });
      }
      if (col.type !== 'number' && col.type !== 'constant') {
        throw new UserError({ file: t.file, column: c.name, message: `is a ${col.type} column, but the model reads it as a numeric covariate`, hint: `give the numbers of "${c.name}" for every period, as in the training file` });
      }
    }
    const series = loadSeries(t, schema, p.target, p.timeColumn, covariates.map((c) => c.name));
    notes.push(...series.notes);
    values = series.values;
    covValues = series.covariates.map((c) => c.values);
    times = series.times;
    // A log-transformed channel cannot read a zero or negative value (it would turn every forecast
    // after it into NaN), so say which period and column instead.
    const channels = [{ name: p.target, log: p.transform.log, v: series.values }, ...covariates.map((c, k) => ({ name: c.name, log: c.transform.log, v: series.covariates[k].values }))];
    for (const { name, log, v } of channels) {
      const bad = log ? v.findIndex((x) => !(x > 0)) : -1;
      if (bad < 0) continue;
      const when = p.freq === 'rows' ? `row ${bad + 1} of the series` : `period ${formatTime(times[bad], p.freq)}`;
      throw new UserError({ file: t.file, column: name, message: `has ${v[bad]} at ${when}, but the model works on the log of "${name}" (all its training values were positive)`, hint: 'give positive values, or train again on data that includes such values' });
    }
  } else notes.push(`no data given: continuing the training series (${p.values.length} points)`);
  const outputs = p.outputs ?? 1;
  const strategy = p.strategy ?? (outputs > 1 ? 'direct' : 'recursive');
  const sm: SeriesModel = { members: m.members, transform: p.transform, covariates: covariates.map((c) => c.transform), window: p.window, strategy, outputs };
  if (o.horizon && strategy === 'direct' && o.horizon > sm.outputs) {
    throw new UserError({ file: m.path, message: `is a direct-strategy model that forecasts at most ${sm.outputs} periods, not ${o.horizon}`, hint: `use --horizon ${sm.outputs} or less, or train with a larger --horizon` });
  }
  const from = Math.max(...[p.transform, ...sm.covariates].map(transformLag)) + p.window;
  if (values.length <= from && !o.horizon) {
    throw new UserError({ file: t?.file ?? m.path, message: `the series has ${values.length} points; the model needs more than ${from} to forecast from`, hint: 'give a longer history' });
  }
  const label = (i: number): Cell => (p.freq === 'rows' ? i + 1 : formatTime(times[i], p.freq));
  const inSample = values.length > from ? oneStep(sm, values, covValues, from) : new Float64Array(0);
  const ids: Cell[] = [];
  const actual: Cell[] = [];
  const predicted: Cell[] = [];
  const lower: Cell[] = [];
  const upper: Cell[] = [];
  inSample.forEach((v, i) => {
    ids.push(label(from + i));
    actual.push(values[from + i]);
    predicted.push(v);
    lower.push(null);
    upper.push(null);
  });
  if (o.horizon) {
    if (values.length < from) throw new UserError({ file: t?.file ?? m.path, message: `the series has ${values.length} points; forecasting needs at least ${from}`, hint: 'give a longer history' });
    const f = forecastAhead(sm, values, covValues, o.horizon, p.residuals ?? [], o.seed ?? 42, times[times.length - 1], p.freq);
    f.labels.forEach((l, h) => {
      ids.push(l);
      actual.push(null);
      predicted.push(f.point[h]);
      lower.push(f.lower[h]);
      upper.push(f.upper[h]);
    });
    notes.push(`forecast ${o.horizon} period(s) after the data ends, with 95% intervals from simulated paths`);
  }
  return { task: 'forecast', idHeader: p.freq === 'rows' ? 'row' : 'date', ids, actual, predicted, ...(o.horizon ? { lower, upper } : {}), notes };
}

function applyText(m: LoadedModel, t: RawTable): Predictions {
  const p = m.file.pipeline as TextPipeline;
  if (p?.kind !== 'text') throw new UserError({ file: m.path, message: 'has no text preprocessing', hint: 'train again' });
  const c = t.names.indexOf(p.column);
  if (c < 0) throw new UserError({ file: t.file, message: `is missing the text column "${p.column}" the model was trained on`, hint: 'add the column with the same header name' });
  const unknown = { count: 0 };
  const x = encodeTexts(p.tokenizer, t.columns[c], unknown);
  const probs = predictEnsemble(m.members, x, t.nRows, true);
  const pred = argmaxRows(probs, t.nRows, p.classes.length);
  const targetIndex = t.names.indexOf(p.target);
  const idIndex = t.names.findIndex((n) => looksLikeIdName(n));
  const notes = unknown.count ? [`${unknown.count} token(s) are not in the training vocabulary (read as unknown)`] : [];
  return {
    task: 'text',
    idHeader: idIndex >= 0 ? t.names[idIndex] : 'row',
    ids: Array.from({ length: t.nRows }, (_, r) => (idIndex >= 0 ? t.columns[idIndex][r] : r + 1)),
    ...(targetIndex >= 0 ? { actual: [...t.columns[targetIndex]] } : {}),
    predicted: Array.from(pred, (k) => p.classes[k]),
    classes: p.classes,
    probabilities: probs,
    notes,
  };
}

/** Image and signal models (pipeline kind image/signal) read a pixel CSV or an image folder, not a table. */
export function isImageModel(m: LoadedModel): boolean {
  const k = (m.file.pipeline as { kind?: string } | undefined)?.kind;
  return k === 'image' || k === 'signal';
}

export function applyImageModel(m: LoadedModel, path: string): Predictions {
  const p = m.file.pipeline as ImagePipeline;
  const inputs = transformImageInputs(p, path);
  const probs = predictEnsemble(m.members, inputs.x, inputs.n, true);
  const pred = argmaxRows(probs, inputs.n, p.classes.length);
  return {
    task: m.task,
    idHeader: inputs.idHeader,
    ids: inputs.ids,
    ...(inputs.labels ? { actual: inputs.labels } : {}),
    predicted: Array.from(pred, (k) => p.classes[k]),
    classes: p.classes,
    probabilities: probs,
    notes: [],
  };
}

export function evaluateImageModel(m: LoadedModel, path: string): Evaluation {
  const pr = applyImageModel(m, path);
  const classes = pr.classes ?? [];
  if (!pr.actual) throw new UserError({ file: path, message: 'has no labels (a label column or class sub-folders)', hint: 'evaluate needs labelled data; nnm predict works without labels' });
  const truth = pr.actual.map((a, i) => {
    const k = classes.indexOf(String(a));
    if (k < 0) throw new UserError({ file: path, row: i + 2, message: `class "${String(a)}" does not occur in the training data`, hint: `known classes: ${classes.join(', ')}` });
    return k;
  });
  const pred = pr.predicted.map((v) => classes.indexOf(String(v)));
  return { task: m.task, rows: truth.length, evaluatedRows: truth.length, test: { ...classificationMetrics(truth, pred, classes) }, notes: pr.notes };
}

function notYet(m: LoadedModel): never {
  throw new UserError({ file: m.path, message: `is a ${m.task} model, which this version of nnm cannot apply yet`, hint: 'use the nnm version that trained it' });
}

function tabularPipeline(m: LoadedModel): TabularModelPipeline {
  const p = m.file.pipeline as Partial<TabularModelPipeline> | undefined;
  if (!p?.tabular || p.tabular.kind !== 'tabular' || !Array.isArray(p.tabular.features)) {
    throw new UserError({ file: m.path, message: 'has no tabular preprocessing for its task', hint: 'use the model.nnm.json of a finished run, or train again' });
  }
  return p as TabularModelPipeline;
}

/** Notes on how table columns meet the pipeline: missing ones are an error (from mapColumns). */
function columnNotes(p: TabularModelPipeline, t: RawTable, idHeader: string): string[] {
  const cols = mapColumns(p.tabular, t);
  const notes: string[] = [];
  const used = new Set([...p.tabular.features.map((f) => f.column), p.tabular.target.column, idHeader]);
  const extra = t.names.filter((n) => !used.has(n));
  if (extra.length) notes.push(`ignored ${extra.length} column(s) the model does not use: ${extra.map((e) => `"${e}"`).join(', ')}`);
  if (cols.some((c, i) => i > 0 && c < cols[i - 1])) notes.push('the feature columns are in another order than in training; matched them by name');
  p.tabular.features.forEach((f, k) => {
    const n = t.columns[cols[k]].filter(isMissing).length;
    if (n === 0) return;
    const fill = f.kind === 'numeric' ? `the training median ${Number(f.fill.toPrecision(6))}` : `the most frequent training level "${f.fill}"`;
    notes.push(`column "${f.column}": ${n} missing cell(s) filled with ${fill}, as in training`);
  });
  return notes;
}

function idColumn(p: TabularModelPipeline, t: RawTable): number {
  if (p.idColumn !== undefined && t.names.includes(p.idColumn)) return t.names.indexOf(p.idColumn);
  const features = new Set(p.tabular.features.map((f) => f.column));
  return t.names.findIndex((n) => looksLikeIdName(n) && !features.has(n));
}

function unseenNotes(unseen: Map<string, Set<string>>): string[] {
  return [...unseen].map(([col, vals]) => `warning: column "${col}": ${vals.size} level(s) never seen in training (${[...vals].slice(0, 5).map((v) => `"${v}"`).join(', ')}); encoded as all zeros`);
}

/** Averaged ensemble output for rows of t: (n, K) probabilities, or n values in original units. */
function predictRows(m: LoadedModel, p: TabularModelPipeline, t: RawTable, rows: Int32Array, unseen: Map<string, Set<string>>): Float32Array | Float64Array {
  const x = transformX(p.tabular, t, rows, unseen);
  const classify = p.tabular.target.kind === 'classes';
  const out = predictEnsemble(m.members, x, rows.length, classify);
  const tg = p.tabular.target;
  return tg.kind === 'scaled' ? Float64Array.from(out, (z) => z * tg.std + tg.mean) : out;
}

function applyTabular(m: LoadedModel, p: TabularModelPipeline, t: RawTable): Predictions {
  const idIndex = idColumn(p, t);
  const idHeader = idIndex >= 0 ? t.names[idIndex] : 'row';
  const notes = columnNotes(p, t, idHeader);
  const rows = Int32Array.from({ length: t.nRows }, (_, i) => i);
  const unseen = new Map<string, Set<string>>();
  const out = predictRows(m, p, t, rows, unseen);
  notes.push(...unseenNotes(unseen));
  const targetIndex = t.names.indexOf(p.tabular.target.column);
  const base = {
    task: m.task,
    idHeader,
    ids: Array.from(rows, (r) => (idIndex >= 0 ? t.columns[idIndex][r] : r + 1)),
    ...(targetIndex >= 0 ? { actual: Array.from(rows, (r) => t.columns[targetIndex][r]) } : {}),
    notes,
  };
  const tg = p.tabular.target;
  if (tg.kind === 'classes') {
    const pred = argmaxRows(out as Float32Array, rows.length, tg.classes.length);
    return { ...base, predicted: Array.from(pred, (k) => tg.classes[k]), classes: tg.classes, probabilities: out as Float32Array };
  }
  return { ...base, predicted: Array.from(out) };
}

function evaluateTabular(m: LoadedModel, p: TabularModelPipeline, t: RawTable): Evaluation {
  const tg = p.tabular.target;
  const targetIndex = t.names.indexOf(tg.column);
  if (targetIndex < 0) throw new UserError({ file: t.file, message: `has no target column "${tg.column}"`, hint: 'evaluate needs the labelled column the model was trained on (nnm predict works without it)' });
  const notes = columnNotes(p, t, '');
  const rows = rowsWithTarget(t, targetIndex, Int32Array.from({ length: t.nRows }, (_, i) => i));
  if (rows.length === 0) throw new UserError({ file: t.file, column: tg.column, message: 'every target cell is missing', hint: 'evaluate needs labelled rows' });
  if (rows.length < t.nRows) notes.push(`${t.nRows - rows.length} row(s) have no target value and are left out`);
  // NOTE: the truth goes through the pipeline's own encoding (as in training), so the metrics equal
  // those of metrics.json's "test" when this is the run's test file.
  const y = encodeY(p.tabular, t, rows);
  const unseen = new Map<string, Set<string>>();
  const out = predictRows(m, p, t, rows, unseen);
  notes.push(...unseenNotes(unseen));
  let test: Record<string, unknown>;
  if (tg.kind === 'classes') {
    const pred = argmaxRows(out as Float32Array, rows.length, tg.classes.length);
    test = { ...classificationMetrics(Int32Array.from(y), pred, tg.classes) };
  } else {
    test = { ...regressionMetrics(Float64Array.from(y, (z) => z * tg.std + tg.mean), out) };
  }
  return { task: m.task, rows: t.nRows, evaluatedRows: rows.length, test, notes };
}
