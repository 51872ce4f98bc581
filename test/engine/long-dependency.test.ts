// Long dependency: x is 50 steps of ±1 (+ N(0, 0.2²) noise), the label is the sign of the FIRST step.
// An LSTM (16 units) trained with Adam + global-norm clipping must reach test accuracy >= 0.95.
// NOTE: the forget/input biases get the chrono initialisation (Tallec & Ollivier 2018,
// https://arxiv.org/abs/1804.11188): b_f ~ log U(1, T-1), b_i = -b_f. With the default b_f = 1 the
// x_0 signal decays by σ(1)^49 ≈ 2e-7 at init and escaping that plateau took 20-30 epochs on some seeds
// and never happened in 25 on most. With chrono init, 8/8 seeds pass by epoch 4.
// NOTE: there is no "SimpleRNN must fail" assertion. Trained the same way, the tanh RNN solved this
// task (test accuracy >= 0.95) on 4 of 8 seeds by learning a saturating latch, so such an assertion
// would pass or fail depending on the seed.

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

function makeData(rng: Rng, n: number): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(n * T);
  const y = new Float32Array(n);
  for (let s = 0; s < n; s++) {
    for (let t = 0; t < T; t++) x[s * T + t] = (rng.uniform() < 0.5 ? -1 : 1) + 0.2 * rng.normal();
    y[s] = x[s * T] > 0 ? 1 : 0;
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
  const model = new Sequential({ inShape: [T, 1], layers: [layer, { kind: 'dense', units: 2 }] });
  model.init(rng);
  if (layer.kind === 'lstm') chronoInit(model, rng);
  const opt = new Adam(model.paramCount);
  const ctx = { mode: 'train' as const, rng: rng.fork() };
  const order = Int32Array.from({ length: 2000 }, (_, i) => i);
  const xb = new Float32Array(B * T);
  const yb = new Float32Array(B);
  const d = new Float32Array(B * 2);
  let step = 0;
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    for (let s = 0; s + B <= order.length; s += B) {
      for (let b = 0; b < B; b++) {
        const k = order[s + b];
        xb.set(train.x.subarray(k * T, (k + 1) * T), b * T);
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
});
