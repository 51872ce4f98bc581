// One training run, from a spec to the run folder's content: decide the task (tasks/infer.ts),
// check the options against what its runner supports, train, then the --cv / --repeats analysis
// unless the user stopped training (Ctrl-C). Used by `nnm train` in-process and on its worker thread.

import type { TrainSpec } from '../config/options.js';
import { MODELS_FOR_TASK, type Task } from '../config/tasks.js';
import { addManyRunAnalysis } from '../analysis/many-runs.js';
import { readFileSync, statSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { RunOutput } from '../report/types.js';
import type { JobContext } from './context.js';
import { type Decision, decideTask, decisionNote } from './infer.js';
import { runnerFor } from './registry.js';

/** The decided task applied to the spec: the task, the model kind and an inferred target filled in. */
export function resolveSpec(spec: TrainSpec, d: Decision): TrainSpec {
  return {
    ...spec,
    ...(d.byHint ? {} : { task: d.task }),
    ...(d.target !== undefined && spec.target === undefined ? { target: d.target } : {}),
  };
}

/** Refuse a --model the task cannot train, and --cv/--repeats where the task has no folds. */
export function checkSupport(spec: TrainSpec, task: Task): void {
  if (spec.model !== 'auto' && !MODELS_FOR_TASK[task].includes(spec.model)) {
    throw new UserError({
      message: `--model ${spec.model} cannot do the ${task} task`,
      hint: `use --model ${MODELS_FOR_TASK[task].join(' or ')} for ${task}`,
    });
  }
  const f = runnerFor(task).folds;
  for (const [flag, s] of [
    ['--cv', spec.cv ? f.cv : undefined],
    ['--repeats', spec.repeats ? f.repeats : undefined],
  ] as const) {
    if (s && !s.ok)
      throw new UserError({ message: s.reason.startsWith('--') ? s.reason : `${flag}: ${s.reason}`, hint: s.hint });
  }
}

/** Train one run of `task` (already decided) with `spec`. */
export function runTask(spec: TrainSpec, task: Task, ctx: JobContext): RunOutput {
  return runnerFor(task).train(spec, task, ctx);
}

/** Decide, check, train, and add the many-run analysis. */
export function computeRun(spec0: TrainSpec, ctx: JobContext): RunOutput {
  const d = decideTask(spec0, ctx.readTable);
  const spec = resolveSpec(spec0, d);
  checkSupport(spec, d.task);
  const note = decisionNote(d);
  if (note) ctx.note(note);
  const same = spec.test !== undefined && sameFile(spec.data, spec.test);
  if (same)
    ctx.note(
      `warning: --test ${spec.test} holds the same data as ${spec.data}: the "test" scores are scores on training rows and say nothing about new data`,
    );
  const output = runTask(spec, d.task, ctx);
  const small = smallDataCv(spec, d.task, output);
  if (small) {
    ctx.note(small.note);
    output.summary.notes.push(small.note);
  }
  const analysed = small ? { ...spec, cv: small.k } : spec;
  if ((analysed.cv || analysed.repeats) && !output.summary.metrics.train.interrupted) {
    try {
      addManyRunAnalysis(
        output,
        analysed,
        (s, variant) => runTask(s, d.task, { ...ctx, note: () => {}, variant }),
        ctx.note,
      );
      if (small) output.config.cv = small.k;
    } catch (e) {
      // NOTE: the main run is trained and sound: keep it, and say what could not be added.
      if (!(e instanceof UserError)) throw e;
      const msg = `warning: ${e.message}; the run is written without it${e.hint ? ` (${e.hint})` : ''}`;
      ctx.note(msg);
      output.summary.notes.push(msg);
    }
  }
  return output;
}

/** Fewer labelled rows than this: one random test part is too small to judge a model on. */
export const SMALL_DATA_ROWS = 50;

/** A small table with no --cv and no --test file: K-fold cross-validation (leave-one-out under 10
 *  rows per fold) gives the headline numbers, with a warning that says why. */
function smallDataCv(spec: TrainSpec, task: Task, o: RunOutput): { k: number; note: string } | undefined {
  if ((task !== 'classify' && task !== 'regress') || spec.cv !== undefined || spec.test !== undefined) return undefined;
  const d = o.summary.metrics.data;
  const rows = Number(d.train_rows) + Number(d.test_rows);
  if (!(rows < SMALL_DATA_ROWS)) return undefined;
  const k = rows < 20 ? rows : 5;
  const how = k === rows ? 'leave-one-out cross-validation' : `${k}-fold cross-validation`;
  return {
    k,
    note: `warning: only ${rows} labelled rows, so the test part has ${String(d.test_rows)} rows: too few to judge a model on; ${how} is added and its mean ± std are the numbers to report (set --cv K to choose, or give a --test file)`,
  };
}

/** The same path, or two files (not folders) with the same bytes. */
function sameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    if (sa.ino === sb.ino && sa.dev === sb.dev) return true;
    return (
      sa.isFile() &&
      sb.isFile() &&
      sa.size === sb.size &&
      sa.size < 512 * 2 ** 20 &&
      readFileSync(a).equals(readFileSync(b))
    );
  } catch {
    return false; // the readers name a missing file
  }
}
