// What a task must provide to be a task of nnm: train, apply (predict), evaluate, what the many-run
// analyses (--cv, --repeats, tune) may do with it, and its report. `registry.ts` maps every runner id
// to one of these, so a task that lacks a part does not compile.

import type { TrainSpec } from '../config/options.js';
import type { Task } from '../config/tasks.js';
import type { RawTable } from '../data/load.js';
import type { ReportPart } from '../report/write-report.js';
import type { RunOutput } from '../report/types.js';
import type { JobContext } from './context.js';
import type { ApplyOptions, Evaluation, LoadedModelOf, Predictions, RunnerId } from './model.js';

/** Either supported, or refused with one line saying why and what to do instead. */
export type Support = { ok: true } | { ok: false; reason: string; hint: string };

/** What `predict` / `evaluate` give a runner: a table read by the CLI (CSV/xlsx), a path the task
 *  reads itself (an image folder or pixel CSV), or nothing (a forecast continues its own series). */
export type ApplyInput = { kind: 'table'; table: RawTable } | { kind: 'path'; path: string } | { kind: 'none' };

export interface TaskRunner<R extends RunnerId> {
  /** The tasks whose --task keyword selects this runner. */
  tasks: readonly Task[];
  /** How `predict`/`evaluate` read their data argument; `optional` = a table, or none. */
  reads: 'table' | 'path' | 'optional-table';
  /** Train with `spec` (task already decided: `task`) and return the run folder's content. */
  train(spec: TrainSpec, task: Task, ctx: JobContext): RunOutput;
  apply(m: LoadedModelOf<R>, input: ApplyInput, o: ApplyOptions): Predictions;
  evaluate(m: LoadedModelOf<R>, input: ApplyInput, o: ApplyOptions): Evaluation;
  /** --cv K, --repeats N and `nnm tune` on this task. */
  folds: { cv: Support; repeats: Support; tune: Support };
  /** The report's sections, figures and tables (the network report unless the task has its own). */
  report: ReportPart;
}

export type Runners = { [R in RunnerId]: TaskRunner<R> };

/** The RawTable of an input that must be a table (the CLI reads it for runners that declare it). */
export function tableOf(input: ApplyInput, what: string): RawTable {
  if (input.kind !== 'table') throw new Error(`${what}: expected a table input, got ${input.kind}`);
  return input.table;
}

export function pathOf(input: ApplyInput, what: string): string {
  if (input.kind !== 'path') throw new Error(`${what}: expected a path input, got ${input.kind}`);
  return input.path;
}
