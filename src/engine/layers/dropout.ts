// Inverted dropout: in training y = x·m/(1-p) with m ~ Bernoulli(1-p) drawn from the passed Rng;
// in evaluation y = x. Backward: dx = dy·m/(1-p). Shapes: x, y, mask: (B, ...inShape).

import { type ForwardContext, type Layer, type ParamSpec, sizeOf } from './layer.js';

export interface DropoutConfig {
  kind: 'dropout';
  rate: number;
}

export class Dropout implements Layer<DropoutConfig> {
  readonly kind = 'dropout' as const;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  private readonly n: number;
  private mask: Float32Array = new Float32Array(0);
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);
  private training = false;

  constructor(
    private readonly cfg: DropoutConfig,
    inShape: readonly number[],
  ) {
    if (!(cfg.rate >= 0 && cfg.rate < 1)) throw new RangeError(`dropout rate must be in [0, 1), got ${cfg.rate}`);
    this.inShape = [...inShape];
    this.outShape = [...inShape];
    this.n = sizeOf(inShape);
  }

  params(): ParamSpec[] {
    return [];
  }

  bind(): void {}

  resize(maxBatch: number): void {
    this.mask = new Float32Array(maxBatch * this.n);
    this.y = new Float32Array(maxBatch * this.n);
    this.dx = new Float32Array(maxBatch * this.n);
  }

  forward(x: Float32Array, B: number, ctx: ForwardContext): Float32Array {
    const len = B * this.n;
    this.training = ctx.mode === 'train' && this.cfg.rate > 0;
    if (!this.training) return x;
    const keep = 1 - this.cfg.rate;
    const scale = 1 / keep;
    const { mask, y } = this;
    for (let i = 0; i < len; i++) {
      mask[i] = ctx.rng.uniform() < keep ? scale : 0;
      y[i] = x[i] * mask[i];
    }
    return y;
  }

  backward(dy: Float32Array, B: number): Float32Array {
    if (!this.training) return dy;
    const len = B * this.n;
    const { mask, dx } = this;
    for (let i = 0; i < len; i++) dx[i] = dy[i] * mask[i];
    return dx;
  }

  config(): DropoutConfig {
    return { ...this.cfg };
  }

  describe(): string {
    return `Dropout(p=${this.cfg.rate})`;
  }
}
