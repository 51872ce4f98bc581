// The tabular job (classify / regress with an MLP): load -> schema -> split -> preprocess (fitted on
// the training part) -> build -> fit -> test metrics and baselines -> run output. The test part is
// test-part.ts, the test metrics train-metrics.ts, the run output train-output.ts.

import type { TrainSpec } from '../../config/options.js';
import type { RawTable } from '../../data/load.js';
import { findColumn, inferSchema, type Schema } from '../../data/schema.js';
import { kFolds, labelsOf, type Split, splitRows } from '../../data/split.js';
import {
  defaultFeatures,
  encodeY,
  fitTabular,
  type ImputationNote,
  rowsWithTarget,
  sortLevels,
  type TabularPipeline,
  transformX,
} from '../../data/tabular.js';
import { Rng } from '../../engine/rng.js';
import { UserError } from '../../errors.js';
import { buildMlp } from '../../models/mlp.js';
import type { RunOutput } from '../../report/types.js';
import type { JobContext } from '../context.js';
import { tabularSensitivity } from '../../analysis/sensitivity.js';
import { tunedNote } from '../../analysis/tune.js';
import { type Ensemble, subset, trainEnsemble } from '../../train/ensemble.js';
import type { Dataset } from '../../train/fit.js';
import { splitRngOf } from '../split-seed.js';
import { type TestPart, testPart } from './test-part.js';
import { testMetrics } from './train-metrics.js';
import { tabularOutput } from './train-output.js';

export interface TabularModelPipeline {
  tabular: TabularPipeline;
  task: 'classify' | 'regress';
  idColumn?: string;
}

/** The data's target and input columns and its labelled rows. */
export interface TabularData {
  table: RawTable;
  schema: Schema;
  targetIndex: number;
  targetName: string;
  featureIdx: number[];
  labelled: Int32Array;
  /** Notes for the report (data notes first). */
  notes: string[];
}

/** The preprocessing fitted on the training part, both parts encoded with it, and the validation folds. */
export interface TabularPrepared {
  pipeline: TabularPipeline;
  imputed: ImputationNote[];
  trainSet: Dataset;
  testSet: Dataset;
  folds: Split[];
  nMembers: number;
}

/** The trained members, the built network's sizes and the hyper-parameters used. */
export interface TabularMembers {
  ens: Ensemble;
  built: ReturnType<typeof buildMlp>;
  hyper: ReturnType<typeof tabularHyper>;
}

export function runTabularJob(spec: TrainSpec, task: 'classify' | 'regress', ctx: JobContext): RunOutput {
  const classify = task === 'classify';
  const d = readTabular(spec, classify, ctx);
  const { table, targetIndex, targetName, labelled, notes } = d;
  const rng = new Rng(spec.seed);
  const splitRng = splitRngOf(rng, ctx.variant);
  const classes = classify ? sortLevels([...new Set(Array.from(labelled, (r) => table.columns[targetIndex][r]))]) : [];
  if (classify && classes.length < 2) {
    throw new UserError({
      file: table.file,
      column: targetName,
      message: `the target has one class only ("${classes[0]}")`,
      hint: 'a classifier needs at least two classes; check --target',
    });
  }
  const rawLabels = classify
    ? Float32Array.from(labelled, (r) => classes.indexOf(table.columns[targetIndex][r]))
    : undefined;
  const part = testPart(
    spec,
    ctx,
    { table, targetName, labelled, rawLabels, classify, classes: classes.length },
    splitRng,
  );
  const tuned = tunedNote(spec.tunedOn, spec.test ? undefined : part.testRows, ctx.variant);
  if (tuned) {
    notes.push(tuned);
    ctx.note(tuned);
  }
  const prep = prepare(spec, d, part, rawLabels, classes, splitRng, ctx);
  const members = trainMembers(spec, classify, classes.length, prep, rng, ctx, notes);
  const tested = testMetrics(d, part, prep, members.ens, classes, ctx);
  const sensitivity = ctx.variant?.lite
    ? undefined
    : tabularSensitivity(
        spec.sensitivity,
        prep.pipeline,
        members.ens.members,
        prep.testSet,
        classify,
        rng.fork(),
        ctx.note,
      );
  if (tested.test.mape_excluded)
    notes.push(`MAPE leaves out ${Number(tested.test.mape_excluded)} test row(s) whose actual value is 0`);
  return tabularOutput(spec, task, ctx, { d, part, prep, members, tested, classes, sensitivity });
}

function readTabular(spec: TrainSpec, classify: boolean, ctx: JobContext): TabularData {
  const table = ctx.readTable(spec.data);
  for (const n of table.notes) ctx.note(n);
  const schema = inferSchema(table);
  const targetIndex = spec.target !== undefined ? findColumn(table, spec.target, '--target') : table.names.length - 1;
  const targetName = table.names[targetIndex];
  const targetInfo = schema.columns[targetIndex];
  if (targetInfo.type === 'empty')
    throw new UserError({
      file: table.file,
      column: targetName,
      message: 'the target column is empty',
      hint: 'choose the target with --target',
    });
  if (!classify && targetInfo.type !== 'number') {
    throw new UserError({
      file: table.file,
      column: targetName,
      message: `regression needs a numeric target, this one is ${targetInfo.type}`,
      hint: 'use --task classify or another --target',
    });
  }
  const notes: string[] = [...table.notes];
  const featureIdx = featureColumns(spec, table, schema, targetIndex, notes);
  for (const n of notes.slice(table.notes.length)) ctx.note(n);
  const all = Int32Array.from({ length: table.nRows }, (_, i) => i);
  const labelled = rowsWithTarget(table, targetIndex, all);
  if (labelled.length < table.nRows) {
    const msg = `${table.nRows - labelled.length} row(s) have no target value and are left out of training and testing`;
    notes.push(msg);
    ctx.note(msg);
  }
  if (labelled.length === 0)
    throw new UserError({
      file: table.file,
      column: targetName,
      message: 'every target cell is missing',
      hint: 'choose the target with --target',
    });
  return { table, schema, targetIndex, targetName, featureIdx, labelled, notes };
}

/** The --features columns, or the usable columns other than the target (defaultFeatures' notes go to notes). */
function featureColumns(
  spec: TrainSpec,
  table: RawTable,
  schema: Schema,
  targetIndex: number,
  notes: string[],
): number[] {
  const featureIdx = spec.features
    ? spec.features.map((f) => findColumn(table, f, '--features'))
    : defaultFeatures(schema, targetIndex, notes);
  if (featureIdx.includes(targetIndex))
    throw new UserError({
      message: `--features includes the target "${table.names[targetIndex]}"`,
      hint: 'remove it from --features',
    });
  if (featureIdx.length === 0)
    throw new UserError({
      file: table.file,
      message: 'has no usable input columns',
      hint: 'check the file, or name inputs with --features',
    });
  return featureIdx;
}

/** The members' validation folds, then the preprocessing fitted on the training part and both parts encoded. */
function prepare(
  spec: TrainSpec,
  d: TabularData,
  part: TestPart,
  rawLabels: Float32Array | undefined,
  classes: string[],
  splitRng: Rng,
  ctx: JobContext,
): TabularPrepared {
  const { table } = d;
  const { trainPart, testRows } = part;
  const classify = rawLabels !== undefined; // class codes exist only for classification
  const trainLabels = rawLabels ? labelsOf(trainPart, d.labelled, rawLabels) : undefined;
  const nMembers = spec.ensemble ?? (trainPart.length <= 2000 ? 5 : 1);
  const positions = Int32Array.from({ length: trainPart.length }, (_, i) => i);
  const folds =
    nMembers > 1
      ? kFolds(positions, nMembers, splitRng, trainLabels)
      : [splitRows(positions, spec.valSize, splitRng, trainLabels)];
  const { pipeline, imputed } = fitTabular(table, d.schema, d.targetIndex, d.featureIdx, trainPart, classify);
  if (classify && pipeline.target.kind === 'classes') pipeline.target.classes = classes;
  const unseen = new Map<string, Set<string>>();
  const encode = (t: RawTable, rows: Int32Array) => ({
    x: transformX(pipeline, t, rows, unseen),
    y: encodeY(pipeline, t, rows),
    n: rows.length,
  });
  const trainSet = encode(table, trainPart);
  const testSet = encode(part.testTable, testRows);
  for (const [col, vals] of unseen) {
    const msg = `column "${col}": ${vals.size} level(s) of the test part never occur in training (${[...vals].slice(0, 5).join(', ')}); encoded as all zeros`;
    d.notes.push(msg);
    ctx.note(msg);
  }
  return { pipeline, imputed, trainSet, testSet, folds, nMembers };
}

function tabularHyper(spec: TrainSpec, built: ReturnType<typeof buildMlp>, nMembers: number, fitRowsPerMember: number) {
  return {
    hidden: built.hidden.join(','),
    dropout: built.dropout,
    ensemble: nMembers,
    epochs: spec.epochs ?? 500,
    batch_size: spec.batchSize ?? (fitRowsPerMember < 500 ? 16 : 32),
    lr: spec.lr ?? (spec.optimizer === 'sgd' ? 0.01 : 0.003),
    optimizer: spec.optimizer,
    patience: spec.patience ?? 40,
    weight_decay: spec.weightDecay ?? 1e-3,
    clip_norm: 5,
  };
}

function trainMembers(
  spec: TrainSpec,
  classify: boolean,
  nClasses: number,
  prep: TabularPrepared,
  rng: Rng,
  ctx: JobContext,
  notes: string[],
): TabularMembers {
  const { pipeline, trainSet, folds } = prep;
  const fitRowsPerMember = folds[0].train.length;
  const built = buildMlp({
    inputs: pipeline.inputSize,
    outputs: classify ? nClasses : 1,
    trainRows: fitRowsPerMember,
    hidden: spec.hidden,
    dropout: spec.dropout,
  });
  const hyper = tabularHyper(spec, built, prep.nMembers, fitRowsPerMember);
  const ens = trainEnsemble(
    built.spec,
    folds.map((f) => ({
      train: subset(trainSet, f.train, pipeline.inputSize, 1),
      val: subset(trainSet, f.test, pipeline.inputSize, 1),
    })),
    {
      epochs: hyper.epochs,
      batchSize: hyper.batch_size,
      lr: hyper.lr,
      optimizer: hyper.optimizer,
      patience: hyper.patience,
      weightDecay: hyper.weight_decay,
      loss: classify ? 'softmax_cross_entropy' : 'mse',
      clipNorm: hyper.clip_norm,
      plateau: Math.max(5, Math.floor(hyper.patience / 3)),
    },
    rng.fork(),
    ctx.listener,
    ctx.note,
  );
  const diverged = ens.results.find((r) => r.diverged)?.diverged;
  if (diverged) {
    const msg = `training diverged at epoch ${diverged.epoch} (the loss became NaN/infinite); kept the best weights before it. Likely causes: a learning rate too high (try --lr ${(diverged.lr / 10).toPrecision(1)}), extreme values in the data`;
    notes.push(msg);
    ctx.note(msg);
  }
  return { ens, built, hyper };
}
