// AvgPool1d, layout NCL: per-sample x (C, L) -> y (C, OL), OL = ⌊(L − size)/stride⌋ + 1 ('valid'),
// stride defaults to size. y = (1/size)·Σ over each window; backward: dx[window] += dy/size.

import { PoolLayer } from './pool-geometry.js';
import { type ForwardContext, type Layer, sizeOf } from './layer.js';

export interface AvgPool1dConfig {
  kind: 'avgpool1d';
  size: number;
  stride?: number;
}

export class AvgPool1d extends PoolLayer<AvgPool1dConfig> implements Layer<AvgPool1dConfig> {
  readonly kind = 'avgpool1d' as const;
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);

  constructor(cfg: AvgPool1dConfig, inShape: readonly number[]) {
    super(cfg, inShape, 1);
  }

  resize(maxBatch: number): void {
    this.y = new Float32Array(maxBatch * sizeOf(this.outShape));
    this.dx = new Float32Array(maxBatch * sizeOf(this.inShape));
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const { k, s, y } = this;
    const [C, L] = this.inShape;
    const OL = this.outShape[1];
    const scale = 1 / k;
    let o = 0;
    for (let q = 0; q < B * C; q++) {
      for (let t = 0; t < OL; t++) {
        const w0 = q * L + t * s;
        let sum = 0;
        for (let j = 0; j < k; j++) sum += x[w0 + j];
        y[o++] = sum * scale;
      }
    }
    return y;
  }

  backward(dy: Float32Array, B: number): Float32Array {
    const { k, s, dx } = this;
    const [C, L] = this.inShape;
    const OL = this.outShape[1];
    const scale = 1 / k;
    dx.fill(0, 0, B * C * L);
    let o = 0;
    for (let q = 0; q < B * C; q++) {
      for (let t = 0; t < OL; t++) {
        const w0 = q * L + t * s;
        const g = dy[o++] * scale;
        for (let j = 0; j < k; j++) dx[w0 + j] += g;
      }
    }
    return dx;
  }

  describe(): string {
    return `AvgPool1d(${this.k}, stride ${this.s})`;
  }
}
