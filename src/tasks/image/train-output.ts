// The image job's RunOutput from a fitted run: test predictions beside the tabular baselines,
// metrics.json, the model file, the report's summary (data audit, misclassified images) and config.json.

import { nnmVersion } from '../../config/version.js';
import type { ImagePipeline } from '../../data/images.js';
import { encodeModelFile } from '../../models/model-file.js';
import { classificationBaselineRuns } from '../../metrics/tabular-baselines.js';
import type { MetricsJson, RunOutput, RunSummary, TestPredictions } from '../../report/types.js';
import { predictEnsemble, trainStats } from '../../train/ensemble.js';
import { classificationOutputs, historyCsv, resolvedConfig } from '../outputs.js';
import { imageAudit, misclassified } from './audit.js';
import type { ImageRun } from './types.js';

interface TestResults {
  testMetrics: Record<string, unknown>;
  predCsv: string;
  predictions: TestPredictions;
  baselines: MetricsJson['baselines'];
}

export function imageRunOutput(run: ImageRun): RunOutput {
  const { spec, data, fitted } = run;
  const results = testResults(run);
  const metrics = imageMetrics(run, results);
  const pipeline: ImagePipeline = {
    kind: data.kind,
    shape: data.shape,
    source: data.source,
    scaling: run.scaling,
    classes: run.classes,
  };
  const modelJson = encodeModelFile(fitted.ens.members, {
    nnmVersion: nnmVersion(),
    task: metrics.task,
    model: run.modelKind,
    pipeline,
    seed: spec.seed,
  });
  return {
    summary: imageSummary(run, metrics, results.predictions),
    config: imageConfig(run),
    files: { 'model.nnm.json': modelJson, 'predictions.csv': results.predCsv, 'history.csv': historyCsv(fitted.ens) },
  };
}

/** The averaged test predictions and the tabular baselines (`nnm compare` also gets their rows). */
function testResults(run: ImageRun): TestResults {
  const { data, classes, part } = run;
  const test = part.test;
  const size = data.shape.reduce((a, b) => a * b, 1);
  const out = predictEnsemble(run.fitted.ens.members, test.x, test.n, true);
  const {
    test: testMetrics,
    csv: predCsv,
    predictions,
  } = classificationOutputs(out, test.y, classes, test.ids, test.idHeader);
  const baselineRuns = classificationBaselineRuns(run.trainSet, test, size, classes);
  if (run.ctx.variant?.baselineRows)
    predictions.baselines = Object.fromEntries(
      Object.entries(baselineRuns).map(([k, v]) => [k, Array.from(v.pred, (c) => classes[c])]),
    );
  // NOTE: the tabular baselines (majority, logistic regression, k-NN) see the scaled pixels as a flat row.
  const baselines = Object.fromEntries(Object.entries(baselineRuns).map(([k, v]) => [k, { ...v.metrics }]));
  return { testMetrics, predCsv, predictions, baselines };
}

function imageMetrics(run: ImageRun, results: TestResults): MetricsJson {
  const { data, part } = run;
  return {
    task: data.kind === 'image' ? 'image' : 'classify',
    model: run.modelKind,
    data: {
      file: run.spec.data,
      rows: data.n,
      train_rows: part.train.length,
      val_rows: run.fitted.folds[0].test.length,
      test_rows: part.test.n,
      inputs: data.shape.reduce((a, b) => a * b, 1),
      input_shape:
        data.kind === 'image'
          ? `${data.shape[1]}x${data.shape[2]}x${data.shape[0]}`
          : `${data.shape[1]}x${data.shape[0]}`,
      classes: run.classes.length,
      ...(data.kind === 'signal' ? { signal: true } : {}),
    },
    test: results.testMetrics,
    baselines: results.baselines,
    train: trainStats(run.fitted.ens),
  };
}

function imageSummary(run: ImageRun, metrics: MetricsJson, predictions: TestPredictions): RunSummary {
  const { spec, data, part, fitted } = run;
  const size = data.shape.reduce((a, b) => a * b, 1);
  return {
    task: metrics.task,
    model: run.modelKind,
    command: run.ctx.command,
    seed: spec.seed,
    nnmVersion: nnmVersion(),
    audit: imageAudit(data, run.folder, run.notes),
    target: data.source.kind === 'pixels' ? data.source.labelColumn : 'class folder',
    split: part.splitText,
    layers: fitted.ens.members[0].summary(),
    paramCount: fitted.ens.members[0].paramCount,
    hyper: fitted.hyper,
    history: fitted.ens.results[0].history,
    metrics,
    notes: run.notes,
    inShape: [...data.shape],
    predictions,
    splitInfo: {
      kind: 'stratified' as const,
      train: part.train.length,
      test: part.test.n,
      val: fitted.folds[0].test.length,
      testFraction: spec.testSize,
    },
    ...(data.kind === 'image'
      ? { misclassified: misclassified(part.test.x, size, data.shape as [number, number, number], predictions) }
      : {}),
  };
}

/** config.json holds train options only (it is read back by --config). */
function imageConfig(run: ImageRun): Record<string, unknown> {
  const { data, folder, fitted } = run;
  const { hyper } = fitted;
  return resolvedConfig(run.spec, {
    task: data.kind === 'image' ? 'image' : undefined,
    model: run.modelKind,
    epochs: hyper.epochs,
    batchSize: hyper.batch_size,
    lr: hyper.lr,
    patience: hyper.patience,
    weightDecay: hyper.weight_decay,
    ensemble: fitted.nMembers,
    dropout: fitted.built.dropout,
    hidden: fitted.built.hidden,
    ...(data.kind === 'image' && !folder ? { imageShape: `${data.shape[1]}x${data.shape[2]}x${data.shape[0]}` } : {}),
    ...(folder ? { imageSize: data.shape[1] } : {}),
  });
}
