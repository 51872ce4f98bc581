// Divergence: a NaN loss in epoch 1 retries once at a tenth of the learning rate from the same seed;
// a second divergence is a UserError; the weights are never left non-finite.

import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import type { RunOutput } from '../../src/report/types.js';
import { floatsToBase64 } from '../../src/engine/serialize.js';
import { assertFiniteOutput } from '../../src/train/finite.js';
import { Rng } from '../../src/engine/rng.js';
import { UserError } from '../../src/errors.js';
import { trainEnsemble } from '../../src/train/ensemble.js';
import type { Dataset, FitOptions } from '../../src/train/fit.js';

const SPEC: ModelSpec = { inShape: [4], layers: [{ kind: 'dense', units: 1, init: 'he_normal' }] };

function linearData(n: number): Dataset {
  const rng = new Rng(7);
  const x = Float32Array.from({ length: n * 4 }, () => rng.uniform() - 0.5);
  const y = Float32Array.from({ length: n }, (_, i) => x[4 * i] + x[4 * i + 1] - x[4 * i + 2] + 0.5 * x[4 * i + 3]);
  return { x, y, n };
}

const opts = (lr: number): FitOptions => ({
  epochs: 3,
  batchSize: 1,
  lr,
  optimizer: 'sgd',
  patience: 0,
  weightDecay: 0,
  loss: 'mse',
  clipNorm: 0,
  plateau: 0,
});
const folds = [{ train: linearData(400), val: linearData(50) }];

describe('trainEnsemble divergence', () => {
  it.each([
    ['converges', 0.05, false],
    ['diverges, retries at lr/10 and converges', 1, true],
  ])('%s (lr %s): finite weights, retry said', (_name, lr, retried) => {
    const notes: string[] = [];
    const e = trainEnsemble(SPEC, folds, opts(lr), new Rng(1), {}, (m) => notes.push(m));
    expect(e.members[0].params.every(Number.isFinite)).toBe(true);
    expect(e.results[0].bestEpoch).toBeGreaterThan(0);
    expect(e.results[0].retriedLr).toBe(retried ? lr / 10 : undefined);
    expect(notes.some((n) => n.endsWith(`retrying once from the same seed with learning rate ${lr / 10}`))).toBe(
      retried,
    );
    expect(e.results[0].bestValLoss).toBeLessThan(1);
  });

  it('diverging again after the retry is one UserError naming the likely causes', () => {
    expect(() => trainEnsemble(SPEC, folds, opts(1e4), new Rng(1), {})).toThrow(UserError);
    expect(() => trainEnsemble(SPEC, folds, opts(1e4), new Rng(1), {})).toThrow(
      /diverged in epoch 1.*retry at learning rate 1000/,
    );
  });

  it('the retry replays the same seeds: the same run twice gives identical weights', () => {
    const a = trainEnsemble(SPEC, folds, opts(1), new Rng(3), {});
    const b = trainEnsemble(SPEC, folds, opts(1), new Rng(3), {});
    expect(Array.from(a.members[0].params)).toEqual(Array.from(b.members[0].params));
  });
});

describe('assertFiniteOutput (the guard before a run folder is written)', () => {
  const out = (rmse: number, weights: Float32Array): RunOutput =>
    ({
      summary: { metrics: { test: { rmse, mape: null } } },
      config: {},
      files: { 'model.nnm.json': JSON.stringify({ weights: { members: [floatsToBase64(weights)] } }) },
    }) as unknown as RunOutput;

  it('passes finite numbers (and a null MAPE)', () =>
    expect(() => assertFiniteOutput(out(1.5, new Float32Array([1, 2])))).not.toThrow());
  it('names a NaN metric', () =>
    expect(() => assertFiniteOutput(out(NaN, new Float32Array([1])))).toThrow(/summary\.metrics\.test\.rmse = NaN/));
  it('names a non-finite weight', () =>
    expect(() => assertFiniteOutput(out(1, new Float32Array([1, Infinity])))).toThrow(
      /network 1 has a non-finite weight \(index 1/,
    ));
});
