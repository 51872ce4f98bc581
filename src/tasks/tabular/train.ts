// The tabular job (classify / regress with an MLP): load -> schema -> split -> preprocess (fitted on
// the training part) -> build -> fit -> test metrics and baselines -> run output.

import type { TrainSpec } from '../../config/options.js';
import { nnmVersion } from '../../config/version.js';
import type { Task } from '../../config/tasks.js';
import type { RawTable } from '../../data/load.js';
import { findColumn, inferSchema } from '../../data/schema.js';
import { kFolds, labelsOf, splitRows } from '../../data/split.js';
import {
  defaultFeatures,
  encodeY,
  fitTabular,
  rowsWithTarget,
  sortLevels,
  type TabularPipeline,
  transformX,
} from '../../data/tabular.js';
import { Rng } from '../../engine/rng.js';
import { UserError } from '../../errors.js';
import { regressionMetrics } from '../../metrics/regression.js';
import { classificationBaselineRuns, regressionBaselineRuns } from '../../metrics/tabular-baselines.js';
import { toCsv } from '../../report/csv.js';
import { encodeModelFile } from '../../models/model-file.js';
import { buildMlp } from '../../models/mlp.js';
import type { MetricsJson, PreprocessStep, RunOutput, TestPredictions } from '../../report/types.js';
import type { JobContext } from '../context.js';
import { tabularSensitivity } from '../../analysis/sensitivity.js';
import { tunedNote } from '../../analysis/tune.js';
import { predictEnsemble, subset, trainEnsemble, trainStats } from '../../train/ensemble.js';
import { classificationOutputs, dataAudit, historyCsv, resolvedConfig, rowIds } from '../outputs.js';
import { splitRngOf } from '../split-seed.js';

export interface TabularModelPipeline {
  tabular: TabularPipeline;
  task: 'classify' | 'regress';
  idColumn?: string;
}

export function runTabularJob(spec: TrainSpec, task: 'classify' | 'regress', ctx: JobContext): RunOutput {
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
  const chosen = task;
  const classify = chosen === 'classify';
  if (!classify && targetInfo.type !== 'number') {
    throw new UserError({
      file: table.file,
      column: targetName,
      message: `regression needs a numeric target, this one is ${targetInfo.type}`,
      hint: 'use --task classify or another --target',
    });
  }

  const notes: string[] = [...table.notes];
  const featureIdx = spec.features
    ? spec.features.map((f) => findColumn(table, f, '--features'))
    : defaultFeatures(schema, targetIndex, notes);
  if (featureIdx.includes(targetIndex))
    throw new UserError({
      message: `--features includes the target "${targetName}"`,
      hint: 'remove it from --features',
    });
  if (featureIdx.length === 0)
    throw new UserError({
      file: table.file,
      message: 'has no usable input columns',
      hint: 'check the file, or name inputs with --features',
    });
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

  const { testTable, trainPart, testRows, splitText, heldOut } = testPart(
    spec,
    ctx,
    { table, targetName, labelled, rawLabels, classify, classes: classes.length },
    splitRng,
  );
  const tuned = tunedNote(spec.tunedOn, spec.test ? undefined : testRows, ctx.variant);
  if (tuned) {
    notes.push(tuned);
    ctx.note(tuned);
  }
  const trainLabels = rawLabels ? labelsOf(trainPart, labelled, rawLabels) : undefined;
  const nMembers = spec.ensemble ?? (trainPart.length <= 2000 ? 5 : 1);
  const positions = Int32Array.from({ length: trainPart.length }, (_, i) => i);
  const folds =
    nMembers > 1
      ? kFolds(positions, nMembers, splitRng, trainLabels)
      : [splitRows(positions, spec.valSize, splitRng, trainLabels)];

  const { pipeline, imputed } = fitTabular(table, schema, targetIndex, featureIdx, trainPart, classify);
  if (classify && pipeline.target.kind === 'classes') pipeline.target.classes = classes;
  const unseen = new Map<string, Set<string>>();
  const encode = (t: RawTable, rows: Int32Array) => ({
    x: transformX(pipeline, t, rows, unseen),
    y: encodeY(pipeline, t, rows),
    n: rows.length,
  });
  const trainSet = encode(table, trainPart);
  const testSet = encode(testTable, testRows);
  for (const [col, vals] of unseen) {
    const msg = `column "${col}": ${vals.size} level(s) of the test part never occur in training (${[...vals].slice(0, 5).join(', ')}); encoded as all zeros`;
    notes.push(msg);
    ctx.note(msg);
  }

  const K = classify ? classes.length : 1;
  const fitRowsPerMember = folds[0].train.length;
  const built = buildMlp({
    inputs: pipeline.inputSize,
    outputs: K,
    trainRows: fitRowsPerMember,
    hidden: spec.hidden,
    dropout: spec.dropout,
  });
  const hyper = {
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

  // Test predictions and metrics, in original units.
  const out = predictEnsemble(ens.members, testSet.x, testSet.n, classify);
  const idCol = schema.columns.find((c) => c.type === 'id');
  const idIndex = idCol ? testTable.names.indexOf(idCol.name) : -1;
  const { ids, header: idHeader } = rowIds(testTable, schema, testRows);
  let test: Record<string, unknown>;
  let baselines: Record<string, Record<string, unknown>>;
  let predCsv: string;
  let predictions: TestPredictions;
  if (classify) {
    ({ test, csv: predCsv, predictions } = classificationOutputs(out, testSet.y, classes, ids, idHeader));
    const runs = classificationBaselineRuns(trainSet, testSet, pipeline.inputSize, classes);
    baselines = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, { ...v.metrics }]));
    if (ctx.variant?.baselineRows)
      predictions.baselines = Object.fromEntries(
        Object.entries(runs).map(([k, v]) => [k, Array.from(v.pred, (c) => classes[c])]),
      );
  } else {
    const tg = pipeline.target;
    if (tg.kind !== 'scaled') throw new Error('regression target must be scaled');
    const unscale = (z: number): number => z * tg.std + tg.mean;
    const yTrue = Float64Array.from(testSet.y, unscale);
    const yPred = Float64Array.from(out, unscale);
    test = { ...regressionMetrics(yTrue, yPred) };
    const runs = regressionBaselineRuns(trainSet, testSet, pipeline.inputSize, unscale);
    baselines = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, { ...v.metrics }]));
    predCsv = toCsv(
      [idHeader, 'actual', 'predicted'],
      Array.from(testRows, (_, i) => [ids[i], yTrue[i], yPred[i]]),
    );
    predictions = { actual: Array.from(yTrue), predicted: Array.from(yPred) };
    if (ctx.variant?.baselineRows)
      predictions.baselines = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, Array.from(v.pred)]));
  }
  const sensitivity = ctx.variant?.lite
    ? undefined
    : tabularSensitivity(spec.sensitivity, pipeline, ens.members, testSet, classify, rng.fork(), ctx.note);
  if (test.mape_excluded)
    notes.push(`MAPE leaves out ${Number(test.mape_excluded)} test row(s) whose actual value is 0`);

  const metrics: MetricsJson = {
    task: chosen,
    model: 'mlp',
    data: {
      file: spec.data,
      rows: table.nRows,
      train_rows: trainPart.length,
      val_rows: folds[0].test.length,
      test_rows: testRows.length,
      features: pipeline.features.length,
      inputs: pipeline.inputSize,
      ...(classify ? { classes: classes.length } : {}),
    },
    test,
    baselines,
    train: trainStats(ens),
    ...(sensitivity ? { sensitivity } : {}),
  };
  const missingOf = (col: string): number => schema.columns.find((c) => c.name === col)?.missing ?? 0;
  const preprocessing: PreprocessStep[] = [
    ...pipeline.features.map((f): PreprocessStep =>
      f.kind === 'numeric'
        ? { kind: 'numeric', column: f.column, fill: f.fill, mean: f.mean, std: f.std, missing: missingOf(f.column) }
        : { kind: 'onehot', column: f.column, levels: f.levels.length, fill: f.fill, missing: missingOf(f.column) },
    ),
    pipeline.target.kind === 'classes'
      ? { kind: 'target_classes', column: targetName, classes: pipeline.target.classes.length }
      : { kind: 'target_scaled', column: targetName, mean: pipeline.target.mean, std: pipeline.target.std },
  ];
  const modelPipeline: TabularModelPipeline = {
    tabular: pipeline,
    task: chosen,
    ...(idIndex >= 0 ? { idColumn: idCol!.name } : {}),
  };
  const modelJson = encodeModelFile(ens.members, {
    nnmVersion: nnmVersion(),
    task: chosen,
    model: 'mlp',
    pipeline: modelPipeline,
    seed: spec.seed,
  });
  const featureSet = new Set(featureIdx);
  const summary = {
    task: chosen as Task,
    model: 'mlp',
    command: ctx.command,
    seed: spec.seed,
    nnmVersion: nnmVersion(),
    audit: dataAudit(
      spec.data,
      table,
      schema,
      (c) => (c === targetName ? 'target' : featureSet.has(table.names.indexOf(c)) ? 'input' : 'unused'),
      imputed,
      notes,
    ),
    target: targetName,
    split: splitText,
    layers: ens.members[0].summary(),
    paramCount: ens.members[0].paramCount,
    hyper,
    history: ens.results[0].history,
    metrics,
    notes,
    inShape: [pipeline.inputSize],
    splitInfo: spec.test
      ? {
          kind: 'file' as const,
          train: trainPart.length,
          test: testRows.length,
          val: folds[0].test.length,
          file: spec.test,
        }
      : {
          kind: classify ? ('stratified' as const) : ('random' as const),
          train: trainPart.length,
          test: testRows.length,
          val: folds[0].test.length,
          testFraction: spec.testSize,
        },
    preprocessing,
    predictions,
  };
  const config = resolvedConfig(spec, {
    task: chosen,
    model: 'mlp',
    hidden: built.hidden,
    dropout: built.dropout,
    epochs: hyper.epochs,
    batchSize: hyper.batch_size,
    lr: hyper.lr,
    patience: hyper.patience,
    weightDecay: hyper.weight_decay,
    ensemble: nMembers,
  });
  return {
    summary,
    config,
    ...(heldOut ? { heldOut } : {}),
    files: {
      'model.nnm.json': modelJson,
      'predictions.csv': predCsv,
      'history.csv': historyCsv(ens),
    },
  };
}

interface Labelled {
  table: RawTable;
  targetName: string;
  /** Rows with a target value, and their class codes (classification). */
  labelled: Int32Array;
  rawLabels: Float32Array | undefined;
  classify: boolean;
  classes: number;
}

/** The test part: a fold of --cv, a separate labelled file, or a seeded (stratified) split. For tune's
 *  inner folds (variant.inner), the same seeded split is made first and the fold is cut from its
 *  training part only, so tuning never sees the rows `nnm train` will test on (returned as heldOut). */
function testPart(
  spec: TrainSpec,
  ctx: JobContext,
  d: Labelled,
  splitRng: Rng,
): { testTable: RawTable; trainPart: Int32Array; testRows: Int32Array; splitText: string; heldOut?: number[] } {
  const { table, labelled, rawLabels, classify } = d;
  const fold = ctx.variant?.fold;
  if (fold) {
    const f = kFolds(labelled, fold.k, splitRng, rawLabels)[fold.index];
    return {
      testTable: table,
      trainPart: f.train,
      testRows: f.test,
      splitText: `${classify ? 'stratified ' : ''}${fold.k}-fold cross-validation, fold ${fold.index + 1}: ${f.train.length} training rows, ${f.test.length} test rows`,
    };
  }
  let main: { testTable: RawTable; trainPart: Int32Array; testRows: Int32Array; splitText: string };
  if (spec.test) {
    const testTable = ctx.readTable(spec.test);
    const ti = testTable.names.indexOf(d.targetName);
    if (ti < 0)
      throw new UserError({
        file: spec.test,
        message: `has no target column "${d.targetName}"`,
        hint: 'the test file needs the same header as the training file',
      });
    const testRows = rowsWithTarget(
      testTable,
      ti,
      Int32Array.from({ length: testTable.nRows }, (_, i) => i),
    );
    main = {
      testTable,
      trainPart: labelled,
      testRows,
      splitText: `separate test file ${spec.test} (${testRows.length} rows)`,
    };
  } else {
    const minRows = classify ? Math.max(2 * d.classes, 10) : 10;
    if (labelled.length < minRows) {
      throw new UserError({
        file: table.file,
        message: `has ${labelled.length} labelled rows, too few to hold out a test part`,
        hint: `give at least ${minRows} rows, or a separate file with --test`,
      });
    }
    const s = splitRows(labelled, spec.testSize, splitRng, rawLabels);
    main = {
      testTable: table,
      trainPart: s.train,
      testRows: s.test,
      splitText: `${classify ? 'stratified ' : ''}random split, seed ${spec.seed}: ${s.train.length} training rows, ${s.test.length} test rows (${Math.round(spec.testSize * 100)}%)`,
    };
  }
  const inner = ctx.variant?.inner;
  if (!inner) return main;
  const labels = rawLabels ? labelsOf(main.trainPart, labelled, rawLabels) : undefined;
  const f = kFolds(main.trainPart, inner.k, splitRng, labels)[inner.index];
  const heldOut = main.testTable === table ? Array.from(main.testRows, (r) => r + 1).sort((a, b) => a - b) : [];
  return {
    testTable: table,
    trainPart: f.train,
    testRows: f.test,
    heldOut,
    splitText: `${inner.k}-fold cross-validation inside the training part, fold ${inner.index + 1}: ${f.train.length} training rows, ${f.test.length} test rows`,
  };
}
