// Numerical gradient check (central differences) for a stack of layers.
// L = Σ y ⊙ r with r a fixed random tensor, summed in JS doubles, so every output counts.
// Checks dx and every parameter gradient on up to `samples` coordinates per tensor, with the
// float32-appropriate tolerance |a − n| ≤ atol + rtol·|n| (STYLE.md).

import type { ForwardContext, Mode } from '../../src/engine/layers/layer.js';
import type { LayerConfig } from '../../src/engine/layers/registry.js';
import { Sequential } from '../../src/engine/model.js';
import { Rng } from '../../src/engine/rng.js';

export interface GradcheckOptions {
  B?: number;
  seed?: number;
  eps?: number;
  atol?: number;
  rtol?: number;
  samples?: number;
  mode?: Mode;
  /** Input generator; default standard normal. Use it to keep ReLU inputs away from the kink. */
  input?: (rng: Rng, n: number) => Float32Array;
  /** Corrupt the backward pass (mutation tests): called after backward with the model and dx. */
  mutate?: (model: Sequential, dx: Float32Array) => void;
  /** Model setup after init (e.g. set constant weights). */
  setup?: (model: Sequential) => void;
}

export interface GradcheckResult {
  failures: string[];
  checked: number;
  maxAbsErr: number;
}

export function gradcheck(
  layers: LayerConfig | LayerConfig[],
  inShape: number[],
  o: GradcheckOptions = {},
): GradcheckResult {
  const B = o.B ?? 3;
  const eps = o.eps ?? 1e-2;
  const atol = o.atol ?? 1e-3;
  const rtol = o.rtol ?? 1e-2;
  const samples = o.samples ?? 50;
  const rng = new Rng(o.seed ?? 1);
  const model = new Sequential({ inShape, layers: Array.isArray(layers) ? layers : [layers] });
  model.init(rng);
  o.setup?.(model);
  const inSize = model.inSize;
  const x = o.input ? o.input(rng, B * inSize) : Float32Array.from({ length: B * inSize }, () => rng.normal());
  const outLen = B * model.outSize;
  const r = Float32Array.from({ length: outLen }, () => rng.normal());
  const mode = o.mode ?? 'train';
  const ctxSeed = rng.nextU32();
  const ctx = (): ForwardContext => ({ mode, rng: new Rng(ctxSeed) }); // same dropout mask every call

  const lossAt = (): number => {
    const y = model.forward(x, B, ctx());
    let L = 0;
    for (let i = 0; i < outLen; i++) L += y[i] * r[i];
    return L;
  };

  lossAt();
  model.zeroGrad();
  const dx = Float32Array.from(model.backward(r, B).subarray(0, B * inSize));
  o.mutate?.(model, dx);
  const analyticParams = Float32Array.from(model.grads);

  const failures: string[] = [];
  let checked = 0;
  let maxAbsErr = 0;
  const check = (label: string, buf: Float32Array, idx: number, analytic: number): void => {
    const old = buf[idx];
    buf[idx] = old + eps;
    const lp = lossAt();
    buf[idx] = old - eps;
    const lm = lossAt();
    buf[idx] = old;
    const numeric = (lp - lm) / (2 * eps);
    const err = Math.abs(analytic - numeric);
    maxAbsErr = Math.max(maxAbsErr, err);
    checked++;
    if (!(err <= atol + rtol * Math.abs(numeric))) {
      failures.push(`${label}[${idx}]: analytic ${analytic.toPrecision(6)} vs numeric ${numeric.toPrecision(6)}`);
    }
  };

  for (const i of pick(rng, x.length, samples)) check('dx', x, i, dx[i]);
  for (const e of model.manifest) {
    if (!e.trainable) continue; // saved state (BatchNorm running stats): no gradient by definition
    const n = e.shape.reduce((a, b) => a * b, 1);
    for (const j of pick(rng, n, samples)) check(e.name, model.params, e.offset + j, analyticParams[e.offset + j]);
  }
  return { failures, checked, maxAbsErr };
}

function pick(rng: Rng, n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  rng.shuffle(idx);
  return Array.from(idx.subarray(0, k)).sort((a, b) => a - b);
}

/** Inputs bounded away from zero (|x| in [0.2, 1.2]) so ReLU-like kinks are not straddled by ±eps. */
export function awayFromZero(rng: Rng, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1) * (0.2 + rng.uniform()));
}
