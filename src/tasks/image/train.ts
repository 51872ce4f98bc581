// The image job (and 1-D signals with --model cnn), following the tabular job: load (pixel CSV or a
// folder of class sub-folders) -> stratified seeded split -> scaling fitted on the training part ->
// build (CNN sized to the input, or an MLP over the flattened pixels) -> fit (one network early-
// stopped on a validation split by default) -> test metrics beside the majority baseline -> RunOutput.

import type { TrainSpec } from '../../config/options.js';
import { loadPixelCsv } from '../../data/image-csv.js';
import { isFolder, loadImageFolder } from '../../data/image-folder.js';
import {
  applyScaling,
  augmentImages,
  fitStandard,
  flipsMakeSense,
  type ImageScaling,
  inferPixelRange,
} from '../../data/images.js';
import { kFolds, type Split, splitRows } from '../../data/split.js';
import { sortLevels } from '../../data/tabular.js';
import { Rng } from '../../engine/rng.js';
import { UserError } from '../../errors.js';
import type { RunOutput } from '../../report/types.js';
import type { JobContext } from '../context.js';
import { type Dataset, type FitOptions } from '../../train/fit.js';
import { subset, trainEnsemble } from '../../train/ensemble.js';
import { splitRngOf } from '../split-seed.js';
import { buildNetwork, defaultsFor, type ImageModelKind } from './network.js';
import { testPart } from './test-part.js';
import { imageRunOutput } from './train-output.js';
import type { FittedNetworks, ImageHyper, LoadedImages, TestPart } from './types.js';

/** 'image': --task image (a pixel count must fit an image); 'auto': --model cnn without a task. */
export function runImageJob(spec: TrainSpec, want: 'image' | 'auto', ctx: JobContext): RunOutput {
  const modelKind = spec.model === 'mlp' ? 'mlp' : 'cnn';
  const folder = isFolder(spec.data);
  const data = readImages(spec, want, folder, ctx);
  const notes = [...data.notes];
  const note = (m: string): void => {
    notes.push(m);
    ctx.note(m);
  };
  const classes = classesOf(data);
  const y = Float32Array.from(data.labels, (l) => classes.indexOf(l));

  const rng = new Rng(spec.seed);
  const splitRng = splitRngOf(rng, ctx.variant);
  const part = testPart(spec, data, folder, classes, y, splitRng, ctx.readTable);
  const { scaling, trainSet } = scaleParts(data, folder, y, part, note);

  const fitted = fitNetworks({ spec, modelKind, data, classes, trainSet, splitRng, rng, note, ctx });
  return imageRunOutput({ spec, ctx, modelKind, folder, data, classes, notes, part, scaling, trainSet, fitted });
}

function readImages(spec: TrainSpec, want: 'image' | 'auto', folder: boolean, ctx: JobContext): LoadedImages {
  if (folder) return { ...loadImageFolder(spec.data, { size: spec.imageSize }, ctx.note), kind: 'image' as const };
  return loadPixelCsv(
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
}

/** The sorted class labels; a classifier needs two. */
function classesOf(data: LoadedImages): string[] {
  const classes = sortLevels([...new Set(data.labels)]);
  if (classes.length < 2)
    throw new UserError({
      file: data.file,
      message: `the labels hold one class only ("${classes[0]}")`,
      hint: 'a classifier needs at least two classes; check --target',
    });
  return classes;
}

/** Scaling from the training part only, applied to both parts (the test part in place). */
function scaleParts(
  data: LoadedImages,
  folder: boolean,
  y: Float32Array,
  part: TestPart,
  note: (m: string) => void,
): { scaling: ImageScaling; trainSet: Dataset } {
  const size = data.shape.reduce((a, b) => a * b, 1);
  const scaling: ImageScaling = folder
    ? { kind: 'range', min: 0, max: 255, why: 'decoded 8-bit images' }
    : data.kind === 'image'
      ? inferPixelRange(data.x, data.n, size, part.train)
      : fitStandard(data.x, size, part.train);
  note(
    scaling.kind === 'range'
      ? `pixels scaled to [0, 1] from ${scaling.min}..${scaling.max} (${scaling.why})`
      : `signals standardised with the training mean ${scaling.mean.toPrecision(4)} and standard deviation ${scaling.std.toPrecision(4)}`,
  );
  const trainSet = subset({ x: data.x, y, n: data.n }, part.train, size, 1);
  applyScaling(trainSet.x, scaling);
  applyScaling(part.test.x, scaling);
  return { scaling, trainSet };
}

interface FitInputs {
  spec: TrainSpec;
  modelKind: ImageModelKind;
  data: LoadedImages;
  classes: string[];
  /** The training part, scaled. */
  trainSet: Dataset;
  splitRng: Rng;
  rng: Rng;
  note: (m: string) => void;
  ctx: JobContext;
}

/** Member folds of the training part, the network and its defaults, then the (augmented) ensemble fit. */
function fitNetworks(a: FitInputs): FittedNetworks {
  const { spec, modelKind, data, trainSet } = a;
  // NOTE: MLPs are cheap, so small sets get the tabular job's 5-fold ensemble; a CNN trains one network.
  const nMembers = spec.ensemble ?? (modelKind === 'mlp' && trainSet.n <= 2000 ? 5 : 1);
  const positions = Int32Array.from({ length: trainSet.n }, (_, i) => i);
  const folds =
    nMembers > 1
      ? kFolds(positions, nMembers, a.splitRng, trainSet.y)
      : [splitRows(positions, spec.valSize, a.splitRng, trainSet.y)];
  const fitRows = folds[0].train.length;
  const built = buildNetwork(modelKind, data.shape, a.classes.length, fitRows, spec);
  const hyper: ImageHyper = {
    ...built.hyper,
    ...defaultsFor(modelKind, fitRows, spec),
    ensemble: nMembers,
    augment: spec.augment ? 'on' : 'off',
  };
  const fitFolds = augmentedFolds(a, folds);
  const ens = trainEnsemble(built.spec, fitFolds, fitOptionsOf(hyper, spec), a.rng.fork(), a.ctx.listener, a.ctx.note);
  const diverged = ens.results.find((r) => r.diverged)?.diverged;
  if (diverged)
    a.note(
      `training diverged at epoch ${diverged.epoch} (the loss became NaN/infinite); kept the best weights before it. Try --lr ${(diverged.lr / 10).toPrecision(1)}`,
    );
  return { ens, built, hyper, nMembers, folds };
}

/** Each member's fitting and validation sets; with --augment, 2 shifted copies of every fitting image. */
function augmentedFolds(a: FitInputs, folds: Split[]): { train: Dataset; val: Dataset }[] {
  const { spec, data, trainSet } = a;
  const size = data.shape.reduce((p, q) => p * q, 1);
  const flip = data.kind === 'image' && flipsMakeSense(a.classes, data.file);
  if (spec.augment) {
    if (data.kind === 'image')
      a.note(
        `augmentation: 2 shifted${flip ? ' (and randomly mirrored)' : ''} copies of every training image${flip ? '' : ' (no mirroring: it would change digits and letters)'}`,
      );
    else a.note('--augment applies to images only; ignored for signals');
  }
  const augRng = a.rng.fork();
  return folds.map((f) => {
    let tr: Dataset = subset(trainSet, f.train, size, 1);
    if (spec.augment && data.kind === 'image') tr = augmentImages(tr.x, tr.y, tr.n, data.shape, 2, flip, augRng);
    return { train: tr, val: subset(trainSet, f.test, size, 1) };
  });
}

function fitOptionsOf(hyper: ImageHyper, spec: TrainSpec): FitOptions {
  return {
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
}
