// Embedding: a lookup table, y[b, t, :] = W[id(b, t), :].
// x: (B, T) token ids stored as floats, W: (vocab, dim), y: (B, T, dim).
// Backward: dW[id, :] += dy[b, t, :]; dx = 0 (ids are not differentiable).
// NOTE: ids are rounded to the nearest integer, so a small perturbation of an id leaves y unchanged and
// the numerical derivative agrees with dx = 0. An id outside [0, vocab) is a bug upstream and throws.

import { type ForwardContext, type Layer, type ParamSpec, sizeOf } from './layer.js';

export interface EmbeddingConfig {
  kind: 'embedding';
  vocab: number;
  dim: number;
}

export class Embedding implements Layer<EmbeddingConfig> {
  readonly kind = 'embedding' as const;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  private readonly T: number;
  private W: Float32Array = new Float32Array(0);
  private dW: Float32Array = new Float32Array(0);
  private ids = new Int32Array(0);
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);

  constructor(
    private readonly cfg: EmbeddingConfig,
    inShape: readonly number[],
  ) {
    if (!Number.isInteger(cfg.vocab) || cfg.vocab < 1 || !Number.isInteger(cfg.dim) || cfg.dim < 1) {
      throw new RangeError(`embedding: vocab ${cfg.vocab} and dim ${cfg.dim} must be positive integers`);
    }
    this.inShape = [...inShape];
    this.T = sizeOf(inShape);
    this.outShape = [this.T, cfg.dim];
  }

  params(): ParamSpec[] {
    return [{ name: 'W', shape: [this.cfg.vocab, this.cfg.dim], init: { kind: 'uniform', limit: 0.05 }, decay: true }];
  }

  bind(values: Float32Array[], grads: Float32Array[]): void {
    [this.W] = values;
    [this.dW] = grads;
  }

  resize(maxBatch: number): void {
    this.ids = new Int32Array(maxBatch * this.T);
    this.y = new Float32Array(maxBatch * this.T * this.cfg.dim);
    this.dx = new Float32Array(maxBatch * this.T); // stays zero
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const { vocab, dim } = this.cfg;
    const { ids, y, W } = this;
    const n = B * this.T;
    for (let k = 0; k < n; k++) {
      const id = Math.round(x[k]);
      if (!(id >= 0 && id < vocab))
        throw new RangeError(`embedding: token id ${x[k]} at position ${k} is outside [0, ${vocab})`);
      ids[k] = id;
      const w0 = id * dim,
        y0 = k * dim;
      for (let j = 0; j < dim; j++) y[y0 + j] = W[w0 + j];
    }
    return y;
  }

  backward(dy: Float32Array, B: number): Float32Array {
    const dim = this.cfg.dim;
    const { ids, dW } = this;
    const n = B * this.T;
    for (let k = 0; k < n; k++) {
      const w0 = ids[k] * dim,
        d0 = k * dim;
      for (let j = 0; j < dim; j++) dW[w0 + j] += dy[d0 + j];
    }
    return this.dx;
  }

  config(): EmbeddingConfig {
    return { ...this.cfg };
  }

  describe(): string {
    return `Embedding(${this.cfg.vocab} x ${this.cfg.dim}, T=${this.T})`;
  }
}
