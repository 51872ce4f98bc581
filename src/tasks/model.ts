// A saved model as the task runners see it: the model file read and checked once, its pipeline
// parsed into one discriminated union (which runner applies it), and the shapes `predict` and
// `evaluate` return. Dispatch on the pipeline's kind, not on the task name: a 1-D signal model is
// a "classify" model with an image-runner pipeline.

import { TASKS, type Task } from '../config/tasks.js';
import type { ImagePipeline } from '../data/images.js';
import type { Sequential } from '../engine/model.js';
import { UserError } from '../errors.js';
import { decodeModelObject } from '../models/model-file.js';
import { parseModelJson, readModelText } from '../models/model-check.js';
import { type ClusterPipeline, decodeSomObject, type SomModel } from '../models/som-file.js';
import type { Cell } from '../report/csv.js';
import type { SeriesPipeline } from './forecast/train.js';
import type { TabularModelPipeline } from './tabular/train.js';
import type { TextPipeline } from './text/train.js';

/** Each runner's model-file pipeline. */
export interface PipelineOf {
  tabular: TabularModelPipeline;
  forecast: SeriesPipeline;
  text: TextPipeline;
  image: ImagePipeline;
  cluster: ClusterPipeline;
}
export type RunnerId = keyof PipelineOf;
export const RUNNER_IDS = ['tabular', 'forecast', 'text', 'image', 'cluster'] as const satisfies readonly RunnerId[];

interface LoadedBase {
  path: string;
  task: Task;
  model: string;
  nnmVersion: string;
  formatVersion: string;
  /** The --seed of the run that trained it (older files: 42, the default then). */
  seed: number;
  members: Sequential[];
}

export type LoadedModel = {
  [R in RunnerId]: LoadedBase & { runner: R; pipeline: PipelineOf[R]; som: R extends 'cluster' ? SomModel : undefined };
}[RunnerId];
export type LoadedModelOf<R extends RunnerId> = Extract<LoadedModel, { runner: R }>;

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

export interface ApplyOptions {
  /** Forecast models: periods to forecast after the series ends. */
  horizon?: number;
  /** Cluster evaluation: a reference label column for the adjusted Rand index. */
  target?: string;
}

const DEFAULT_SEED = 42;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Read a model file once (folders, devices and oversized files refused), check it, and parse its
 *  pipeline: a SOM cluster model or a network model. The JSON is parsed once, then decoded. */
export function loadModel(path: string): LoadedModel {
  const text = readModelText(path);
  const head = parseModelJson(text, path);
  if (isRecord(head) && head.model === 'som') {
    const som = decodeSomObject(head, path);
    return {
      path,
      runner: 'cluster',
      task: 'cluster',
      model: 'som',
      nnmVersion: som.nnmVersion ?? '',
      formatVersion: som.formatVersion ?? '',
      seed: som.seed ?? DEFAULT_SEED,
      members: [],
      pipeline: som.pipeline,
      som,
    };
  }
  const { file, members } = decodeModelObject<unknown>(head, path);
  const task = (TASKS as readonly string[]).includes(file.task) ? (file.task as Task) : undefined;
  if (!task)
    throw new UserError({
      file: path,
      message: `holds a model for the unknown task "${file.task}"`,
      hint: 'use the nnm version that trained it',
    });
  const base = {
    path,
    task,
    model: file.model,
    nnmVersion: file.nnm_version,
    formatVersion: file.format_version,
    seed: typeof file.seed === 'number' ? file.seed : DEFAULT_SEED,
    members,
    som: undefined,
  };
  const p = file.pipeline;
  const bad = (what: string): never => {
    throw new UserError({
      file: path,
      message: `has no valid ${what} preprocessing for its ${task} model`,
      hint: 'use the model.nnm.json of a finished run, or train again',
    });
  };
  if (!isRecord(p)) return bad('');
  if (p.kind === 'series') {
    if (!Array.isArray(p.values) || !Array.isArray(p.times) || typeof p.window !== 'number' || !isRecord(p.transform))
      return bad('series');
    return { ...base, runner: 'forecast', pipeline: p as unknown as SeriesPipeline };
  }
  if (p.kind === 'text') {
    if (typeof p.column !== 'string' || !Array.isArray(p.classes) || !isRecord(p.tokenizer)) return bad('text');
    return { ...base, runner: 'text', pipeline: p as unknown as TextPipeline };
  }
  if (p.kind === 'image' || p.kind === 'signal') {
    if (!Array.isArray(p.shape) || !Array.isArray(p.classes) || !isRecord(p.scaling) || !isRecord(p.source))
      return bad('image');
    return { ...base, runner: 'image', pipeline: p as unknown as ImagePipeline };
  }
  if (
    isRecord(p.tabular) &&
    p.tabular.kind === 'tabular' &&
    Array.isArray(p.tabular.features) &&
    isRecord(p.tabular.target)
  ) {
    if (task !== 'classify' && task !== 'regress') return bad('tabular');
    return { ...base, runner: 'tabular', pipeline: p as unknown as TabularModelPipeline };
  }
  return bad('');
}
