// AvgPool2d, layout NCHW: per-sample x (C, H, W) -> y (C, OH, OW), OH = ⌊(H − size)/stride⌋ + 1
// ('valid'), stride defaults to size. y = (1/size²)·Σ over each size×size window;
// backward spreads dy evenly: dx[window] += dy/size² (accumulated, so overlapping windows add).

import { PoolLayer } from './pool-geometry.js';
import { type ForwardContext, type Layer, sizeOf } from './layer.js';

export interface AvgPool2dConfig {
  kind: 'avgpool2d';
  size: number;
  stride?: number;
}

export class AvgPool2d extends PoolLayer<AvgPool2dConfig> implements Layer<AvgPool2dConfig> {
  readonly kind = 'avgpool2d' as const;
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);

  constructor(cfg: AvgPool2dConfig, inShape: readonly number[]) {
    super(cfg, inShape, 2);
  }

  resize(maxBatch: number): void {
    this.y = new Float32Array(maxBatch * sizeOf(this.outShape));
    this.dx = new Float32Array(maxBatch * sizeOf(this.inShape));
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const { k, s, y } = this;
    const [C, H, W] = this.inShape;
    const [, OH, OW] = this.outShape;
    const scale = 1 / (k * k);
    let o = 0;
    for (let q = 0; q < B * C; q++) {
      const x0 = q * H * W;
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++) {
          const w0 = x0 + oh * s * W + ow * s;
          let sum = 0;
          for (let i = 0; i < k; i++) {
            const r = w0 + i * W;
            for (let j = 0; j < k; j++) sum += x[r + j];
          }
          y[o++] = sum * scale;
        }
      }
    }
    return y;
  }

  backward(dy: Float32Array, B: number): Float32Array {
    const { k, s, dx } = this;
    const [C, H, W] = this.inShape;
    const [, OH, OW] = this.outShape;
    const scale = 1 / (k * k);
    dx.fill(0, 0, B * C * H * W);
    let o = 0;
    for (let q = 0; q < B * C; q++) {
      const x0 = q * H * W;
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++) {
          const w0 = x0 + oh * s * W + ow * s;
          const g = dy[o++] * scale;
          for (let i = 0; i < k; i++) {
            const r = w0 + i * W;
            for (let j = 0; j < k; j++) dx[r + j] += g;
          }
        }
      }
    }
    return dx;
  }

  describe(): string {
    return `AvgPool2d(${this.k}x${this.k}, stride ${this.s})`;
  }
}
