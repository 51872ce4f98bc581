// The run output of the tabular job: metrics.json, the model file (with its TabularModelPipeline), the
// run summary the reports read (preprocessing steps, split), the resolved config and the CSV files.

import type { TrainSpec } from '../../config/options.js';
import type { Task } from '../../config/tasks.js';
import { nnmVersion } from '../../config/version.js';
import type { SensitivityResult } from '../../analysis/sensitivity.js';
import { encodeModelFile } from '../../models/model-file.js';
import type { MetricsJson, PreprocessStep, RunOutput, SplitInfo } from '../../report/types.js';
import { trainStats } from '../../train/ensemble.js';
import type { JobContext } from '../context.js';
import { dataAudit, historyCsv, resolvedConfig } from '../outputs.js';
import type { TestPart } from './test-part.js';
import type { TabularTested } from './train-metrics.js';
import type { TabularData, TabularMembers, TabularModelPipeline, TabularPrepared } from './train.js';

/** What the tabular job's steps made, in the order they made it. */
export interface TabularRun {
  d: TabularData;
  part: TestPart;
  prep: TabularPrepared;
  members: TabularMembers;
  tested: TabularTested;
  classes: string[];
  sensitivity: SensitivityResult | undefined;
}

export function tabularOutput(
  spec: TrainSpec,
  task: 'classify' | 'regress',
  ctx: JobContext,
  run: TabularRun,
): RunOutput {
  const { d, part, prep, members, tested } = run;
  const { table, schema, targetName, notes } = d;
  const { pipeline, folds } = prep;
  const { ens, hyper } = members;
  const metrics = metricsOf(spec, task, run);
  const modelJson = modelFileOf(spec, task, run);
  const featureSet = new Set(d.featureIdx);
  const summary = {
    task: task as Task,
    model: 'mlp',
    command: ctx.command,
    seed: spec.seed,
    nnmVersion: nnmVersion(),
    audit: dataAudit(
      spec.data,
      table,
      schema,
      (c) => (c === targetName ? 'target' : featureSet.has(table.names.indexOf(c)) ? 'input' : 'unused'),
      prep.imputed,
      notes,
    ),
    target: targetName,
    split: part.splitText,
    layers: ens.members[0].summary(),
    paramCount: ens.members[0].paramCount,
    hyper,
    history: ens.results[0].history,
    metrics,
    notes,
    inShape: [pipeline.inputSize],
    splitInfo: splitInfoOf(spec, task, part, folds[0].test.length),
    preprocessing: preprocessingOf(d, prep),
    predictions: tested.predictions,
  };
  return {
    summary,
    config: configOf(spec, task, run),
    ...(part.heldOut ? { heldOut: part.heldOut } : {}),
    files: {
      'model.nnm.json': modelJson,
      'predictions.csv': tested.predCsv,
      'history.csv': historyCsv(ens),
    },
  };
}

function metricsOf(spec: TrainSpec, task: 'classify' | 'regress', run: TabularRun): MetricsJson {
  const { d, part, prep, tested, classes, sensitivity } = run;
  return {
    task,
    model: 'mlp',
    data: {
      file: spec.data,
      rows: d.table.nRows,
      train_rows: part.trainPart.length,
      val_rows: prep.folds[0].test.length,
      test_rows: part.testRows.length,
      features: prep.pipeline.features.length,
      inputs: prep.pipeline.inputSize,
      ...(task === 'classify' ? { classes: classes.length } : {}),
    },
    test: tested.test,
    baselines: tested.baselines,
    train: trainStats(run.members.ens),
    ...(sensitivity ? { sensitivity } : {}),
  };
}

/** What was done to each input and to the target, for the report. */
function preprocessingOf(d: TabularData, prep: TabularPrepared): PreprocessStep[] {
  const { pipeline } = prep;
  const missingOf = (col: string): number => d.schema.columns.find((c) => c.name === col)?.missing ?? 0;
  return [
    ...pipeline.features.map((f): PreprocessStep =>
      f.kind === 'numeric'
        ? { kind: 'numeric', column: f.column, fill: f.fill, mean: f.mean, std: f.std, missing: missingOf(f.column) }
        : { kind: 'onehot', column: f.column, levels: f.levels.length, fill: f.fill, missing: missingOf(f.column) },
    ),
    pipeline.target.kind === 'classes'
      ? { kind: 'target_classes', column: d.targetName, classes: pipeline.target.classes.length }
      : { kind: 'target_scaled', column: d.targetName, mean: pipeline.target.mean, std: pipeline.target.std },
  ];
}

/** How the test part was chosen, as data: the --test file or a (stratified) random split. */
function splitInfoOf(spec: TrainSpec, task: 'classify' | 'regress', part: TestPart, val: number): SplitInfo {
  return spec.test
    ? {
        kind: 'file' as const,
        train: part.trainPart.length,
        test: part.testRows.length,
        val,
        file: spec.test,
      }
    : {
        kind: task === 'classify' ? ('stratified' as const) : ('random' as const),
        train: part.trainPart.length,
        test: part.testRows.length,
        val,
        testFraction: spec.testSize,
      };
}

/** model.nnm.json: the members' weights and what predict needs to read new rows like these. */
function modelFileOf(spec: TrainSpec, task: 'classify' | 'regress', run: TabularRun): string {
  const idCol = run.d.schema.columns.find((c) => c.type === 'id');
  const idIndex = idCol ? run.part.testTable.names.indexOf(idCol.name) : -1;
  const modelPipeline: TabularModelPipeline = {
    tabular: run.prep.pipeline,
    task,
    ...(idIndex >= 0 ? { idColumn: idCol!.name } : {}),
  };
  return encodeModelFile(run.members.ens.members, {
    nnmVersion: nnmVersion(),
    task,
    model: 'mlp',
    pipeline: modelPipeline,
    seed: spec.seed,
  });
}

/** config.json: the options as resolved for this run. */
function configOf(spec: TrainSpec, task: 'classify' | 'regress', run: TabularRun): Record<string, unknown> {
  const { built, hyper } = run.members;
  return resolvedConfig(spec, {
    task,
    model: 'mlp',
    hidden: built.hidden,
    dropout: built.dropout,
    epochs: hyper.epochs,
    batchSize: hyper.batch_size,
    lr: hyper.lr,
    patience: hyper.patience,
    weightDecay: hyper.weight_decay,
    ensemble: run.prep.nMembers,
  });
}
