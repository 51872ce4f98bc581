// Long dependency: 50 steps of two channels, a value and a marker (1 at the first step, as in
// Hochreiter & Schmidhuber's 1997 experiments). The label is the sign of the FIRST value; the first
// value is N(0, 1) and every later one N(0, 2²), so later inputs are as large or larger and nothing
// but remembering step 0 for 49 steps solves it.
// NOTE: with equal-sized ±1 values a tanh RNN solved the task on 4 of 8 seeds by a saturating latch
// set by whichever input came first; the larger later noise flips such a latch, while an LSTM can
// close its input gate after the marker and carry the value unchanged in its cell.
// NOTE: the LSTM's forget/input biases get the chrono initialisation (Tallec & Ollivier 2018,
// https://arxiv.org/abs/1804.11188): b_f ~ log U(1, T-1), b_i = -b_f; with the default b_f = 1 the
// step-0 signal decays by σ(1)^49 ≈ 2e-7 at init and escaping that plateau took 20-30 epochs.
// Measured (8 epochs): LSTM 0.99-1.00 and SimpleRNN 0.49-0.53 (chance) on seeds 1-3.

import { describe, expect, it } from 'vitest';
import { clipGradNorm } from '../../src/engine/clip.js';
import type { LayerConfig } from '../../src/engine/layers/registry.js';
import { softmaxCrossEntropy } from '../../src/engine/losses.js';
import { Sequential } from '../../src/engine/model.js';
import { Adam } from '../../src/engine/optimizers/adam.js';
import { Rng } from '../../src/engine/rng.js';

const T = 50;
const H = 16;
const B = 32;
const NOISE = 2;

const C = 2; // channels: value, marker (1 at the first step)

function makeData(rng: Rng, n: number): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(n * T * C);
  const y = new Float32Array(n);
  for (let s = 0; s < n; s++) {
    for (let t = 0; t < T; t++) {
      x[(s * T + t) * C] = (t === 0 ? 1 : NOISE) * rng.normal();
      x[(s * T + t) * C + 1] = t === 0 ? 1 : 0;
    }
    y[s] = x[s * T * C] > 0 ? 1 : 0;
  }
  return { x, y };
}

function chronoInit(model: Sequential, rng: Rng): void {
  const b = model.manifest.find((e) => e.name === '0.lstm.b')!;
  for (let j = 0; j < H; j++) {
    const bf = Math.log(1 + rng.uniform() * (T - 2));
    model.params[b.offset + j] = -bf; // input gate
    model.params[b.offset + H + j] = bf; // forget gate
  }
}

function trainAndTest(layer: LayerConfig, epochs: number, seed: number): number {
  const rng = new Rng(seed);
  const train = makeData(rng, 2000);
  const test = makeData(rng, 500);
  const model = new Sequential({ inShape: [T, C], layers: [layer, { kind: 'dense', units: 2 }] });
  model.init(rng);
  if (layer.kind === 'lstm') chronoInit(model, rng);
  const opt = new Adam(model.paramCount);
  const ctx = { mode: 'train' as const, rng: rng.fork() };
  const order = Int32Array.from({ length: 2000 }, (_, i) => i);
  const xb = new Float32Array(B * T * C);
  const yb = new Float32Array(B);
  const d = new Float32Array(B * 2);
  let step = 0;
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    for (let s = 0; s + B <= order.length; s += B) {
      for (let b = 0; b < B; b++) {
        const k = order[s + b];
        xb.set(train.x.subarray(k * T * C, (k + 1) * T * C), b * T * C);
        yb[b] = train.y[k];
      }
      softmaxCrossEntropy(d, model.forward(xb, B, ctx), yb, B, 2);
      model.zeroGrad();
      model.backward(d, B);
      clipGradNorm(model.grads, 1);
      opt.step(model.params, model.grads, 0.01, ++step);
    }
  }
  const p = model.predict(test.x, 500);
  let correct = 0;
  for (let s = 0; s < 500; s++) correct += (p[2 * s + 1] > p[2 * s] ? 1 : 0) === test.y[s] ? 1 : 0;
  return correct / 500;
}

describe('long dependency (label = sign of step 0 of 50)', () => {
  it('an LSTM with 16 units learns it (test accuracy >= 0.95)', () => {
    expect(trainAndTest({ kind: 'lstm', units: H }, 8, 1)).toBeGreaterThanOrEqual(0.95);
  });

  it('a SimpleRNN of the same size trained the same way does not (test accuracy < 0.7)', () => {
    expect(trainAndTest({ kind: 'rnn', units: H }, 8, 1)).toBeLessThan(0.7);
  });
});
