// Cross-validation ensembles: N networks, each early-stopped on a different validation fold of the
// training part, their outputs averaged (probabilities for classification). Every training row is
// used for fitting by N-1 members and for validation by one, which makes small-data results far less
// dependent on one lucky or unlucky validation split. N = 1 is a single network.

import { softmaxRows } from '../engine/kernels/activations.js';
import { type ModelSpec, Sequential } from '../engine/model.js';
import { Rng } from '../engine/rng.js';
import { UserError } from '../errors.js';
import { type Dataset, fit, type FitOptions, type FitResult, type TrainListener } from './fit.js';
import type { NetworkFacts } from '../report/types.js';

export interface Fold {
  train: Dataset;
  val: Dataset | null;
}

export interface Ensemble {
  members: Sequential[];
  results: FitResult[];
  interrupted: boolean;
  /** Rows (or windows) of every planned fold, trained or not: fitting part and validation part. */
  folds: { train: number; val: number }[];
}

/** What happened to one network, for metrics.json and the report's sentences. */
export type { NetworkFacts } from '../report/types.js';

export function trainEnsemble(
  spec: ModelSpec,
  folds: Fold[],
  o: FitOptions,
  rng: Rng,
  listener: TrainListener,
  note: (msg: string) => void = () => {},
): Ensemble {
  const members: Sequential[] = [];
  const results: FitResult[] = [];
  const sizes = folds.map((f) => ({ train: f.train.n, val: f.val?.n ?? 0 }));
  for (const [i, fold] of folds.entries()) {
    listener.onNetwork?.(i + 1, folds.length);
    const { model, result: r } = fitMember(spec, fold, o, rng, listener, note);
    members.push(model);
    results.push(r);
    // NOTE: a network cut short by Ctrl-C is left out of the average when a finished one exists (a
    // half-trained member would pull the ensemble towards its own, worse, outputs); alone, it is kept.
    if (r.interrupted) {
      if (members.length > 1) {
        members.pop();
        note(
          `network ${members.length + 1} was cut short by the interruption and is left out; the output averages the ${members.length} finished network(s)`,
        );
      }
      return { members, results, interrupted: true, folds: sizes };
    }
  }
  return { members, results, interrupted: false, folds: sizes };
}

/**
 * One member. NOTE: a divergence before any finite epoch leaves no weights worth keeping, so the
 * member is re-initialised from the same seeds and trained once more at a tenth of the learning rate;
 * a second divergence is a UserError (never NaN weights). `new Rng(rng.nextU32())` is `rng.fork()`,
 * kept as seeds so the retry can replay them.
 */
function fitMember(
  spec: ModelSpec,
  fold: Fold,
  o: FitOptions,
  rng: Rng,
  listener: TrainListener,
  note: (msg: string) => void,
): { model: Sequential; result: FitResult } {
  const initSeed = rng.nextU32();
  const fitSeed = rng.nextU32();
  const attempt = (lr: number): { model: Sequential; result: FitResult } => {
    const model = new Sequential(spec);
    model.init(new Rng(initSeed));
    return { model, result: fit(model, fold.train, fold.val, { ...o, lr }, new Rng(fitSeed), listener) };
  };
  const first = attempt(o.lr);
  if (!first.result.diverged || first.result.bestEpoch > 0) return first;
  const lr = o.lr / 10;
  note(
    `training diverged in epoch 1 (the loss became NaN/infinite) at learning rate ${o.lr}; retrying once from the same seed with learning rate ${lr}`,
  );
  const second = attempt(lr);
  if (second.result.diverged && second.result.bestEpoch === 0) {
    throw new UserError({
      message: `training diverged in epoch 1 (the loss became NaN/infinite), also after a retry at learning rate ${lr}`,
      hint: `likely causes: a learning rate too high (try --lr ${Number((lr / 10).toPrecision(1))}), an unscaled target, or extreme values in the data (check with nnm inspect)`,
    });
  }
  second.result.retriedLr = lr;
  return second;
}

/** Mean output of the members over n rows; softmax first when the outputs are logits. */
export function predictEnsemble(members: Sequential[], x: Float32Array, n: number, softmax: boolean): Float32Array {
  const O = members[0].outSize;
  const sum = new Float32Array(n * O);
  for (const m of members) {
    const y = m.predict(x, n);
    if (softmax) softmaxRows(y, y, n, O);
    for (let i = 0; i < y.length; i++) sum[i] += y[i];
  }
  const inv = 1 / members.length;
  for (let i = 0; i < sum.length; i++) sum[i] *= inv;
  return sum;
}

/** The rows at `positions` of a dataset, copied into a new one. */
export function subset(ds: Dataset, positions: Int32Array, inSize: number, yWidth: number): Dataset {
  const x = new Float32Array(positions.length * inSize);
  const y = new Float32Array(positions.length * yWidth);
  positions.forEach((p, i) => {
    x.set(ds.x.subarray(p * inSize, (p + 1) * inSize), i * inSize);
    y.set(ds.y.subarray(p * yWidth, (p + 1) * yWidth), i * yWidth);
  });
  return { x, y, n: positions.length };
}

/** Summary of an ensemble's training for metrics.json: totals, and the facts of every network. */
export function trainStats(e: Ensemble): {
  epochs: number;
  seconds: number;
  best_epoch: number;
  samples_per_second: number;
  stopped_early: boolean;
  members: number;
  best_epochs: number[];
  planned_members: number;
  fold_rows: { train: number; val: number }[];
  networks: NetworkFacts[];
  interrupted?: boolean;
  diverged?: string;
  retried_lr?: number;
} {
  const seconds = e.results.reduce((s, r) => s + r.seconds, 0);
  const samples = e.results.reduce((s, r) => s + r.samplesPerSecond * r.seconds, 0);
  const div = e.results.find((r) => r.diverged);
  const retry = e.results.find((r) => r.retriedLr !== undefined);
  return {
    epochs: e.results.reduce((s, r) => s + r.epochs, 0),
    seconds: Math.round(seconds * 1000) / 1000,
    best_epoch: e.results[0].bestEpoch,
    samples_per_second: seconds > 0 ? Math.round(samples / seconds) : 0,
    stopped_early: e.results.every((r) => r.stoppedEarly),
    members: e.members.length,
    best_epochs: e.results.map((r) => r.bestEpoch),
    planned_members: e.folds.length,
    fold_rows: e.folds,
    networks: e.results.map((r, i) => ({
      network: i + 1,
      stop: r.stopReason,
      epochs: r.epochs,
      best_epoch: r.bestEpoch,
      train_rows: e.folds[i].train,
      val_rows: e.folds[i].val,
      ...(r.retriedLr !== undefined ? { retried_lr: r.retriedLr } : {}),
    })),
    ...(e.interrupted ? { interrupted: true } : {}),
    ...(div?.diverged ? { diverged: `epoch ${div.diverged.epoch}` } : {}),
    ...(retry ? { retried_lr: retry.retriedLr } : {}),
  };
}
