// The layer contract (llm.c / convnetjs style, not an autograd tape). Shapes are per sample; a batch
// of B samples is B consecutive rows of a row-major Float32Array. A layer owns its activation buffers,
// sized once by resize(maxBatch), so forward/backward allocate nothing; only the first B rows of a
// buffer are meaningful. Parameter values and gradients are views into the model's flat buffers,
// handed over by bind(); backward ACCUMULATES into them (+=), the model zeroes them explicitly.

import type { Init } from '../init.js';
import type { Rng } from '../rng.js';

export type Mode = 'train' | 'eval';

export interface ForwardContext {
  mode: Mode;
  /** Randomness for dropout and similar; never Math.random. */
  rng: Rng;
}

export interface ParamSpec {
  name: string;
  shape: number[];
  init: Init;
  /** Whether L2 weight decay applies (weights yes, biases and norms no). */
  decay: boolean;
  /**
   * false for saved state the layer itself updates in forward (BatchNorm running statistics):
   * backward never writes its gradient and optimisers must not move it. Default true.
   */
  trainable?: boolean;
}

export interface Layer<C extends { kind: string } = { kind: string }> {
  readonly kind: C['kind'];
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  /** Parameter tensors in a fixed order; bind() receives views in the same order. */
  params(): ParamSpec[];
  bind(values: Float32Array[], grads: Float32Array[]): void;
  /** Allocate activation buffers for batches of up to maxBatch samples. */
  resize(maxBatch: number): void;
  forward(x: Float32Array, B: number, ctx: ForwardContext): Float32Array;
  /**
   * Given dL/dy of the last forward, accumulate parameter gradients and return dL/dx. With
   * needDx = false (the first layer of a training step) a layer may skip dL/dx and return a buffer
   * whose contents are unspecified; layers that ignore the flag stay correct.
   */
  backward(dy: Float32Array, B: number, needDx?: boolean): Float32Array;
  config(): C;
  /** One-line description for summaries (PyTorch extra_repr). */
  describe(): string;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Buffer that grows to hold `n` floats, reusing the old one when it is big enough. */
export function ensure(buf: Float32Array, n: number): Float32Array {
  return buf.length >= n ? buf : new Float32Array(n);
}
