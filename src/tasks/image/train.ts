// The image job (and 1-D signals with --model cnn), following the tabular job: load (pixel CSV or a
// folder of class sub-folders) -> stratified seeded split -> scaling fitted on the training part ->
// build (CNN sized to the input, or an MLP over the flattened pixels) -> fit (one network early-
// stopped on a validation split by default) -> test metrics beside the majority baseline -> RunOutput.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainSpec } from '../../config/options.js';
import type { TableReader } from '../../data/read.js';
import { nnmVersion } from '../../config/version.js';
import { loadPixelCsv, loadPixelCsvLike } from '../../data/image-csv.js';
import { isFolder, loadImageFolder } from '../../data/image-folder.js';
import {
  applyScaling,
  augmentImages,
  fitStandard,
  flipsMakeSense,
  type ImagePipeline,
  type ImageScaling,
  type ImageSet,
  inferPixelRange,
} from '../../data/images.js';
import { kFolds, splitRows } from '../../data/split.js';
import { sortLevels } from '../../data/tabular.js';
import type { ModelSpec } from '../../engine/model.js';
import { Rng } from '../../engine/rng.js';
import { UserError } from '../../errors.js';
import { buildCnn } from '../../models/cnn.js';
import { buildMlp } from '../../models/mlp.js';
import { encodeModelFile, sha256 } from '../../models/model-file.js';
import { classificationBaselineRuns } from '../../metrics/tabular-baselines.js';
import { classificationOutputs, historyCsv, resolvedConfig } from '../outputs.js';
import type { DataAudit, MetricsJson, RunOutput } from '../../report/types.js';
import type { JobContext } from '../context.js';
import { type Dataset, type FitOptions } from '../../train/fit.js';
import { predictEnsemble, subset, trainEnsemble, trainStats } from '../../train/ensemble.js';
import { splitRngOf } from '../split-seed.js';

/** 'image': --task image (a pixel count must fit an image); 'auto': --model cnn without a task. */
export function runImageJob(spec: TrainSpec, want: 'image' | 'auto', ctx: JobContext): RunOutput {
  const modelKind = spec.model === 'mlp' ? 'mlp' : 'cnn';
  const folder = isFolder(spec.data);
  const data = folder
    ? { ...loadImageFolder(spec.data, { size: spec.imageSize }, ctx.note), kind: 'image' as const }
    : loadPixelCsv(
        spec.data,
        {
          target: spec.target,
          columns: spec.sequenceColumns ?? spec.features,
          imageShape: spec.imageShape,
          want: spec.sequenceColumns ? 'signal' : want,
        },
        ctx.note,
        ctx.readTable,
      );
  const notes = [...data.notes];
  const note = (m: string): void => {
    notes.push(m);
    ctx.note(m);
  };
  const classes = sortLevels([...new Set(data.labels)]);
  if (classes.length < 2)
    throw new UserError({
      file: data.file,
      message: `the labels hold one class only ("${classes[0]}")`,
      hint: 'a classifier needs at least two classes; check --target',
    });
  const y = Float32Array.from(data.labels, (l) => classes.indexOf(l));
  const size = data.shape.reduce((a, b) => a * b, 1);

  const rng = new Rng(spec.seed);
  const splitRng = splitRngOf(rng, ctx.variant);
  const { train, test, splitText } = testPart(spec, data, folder, classes, y, splitRng, ctx.readTable);

  // Scaling from the training part only, applied to both parts.
  const scaling: ImageScaling = folder
    ? { kind: 'range', min: 0, max: 255, why: 'decoded 8-bit images' }
    : data.kind === 'image'
      ? inferPixelRange(data.x, data.n, size, train)
      : fitStandard(data.x, size, train);
  note(
    scaling.kind === 'range'
      ? `pixels scaled to [0, 1] from ${scaling.min}..${scaling.max} (${scaling.why})`
      : `signals standardised with the training mean ${scaling.mean.toPrecision(4)} and standard deviation ${scaling.std.toPrecision(4)}`,
  );
  const trainSet = subset({ x: data.x, y, n: data.n }, train, size, 1);
  applyScaling(trainSet.x, scaling);
  applyScaling(test.x, scaling);

  // NOTE: MLPs are cheap, so small sets get the tabular job's 5-fold ensemble; a CNN trains one network.
  const nMembers = spec.ensemble ?? (modelKind === 'mlp' && train.length <= 2000 ? 5 : 1);
  const trainLabels = trainSet.y;
  const positions = Int32Array.from({ length: trainSet.n }, (_, i) => i);
  const folds =
    nMembers > 1
      ? kFolds(positions, nMembers, splitRng, trainLabels)
      : [splitRows(positions, spec.valSize, splitRng, trainLabels)];
  const fitRows = folds[0].train.length;
  const K = classes.length;

  const built = buildNetwork(modelKind, data.shape, K, fitRows, spec);
  const hyper = {
    ...built.hyper,
    ...defaultsFor(modelKind, fitRows, spec),
    ensemble: nMembers,
    augment: spec.augment ? 'on' : 'off',
  };
  const flip = data.kind === 'image' && flipsMakeSense(classes, data.file);
  if (spec.augment) {
    if (data.kind === 'image')
      note(
        `augmentation: 2 shifted${flip ? ' (and randomly mirrored)' : ''} copies of every training image${flip ? '' : ' (no mirroring: it would change digits and letters)'}`,
      );
    else note('--augment applies to images only; ignored for signals');
  }
  const augRng = rng.fork();
  const fitFolds = folds.map((f) => {
    let tr: Dataset = subset(trainSet, f.train, size, 1);
    if (spec.augment && data.kind === 'image') tr = augmentImages(tr.x, tr.y, tr.n, data.shape, 2, flip, augRng);
    return { train: tr, val: subset(trainSet, f.test, size, 1) };
  });
  const fitOptions: FitOptions = {
    epochs: hyper.epochs,
    batchSize: hyper.batch_size,
    lr: hyper.lr,
    optimizer: spec.optimizer,
    patience: hyper.patience,
    weightDecay: hyper.weight_decay,
    loss: 'softmax_cross_entropy',
    clipNorm: 5,
    plateau: hyper.plateau,
  };
  const ens = trainEnsemble(built.spec, fitFolds, fitOptions, rng.fork(), ctx.listener, ctx.note);
  const diverged = ens.results.find((r) => r.diverged)?.diverged;
  if (diverged)
    note(
      `training diverged at epoch ${diverged.epoch} (the loss became NaN/infinite); kept the best weights before it. Try --lr ${(diverged.lr / 10).toPrecision(1)}`,
    );

  const out = predictEnsemble(ens.members, test.x, test.n, true);
  const {
    test: testMetrics,
    csv: predCsv,
    predictions,
  } = classificationOutputs(out, test.y, classes, test.ids, test.idHeader);
  const baselineRuns = classificationBaselineRuns(trainSet, test, size, classes);
  if (ctx.variant?.baselineRows)
    predictions.baselines = Object.fromEntries(
      Object.entries(baselineRuns).map(([k, v]) => [k, Array.from(v.pred, (c) => classes[c])]),
    );
  const metrics: MetricsJson = {
    task: data.kind === 'image' ? 'image' : 'classify',
    model: modelKind,
    data: {
      file: spec.data,
      rows: data.n,
      train_rows: train.length,
      val_rows: folds[0].test.length,
      test_rows: test.n,
      inputs: size,
      input_shape:
        data.kind === 'image'
          ? `${data.shape[1]}x${data.shape[2]}x${data.shape[0]}`
          : `${data.shape[1]}x${data.shape[0]}`,
      classes: K,
      ...(data.kind === 'signal' ? { signal: true } : {}),
    },
    test: testMetrics,
    // NOTE: the tabular baselines (majority, logistic regression, k-NN) see the scaled pixels as a flat row.
    baselines: Object.fromEntries(Object.entries(baselineRuns).map(([k, v]) => [k, { ...v.metrics }])),
    train: trainStats(ens),
  };
  const pipeline: ImagePipeline = { kind: data.kind, shape: data.shape, source: data.source, scaling, classes };
  const modelJson = encodeModelFile(ens.members, {
    nnmVersion: nnmVersion(),
    task: metrics.task,
    model: modelKind,
    pipeline,
    seed: spec.seed,
  });
  const summary = {
    task: metrics.task,
    model: modelKind,
    command: ctx.command,
    seed: spec.seed,
    nnmVersion: nnmVersion(),
    audit: audit(data, folder, notes),
    target: data.source.kind === 'pixels' ? data.source.labelColumn : 'class folder',
    split: splitText,
    layers: ens.members[0].summary(),
    paramCount: ens.members[0].paramCount,
    hyper,
    history: ens.results[0].history,
    metrics,
    notes,
    inShape: [...data.shape],
    predictions,
    splitInfo: {
      kind: 'stratified' as const,
      train: train.length,
      test: test.n,
      val: folds[0].test.length,
      testFraction: spec.testSize,
    },
    ...(data.kind === 'image'
      ? { misclassified: misclassified(test.x, size, data.shape as [number, number, number], predictions) }
      : {}),
  };
  // config.json holds train options only (it is read back by --config).
  const config = resolvedConfig(spec, {
    task: data.kind === 'image' ? 'image' : undefined,
    model: modelKind,
    epochs: hyper.epochs,
    batchSize: hyper.batch_size,
    lr: hyper.lr,
    patience: hyper.patience,
    weightDecay: hyper.weight_decay,
    ensemble: nMembers,
    dropout: built.dropout,
    hidden: built.hidden,
    ...(data.kind === 'image' && !folder ? { imageShape: `${data.shape[1]}x${data.shape[2]}x${data.shape[0]}` } : {}),
    ...(folder ? { imageSize: data.shape[1] } : {}),
  });
  return {
    summary,
    config,
    files: { 'model.nnm.json': modelJson, 'predictions.csv': predCsv, 'history.csv': historyCsv(ens) },
  };
}

/** The test part: a separate labelled file/folder (--test), or a stratified seeded split. */
function testPart(
  spec: TrainSpec,
  data: ImageSet & { kind: 'image' | 'signal' },
  folder: boolean,
  classes: string[],
  y: Float32Array,
  splitRng: Rng,
  read: TableReader,
): { train: Int32Array; test: ImageSet & { y: Float32Array }; splitText: string } {
  const unit = folder ? 'images' : 'rows';
  if (spec.test) {
    if (folder && !isFolder(spec.test))
      throw new UserError({
        file: spec.test,
        message: 'is not a folder, but the training data is a folder of images',
        hint: 'give --test a folder with the same class sub-folders',
      });
    const t = folder
      ? loadImageFolder(
          spec.test,
          { size: data.shape[1], colour: data.shape[0] === 1 ? 'grey' : 'rgb', classes },
          () => undefined,
        )
      : loadPixelCsvLike(
          spec.test,
          data.source as Extract<ImageSet['source'], { kind: 'pixels' }>,
          data.shape,
          data.kind,
          true,
          read,
        );
    const ty = Float32Array.from(t.labels, (l, r) => {
      const k = classes.indexOf(l);
      if (k < 0)
        throw new UserError({
          file: spec.test,
          row: folder ? undefined : r + 2,
          message: `class "${l}" does not occur in the training data`,
          hint: `known classes: ${classes.join(', ')}`,
        });
      return k;
    });
    return {
      train: Int32Array.from({ length: data.n }, (_, i) => i),
      test: { ...t, y: ty },
      splitText: `separate test ${folder ? 'folder' : 'file'} ${spec.test} (${t.n} ${unit})`,
    };
  }
  const minRows = Math.max(2 * classes.length, 10);
  if (data.n < minRows)
    throw new UserError({
      file: data.file,
      message: `has ${data.n} labelled samples, too few to hold out a test part`,
      hint: `give at least ${minRows}, or a separate test set with --test`,
    });
  const s = splitRows(
    Int32Array.from({ length: data.n }, (_, i) => i),
    spec.testSize,
    splitRng,
    y,
  );
  const size = data.x.length / data.n;
  const tx = subset({ x: data.x, y, n: data.n }, s.test, size, 1);
  return {
    train: s.train,
    test: {
      ...data,
      x: tx.x,
      n: s.test.length,
      labels: Array.from(s.test, (r) => data.labels[r]),
      ids: Array.from(s.test, (r) => data.ids[r]),
      y: tx.y,
    },
    splitText: `stratified random split, seed ${spec.seed}: ${s.train.length} training ${unit}, ${s.test.length} test ${unit} (${Math.round(spec.testSize * 100)}%)`,
  };
}

function buildNetwork(
  kind: 'cnn' | 'mlp',
  shape: number[],
  K: number,
  fitRows: number,
  spec: TrainSpec,
): { spec: ModelSpec; dropout: number; hidden: number[]; hyper: { architecture: string; architecture_rule: string } } {
  if (kind === 'cnn') {
    const b = buildCnn({ inShape: shape, outputs: K, dense: spec.hidden?.[0], dropout: spec.dropout });
    return {
      spec: b.spec,
      dropout: b.dropout,
      hidden: [b.dense],
      hyper: {
        architecture: b.blocks,
        architecture_rule: `3x3 'same' convolutions (${b.filters} filters, doubled after each 2x2 max-pool) while the side stays >= 8 (at most 3 stages), then dense(${b.dense}) + dropout`,
      },
    };
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const m = buildMlp({ inputs: size, outputs: K, trainRows: fitRows, hidden: spec.hidden, dropout: spec.dropout });
  return {
    spec: { inShape: [...shape], layers: [{ kind: 'flatten' }, ...m.spec.layers] },
    dropout: m.dropout,
    hidden: m.hidden,
    hyper: {
      architecture: `flatten -> ${m.hidden.map((h) => `dense(${h})`).join(' -> ')} -> dense(${K})`,
      architecture_rule: 'MLP over the flattened pixels; hidden sizes scaled to the inputs, classes and rows',
    },
  };
}

/** Training defaults: a small CNN runs ~2,000 samples/s on one core, so epochs scale to ~25k sample passes. */
function defaultsFor(
  kind: 'cnn' | 'mlp',
  fitRows: number,
  spec: TrainSpec,
): {
  epochs: number;
  batch_size: number;
  lr: number;
  optimizer: string;
  patience: number;
  plateau: number;
  weight_decay: number;
} {
  const cnn = kind === 'cnn';
  // NOTE: small sets need more epochs for enough optimiser steps (61 images x 150 epochs at batch 16
  // = 600 steps); digits (1,200 rows) get 20 epochs.
  const epochs = spec.epochs ?? (cnn ? Math.min(150, Math.max(10, Math.round(25_000 / Math.max(1, fitRows)))) : 200);
  const patience = spec.patience ?? (cnn ? Math.max(10, Math.round(epochs / 4)) : 20);
  return {
    epochs,
    batch_size: spec.batchSize ?? (fitRows < 500 ? 16 : 32),
    lr: spec.lr ?? (spec.optimizer === 'sgd' ? 0.01 : cnn ? 0.002 : 0.003),
    optimizer: spec.optimizer,
    patience,
    plateau: Math.max(3, Math.floor(patience / 3)),
    weight_decay: spec.weightDecay ?? (cnn ? 1e-4 : 1e-3),
  };
}

function audit(data: ImageSet & { kind: 'image' | 'signal' }, folder: boolean, notes: string[]): DataAudit {
  const counts = new Map<string, number>();
  for (const l of data.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const inputs =
    data.source.kind === 'pixels'
      ? {
          name: `${data.source.columns[0]} .. ${data.source.columns[data.source.columns.length - 1]} (${data.source.columns.length} ${data.kind === 'image' ? 'pixel' : 'signal'} columns)`,
          type: data.kind === 'image' ? 'pixels' : 'signal',
          missing: 0,
          unique: 0,
          role: 'input' as const,
        }
      : {
          name: `images (${data.shape[1]}x${data.shape[2]}, ${data.shape[0] === 1 ? 'grey' : 'RGB'})`,
          type: 'pixels',
          missing: 0,
          unique: data.n,
          role: 'input' as const,
        };
  return {
    file: data.file,
    sha256: folder ? folderHash(data.file, data.ids as string[]) : sha256(readFileSync(data.file)),
    encoding: data.encoding ?? 'PNG/JPEG',
    delimiter: data.delimiter ?? '/',
    rows: data.n,
    columns: [
      {
        name: data.source.kind === 'pixels' ? data.source.labelColumn : 'class (sub-folder)',
        type: 'category',
        missing: 0,
        unique: counts.size,
        role: 'target',
      },
      inputs,
    ],
    imputed: [],
    notes,
  };
}

/** SHA-256 over every image's relative path and content hash, in sorted order. */
function folderHash(dir: string, ids: string[]): string {
  return sha256(
    [...ids]
      .sort()
      .map((id) => `${id}:${sha256(readFileSync(join(dir, id)))}`)
      .join('\n'),
  );
}

/** Up to 24 misclassified test images (pixels rounded to 3 decimals) for the report's grid figure. */
function misclassified(
  x: Float32Array,
  size: number,
  shape: [number, number, number],
  p: { actual: (string | number)[]; predicted: (string | number)[] },
): { shape: [number, number, number]; items: { pixels: number[]; actual: string; predicted: string }[] } {
  const items: { pixels: number[]; actual: string; predicted: string }[] = [];
  for (let i = 0; i < p.actual.length && items.length < 24; i++) {
    if (p.actual[i] === p.predicted[i]) continue;
    items.push({
      pixels: Array.from(x.subarray(i * size, (i + 1) * size), (v) => Math.round(v * 1000) / 1000),
      actual: String(p.actual[i]),
      predicted: String(p.predicted[i]),
    });
  }
  return { shape, items };
}
