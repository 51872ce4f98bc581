// MaxPool2d, layout NCHW: per-sample x (C, H, W) -> y (C, OH, OW), OH = ⌊(H − size)/stride⌋ + 1
// ('valid', as Keras/PyTorch default), stride defaults to size. y = max over each size×size window;
// the argmax (index into the batch buffer x) is kept, and backward routes dy there: dx[argmax] += dy.
// NOTE: on ties the first maximum (row-major in the window) takes the whole gradient.
// Under the wasm backend the buffers live in one layerBuffer arena and the common 2×2/2 case runs
// as WebAssembly (kernels/wasm/conv-wasm.ts: branch-free max and argmax, then the scatter), x and dy
// copied in once per batch; other window sizes and the TS backend take the loops below.

import { layerBuffer } from '../kernels/gemm.js';
import { ConvWasm } from '../kernels/wasm/conv-wasm.js';
import { PoolLayer } from './pool-geometry.js';
import { type ForwardContext, type Layer, sizeOf } from './layer.js';

export interface MaxPool2dConfig {
  kind: 'maxpool2d';
  size: number;
  stride?: number;
}

export class MaxPool2d extends PoolLayer<MaxPool2dConfig> implements Layer<MaxPool2dConfig> {
  readonly kind = 'maxpool2d' as const;
  private argmax: Int32Array = new Int32Array(0);
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);
  private xIn: Float32Array = new Float32Array(0); // wasm: the batch's x, copied into the arena
  private dyIn: Float32Array = new Float32Array(0); // wasm: the batch's dy, likewise
  private cw: ConvWasm | null = null;

  constructor(cfg: MaxPool2dConfig, inShape: readonly number[]) {
    super(cfg, inShape, 2);
  }

  resize(maxBatch: number): void {
    const outSize = maxBatch * sizeOf(this.outShape),
      inSize = maxBatch * sizeOf(this.inShape);
    const sizes = [outSize, outSize, inSize, inSize, outSize]; // argmax (as int32), y, dx, xIn, dyIn
    const store = layerBuffer(sizes.reduce((a, b) => a + b, 0));
    let at = 0;
    const [arg, y, dx, xIn, dyIn] = sizes.map((n) => store.subarray(at, (at += n)));
    this.argmax = new Int32Array(arg.buffer, arg.byteOffset, outSize);
    [this.y, this.dx, this.xIn, this.dyIn] = [y, dx, xIn, dyIn];
    this.cw = this.k === 2 && this.s === 2 ? ConvWasm.of(store) : null;
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const { k, s, y, argmax } = this;
    const [C, H, W] = this.inShape;
    const [, OH, OW] = this.outShape;
    const planes = B * C;
    if (this.cw) {
      this.xIn.set(x.length === planes * H * W ? x : x.subarray(0, planes * H * W));
      this.cw.maxpool2(y, argmax, this.xIn, planes, H, W, OH, OW);
      return y;
    }
    if (k === 2 && s === 2) {
      this.forward2x2(x, planes, H, W, OH, OW);
      return y;
    }
    let o = 0;
    for (let q = 0; q < planes; q++) {
      const x0 = q * H * W;
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++) {
          const w0 = x0 + oh * s * W + ow * s;
          let best = w0;
          let m = x[w0];
          for (let i = 0; i < k; i++) {
            const r = w0 + i * W;
            for (let j = 0; j < k; j++) {
              const v = x[r + j];
              if (v > m) {
                m = v;
                best = r + j;
              }
            }
          }
          y[o] = m;
          argmax[o++] = best;
        }
      }
    }
    return y;
  }

  // NOTE: the common 2×2/2 case unrolled (no window loops): it runs on every conv output.
  private forward2x2(x: Float32Array, planes: number, H: number, W: number, OH: number, OW: number): void {
    const { y, argmax } = this;
    let o = 0;
    for (let q = 0; q < planes; q++) {
      for (let oh = 0; oh < OH; oh++) {
        let a = q * H * W + 2 * oh * W;
        for (let ow = 0; ow < OW; ow++, a += 2) {
          const b = a + W;
          let best = a,
            m = x[a];
          if (x[a + 1] > m) {
            m = x[a + 1];
            best = a + 1;
          }
          if (x[b] > m) {
            m = x[b];
            best = b;
          }
          if (x[b + 1] > m) {
            m = x[b + 1];
            best = b + 1;
          }
          y[o] = m;
          argmax[o++] = best;
        }
      }
    }
  }

  backward(dy: Float32Array, B: number): Float32Array {
    const { dx, argmax } = this;
    const n = B * sizeOf(this.outShape);
    if (this.cw) {
      this.cw.zero(dx, 0, B * sizeOf(this.inShape)); // NOTE: a memset; TypedArray.fill on shared memory is ~10× slower
      this.dyIn.set(dy.length === n ? dy : dy.subarray(0, n));
      this.cw.unpool(dx, argmax, this.dyIn, n);
      return dx;
    }
    dx.fill(0, 0, B * sizeOf(this.inShape));
    for (let o = 0; o < n; o++) dx[argmax[o]] += dy[o];
    return dx;
  }

  describe(): string {
    return `MaxPool2d(${this.k}x${this.k}, stride ${this.s})`;
  }
}
