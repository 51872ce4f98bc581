// EmbeddingBag (mean): the average of the embeddings of a text's tokens, padding left out, the
// fastText bag of words (Joulin et al. 2016, "Bag of Tricks for Efficient Text Classification").
//   y[b, :] = (1 / n_b) · Σ_{t: id(b,t) ≠ 0} W[id(b, t), :],  n_b = #{t: id(b, t) ≠ 0}; y[b, :] = 0 when n_b = 0.
// x: (B, T) token ids stored as floats (id 0 = padding), W: (vocab, dim), y: (B, dim).
// Backward: dW[id(b,t), :] += dy[b, :] / n_b for every non-padding token; dx = 0 (ids are not differentiable).
// reference: torch.nn.EmbeddingBag(mode='mean', padding_idx=0).

import { type ForwardContext, type Layer, type ParamSpec, sizeOf } from './layer.js';

export interface EmbeddingBagConfig {
  kind: 'embedding_bag';
  vocab: number;
  dim: number;
}

export class EmbeddingBag implements Layer<EmbeddingBagConfig> {
  readonly kind = 'embedding_bag' as const;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  private readonly T: number;
  private W: Float32Array = new Float32Array(0);
  private dW: Float32Array = new Float32Array(0);
  private ids = new Int32Array(0);
  private count = new Int32Array(0);
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);

  constructor(
    private readonly cfg: EmbeddingBagConfig,
    inShape: readonly number[],
  ) {
    if (!Number.isInteger(cfg.vocab) || cfg.vocab < 1 || !Number.isInteger(cfg.dim) || cfg.dim < 1) {
      throw new RangeError(`embedding_bag: vocab ${cfg.vocab} and dim ${cfg.dim} must be positive integers`);
    }
    this.inShape = [...inShape];
    this.T = sizeOf(inShape);
    this.outShape = [cfg.dim];
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
    this.count = new Int32Array(maxBatch);
    this.y = new Float32Array(maxBatch * this.cfg.dim);
    this.dx = new Float32Array(maxBatch * this.T); // stays zero
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const { vocab, dim } = this.cfg;
    const { ids, y, W, T, count } = this;
    y.fill(0, 0, B * dim);
    for (let b = 0; b < B; b++) {
      let n = 0;
      const y0 = b * dim;
      for (let t = 0; t < T; t++) {
        const k = b * T + t;
        const id = Math.round(x[k]);
        if (!(id >= 0 && id < vocab))
          throw new RangeError(`embedding_bag: token id ${x[k]} at position ${k} is outside [0, ${vocab})`);
        ids[k] = id;
        if (id === 0) continue;
        n++;
        const w0 = id * dim;
        for (let j = 0; j < dim; j++) y[y0 + j] += W[w0 + j];
      }
      count[b] = n;
      if (n > 1) for (let j = 0; j < dim; j++) y[y0 + j] /= n;
    }
    return y;
  }

  backward(dy: Float32Array, B: number): Float32Array {
    const dim = this.cfg.dim;
    const { ids, dW, T, count } = this;
    for (let b = 0; b < B; b++) {
      if (count[b] === 0) continue;
      const inv = 1 / count[b];
      const d0 = b * dim;
      for (let t = 0; t < T; t++) {
        const id = ids[b * T + t];
        if (id === 0) continue;
        const w0 = id * dim;
        for (let j = 0; j < dim; j++) dW[w0 + j] += dy[d0 + j] * inv;
      }
    }
    return this.dx;
  }

  config(): EmbeddingBagConfig {
    return { ...this.cfg };
  }

  describe(): string {
    return `EmbeddingBag(${this.cfg.vocab} x ${this.cfg.dim}, mean over T=${this.T}, padding 0 left out)`;
  }
}
