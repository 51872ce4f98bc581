// The fit loop: seeded shuffling into preallocated mini-batches, forward, loss, backward, optional
// L2 and gradient-norm clipping, optimiser step; per-epoch validation, reduce-on-plateau learning
// rate, early stopping with the best weights restored. Non-finite loss stops at once (restoring the
// best weights). Progress goes to an injected TrainListener; nothing here prints.

import { computeLoss, type LossKind } from '../engine/losses.js';
import { addWeightDecay, type Sequential } from '../engine/model.js';
import { createOptimizer, type OptimizerKind } from '../engine/optimizers/index.js';
import { clipGradNorm } from '../engine/clip.js';
import { Rng } from '../engine/rng.js';

export interface FitOptions {
  epochs: number;
  batchSize: number;
  lr: number;
  optimizer: OptimizerKind;
  /** Epochs without validation improvement before stopping; 0 = never stop early. */
  patience: number;
  weightDecay: number;
  loss: LossKind;
  /** Clip the global gradient norm to this value (0 = off). */
  clipNorm: number;
  /** Halve the learning rate after this many epochs without improvement (0 = constant rate). */
  plateau: number;
  /** Per-class loss weights (classification), indexed by class. */
  classWeights?: Float32Array;
}

export interface Dataset {
  x: Float32Array;
  /** Targets: one class index per row (softmax CE) or outSize values per row (MSE). */
  y: Float32Array;
  n: number;
}

export interface EpochLog {
  epoch: number;
  train_loss: number;
  val_loss: number;
  lr: number;
}

export interface TrainListener {
  onEpochEnd?(log: EpochLog, maxEpochs: number): void;
  onBatch?(done: number, total: number): void;
  /** An ensemble starts network `index` (1-based) of `total`. */
  onNetwork?(index: number, total: number): void;
  /** Polled after each batch (e.g. set by a SIGINT handler): stop after the current batch. */
  shouldStop?(): boolean;
}

/**
 * Why a network's training ended: the validation loss had not improved for `patience` epochs, the
 * epoch limit was reached, the user interrupted, or the loss became NaN/infinite.
 */
export type { StopReason } from '../report/types.js';
import type { StopReason } from '../report/types.js';

export interface FitResult {
  history: EpochLog[];
  bestEpoch: number;
  bestValLoss: number;
  epochs: number;
  seconds: number;
  samplesPerSecond: number;
  stoppedEarly: boolean;
  interrupted: boolean;
  stopReason: StopReason;
  /** Set when the loss became NaN/Inf; the best weights before it were restored. */
  diverged?: { epoch: number; lr: number };
  /** Set by trainEnsemble when a divergence in epoch 1 forced a retry at this (lower) learning rate. */
  retriedLr?: number;
}

// The mini-batch buffers, sized once for the largest batch.
interface Batches {
  xb: Float32Array;
  yb: Float32Array;
  rw: Float32Array | undefined;
  dy: Float32Array;
  order: Int32Array;
  maxB: number;
  count: number;
}

// What the epochs carry forward: the optimiser and its step count, the learning rate, and the best
// validation loss with its epoch and weights.
interface FitState {
  opt: ReturnType<typeof createOptimizer>;
  step: number;
  samples: number;
  lr: number;
  best: Float32Array;
  bestLoss: number;
  bestEpoch: number;
  sinceBest: number;
  sinceDecay: number;
}

type Ctx = { mode: 'train'; rng: Rng };

export function fit(
  model: Sequential,
  train: Dataset,
  val: Dataset | null,
  o: FitOptions,
  rng: Rng,
  listener: TrainListener = {},
): FitResult {
  const bs = makeBatches(model, train, o);
  const state = initialState(model, o);
  const ctx: Ctx = { mode: 'train', rng };
  const history: EpochLog[] = [];
  let stoppedEarly = false;
  let interrupted = false;
  let diverged: FitResult['diverged'];
  const t0 = performance.now();

  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    rng.shuffle(bs.order);
    const run = trainEpoch(model, train, o, bs, state, ctx, listener);
    if (run.diverged) {
      diverged = { epoch, lr: state.lr };
      break;
    }
    interrupted = run.interrupted;
    const trainLoss = run.lossSum / train.n;
    // NOTE: an empty validation part (more ensemble folds than rows) falls back to the training loss, not 0/0.
    const valLoss = val && val.n > 0 ? evaluateLoss(model, val, o.loss, bs.dy, 256) : trainLoss;
    const log: EpochLog = { epoch, train_loss: trainLoss, val_loss: valLoss, lr: state.lr };
    if (!Number.isFinite(valLoss) || !Number.isFinite(trainLoss)) {
      diverged = { epoch, lr: state.lr };
      break;
    }
    history.push(log);
    listener.onEpochEnd?.(log, o.epochs);
    if (endEpoch(model, o, state, epoch, valLoss)) {
      stoppedEarly = true;
      break;
    }
    if (interrupted) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  if (state.bestEpoch > 0) model.params.set(state.best);
  return {
    history,
    bestEpoch: state.bestEpoch,
    bestValLoss: state.bestLoss,
    epochs: history.length,
    seconds,
    samplesPerSecond: seconds > 0 ? state.samples / seconds : 0,
    stoppedEarly,
    interrupted,
    stopReason: diverged ? 'diverged' : interrupted ? 'interrupted' : stoppedEarly ? 'patience' : 'epoch_limit',
    diverged,
  };
}

function initialState(model: Sequential, o: FitOptions): FitState {
  return {
    opt: createOptimizer(o.optimizer, model.trainableParams.length),
    step: 0,
    samples: 0,
    lr: o.lr,
    best: Float32Array.from(model.params),
    bestLoss: Infinity,
    bestEpoch: 0,
    sinceBest: 0,
    sinceDecay: 0,
  };
}

function makeBatches(model: Sequential, train: Dataset, o: FitOptions): Batches {
  const inSize = model.inSize;
  const outSize = model.outSize;
  const yWidth = o.loss === 'softmax_cross_entropy' ? 1 : outSize;
  const maxB = Math.min(o.batchSize, train.n);
  model.reserve(maxB);
  return {
    xb: new Float32Array(maxB * inSize),
    yb: new Float32Array(maxB * yWidth),
    rw: o.classWeights ? new Float32Array(maxB) : undefined,
    dy: new Float32Array(Math.max(maxB, 256) * outSize),
    order: Int32Array.from({ length: train.n }, (_, i) => i),
    maxB,
    count: Math.ceil(train.n / maxB),
  };
}

// One pass over the shuffled rows: per batch gather, forward, loss, backward, weight decay, clipping
// and an optimiser step. Stops at a non-finite loss (diverged) or when the listener asks (interrupted).
function trainEpoch(
  model: Sequential,
  train: Dataset,
  o: FitOptions,
  bs: Batches,
  state: FitState,
  ctx: Ctx,
  listener: TrainListener,
): { lossSum: number; diverged: boolean; interrupted: boolean } {
  const { xb, yb, rw, dy, order, maxB, count } = bs;
  const inSize = model.inSize;
  const outSize = model.outSize;
  const yWidth = o.loss === 'softmax_cross_entropy' ? 1 : outSize;
  let lossSum = 0;
  for (let bi = 0; bi < count; bi++) {
    const s = bi * maxB;
    const B = Math.min(maxB, train.n - s);
    for (let b = 0; b < B; b++) {
      const r = order[s + b];
      xb.set(train.x.subarray(r * inSize, (r + 1) * inSize), b * inSize);
      yb.set(train.y.subarray(r * yWidth, (r + 1) * yWidth), b * yWidth);
      if (rw && o.classWeights) rw[b] = o.classWeights[train.y[r]];
    }
    const out = model.forward(xb, B, ctx);
    const loss = computeLoss(o.loss, dy, out, yb, B, outSize, rw);
    if (!Number.isFinite(loss)) return { lossSum, diverged: true, interrupted: false };
    lossSum += loss * B;
    model.zeroGrad();
    model.backward(dy, B, false);
    addWeightDecay(model, o.weightDecay);
    if (o.clipNorm > 0) clipGradNorm(model.trainableGrads, o.clipNorm);
    state.opt.step(model.trainableParams, model.trainableGrads, state.lr, ++state.step);
    state.samples += B;
    listener.onBatch?.(bi + 1, count);
    if (listener.shouldStop?.()) return { lossSum, diverged: false, interrupted: true };
  }
  return { lossSum, diverged: false, interrupted: false };
}

// After a finite epoch: keep the weights if the validation loss improved, else count towards the
// plateau (halving the learning rate) and the patience. Returns true to stop early.
function endEpoch(model: Sequential, o: FitOptions, state: FitState, epoch: number, valLoss: number): boolean {
  if (state.bestEpoch === 0 || valLoss < state.bestLoss - 1e-7 * Math.abs(state.bestLoss)) {
    state.bestLoss = valLoss;
    state.bestEpoch = epoch;
    state.best.set(model.params);
    state.sinceBest = 0;
    state.sinceDecay = 0;
    return false;
  }
  state.sinceBest++;
  state.sinceDecay++;
  if (o.plateau > 0 && state.sinceDecay >= o.plateau && state.lr > o.lr * 1e-3) {
    state.lr *= 0.5;
    state.sinceDecay = 0;
  }
  return o.patience > 0 && state.sinceBest >= o.patience;
}

/** Mean loss over a dataset in evaluation mode, in chunks. */
export function evaluateLoss(
  model: Sequential,
  data: Dataset,
  loss: LossKind,
  scratch: Float32Array,
  chunk: number,
): number {
  const inSize = model.inSize;
  const outSize = model.outSize;
  const yWidth = loss === 'softmax_cross_entropy' ? 1 : outSize;
  const ctx = { mode: 'eval' as const, rng: new Rng(0) }; // eval mode draws nothing
  let sum = 0;
  for (let s = 0; s < data.n; s += chunk) {
    const B = Math.min(chunk, data.n - s);
    const out = model.forward(data.x.subarray(s * inSize, (s + B) * inSize), B, ctx);
    sum += computeLoss(loss, scratch, out, data.y.subarray(s * yWidth, (s + B) * yWidth), B, outSize) * B;
  }
  return sum / data.n;
}
