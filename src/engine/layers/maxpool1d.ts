// MaxPool1d, layout NCL: per-sample x (C, L) -> y (C, OL), OL = ⌊(L − size)/stride⌋ + 1 ('valid'),
// stride defaults to size. y = max over each window; backward routes dy to the kept argmax
// (an index into the batch buffer): dx[argmax] += dy. NOTE: on ties the first maximum wins.

import { PoolLayer } from './pool-geometry.js';
import { type ForwardContext, type Layer, sizeOf } from './layer.js';

export interface MaxPool1dConfig {
  kind: 'maxpool1d';
  size: number;
  stride?: number;
}

export class MaxPool1d extends PoolLayer<MaxPool1dConfig> implements Layer<MaxPool1dConfig> {
  readonly kind = 'maxpool1d' as const;
  private argmax: Int32Array = new Int32Array(0);
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);

  constructor(cfg: MaxPool1dConfig, inShape: readonly number[]) {
    super(cfg, inShape, 1);
  }

  resize(maxBatch: number): void {
    const outSize = sizeOf(this.outShape);
    this.argmax = new Int32Array(maxBatch * outSize);
    this.y = new Float32Array(maxBatch * outSize);
    this.dx = new Float32Array(maxBatch * sizeOf(this.inShape));
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const { k, s, y, argmax } = this;
    const [C, L] = this.inShape;
    const OL = this.outShape[1];
    let o = 0;
    for (let q = 0; q < B * C; q++) {
      const x0 = q * L;
      for (let t = 0; t < OL; t++) {
        const w0 = x0 + t * s;
        let best = w0;
        let m = x[w0];
        for (let j = 1; j < k; j++) {
          if (x[w0 + j] > m) {
            m = x[w0 + j];
            best = w0 + j;
          }
        }
        y[o] = m;
        argmax[o++] = best;
      }
    }
    return y;
  }

  backward(dy: Float32Array, B: number): Float32Array {
    const { dx, argmax } = this;
    dx.fill(0, 0, B * sizeOf(this.inShape));
    const n = B * sizeOf(this.outShape);
    for (let o = 0; o < n; o++) dx[argmax[o]] += dy[o];
    return dx;
  }

  describe(): string {
    return `MaxPool1d(${this.k}, stride ${this.s})`;
  }
}
