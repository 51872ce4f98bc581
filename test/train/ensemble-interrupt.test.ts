// An ensemble interrupted in its second network averages only the finished one; interrupted in its
// first network, it keeps that one (nothing else exists).

import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng.js';
import { buildMlp } from '../../src/models/mlp.js';
import { trainEnsemble } from '../../src/train/ensemble.js';

function data(n: number, seed: number): { x: Float32Array; y: Float32Array; n: number } {
  const r = new Rng(seed);
  const x = Float32Array.from({ length: n * 2 }, () => r.normal());
  const y = Float32Array.from({ length: n }, (_, i) => x[2 * i] - x[2 * i + 1]);
  return { x, y, n };
}

const spec = buildMlp({ inputs: 2, outputs: 1, trainRows: 40, hidden: [4] }).spec;
const fold = { train: data(40, 1), val: data(10, 2) };
const opts = {
  epochs: 30,
  batchSize: 8,
  lr: 0.01,
  optimizer: 'adam' as const,
  patience: 100,
  weightDecay: 0,
  loss: 'mse' as const,
  clipNorm: 5,
  plateau: 10,
};

describe('trainEnsemble interrupted', () => {
  it('leaves a cut-short network out of the average when a finished one exists, and says so', () => {
    let epochs = 0;
    const notes: string[] = [];
    // Stop during the second network (after the first network's 30 epochs and 3 more).
    const listener = { onEpochEnd: () => void epochs++, shouldStop: () => epochs >= 33 };
    const e = trainEnsemble(spec, [fold, fold, fold], opts, new Rng(3), listener, (m) => notes.push(m));
    expect(e.interrupted).toBe(true);
    expect(e.results).toHaveLength(2);
    expect(e.members).toHaveLength(1);
    expect(notes.join(' ')).toContain('network 2 was cut short by the interruption and is left out');
  });

  it('keeps the only network when the first one is interrupted', () => {
    let epochs = 0;
    const listener = { onEpochEnd: () => void epochs++, shouldStop: () => epochs >= 3 };
    const e = trainEnsemble(spec, [fold, fold], opts, new Rng(3), listener);
    expect(e.members).toHaveLength(1);
    expect(e.results[0].interrupted).toBe(true);
  });
});
