// Activation layer: y = f(x) element-wise (softmax: over the last dimension).
// relu: max(0,x), dy/dx = [x>0] (NOTE: the gradient at the kink x=0 is taken as 0);
// leaky_relu: x or 0.01x; tanh: dy/dx = 1-y²; sigmoid: dy/dx = y(1-y);
// softmax: dx_i = y_i (dy_i - Σ_j dy_j y_j). Shapes: x, y: (B, ...inShape).

import { type ActivationKind, LEAKY_SLOPE, sigmoidArray, softmaxRows, tanhArray } from '../kernels/activations.js';
import { type ForwardContext, type Layer, type ParamSpec, sizeOf } from './layer.js';

export interface ActivationConfig {
  kind: 'activation';
  fn: ActivationKind;
}

export class Activation implements Layer<ActivationConfig> {
  readonly kind = 'activation' as const;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  private readonly n: number;
  private x: Float32Array = new Float32Array(0);
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);

  constructor(
    private readonly cfg: ActivationConfig,
    inShape: readonly number[],
  ) {
    this.inShape = [...inShape];
    this.outShape = [...inShape];
    this.n = sizeOf(inShape);
  }

  params(): ParamSpec[] {
    return [];
  }

  bind(): void {}

  resize(maxBatch: number): void {
    this.y = new Float32Array(maxBatch * this.n);
    this.dx = new Float32Array(maxBatch * this.n);
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const len = B * this.n;
    const y = this.y;
    this.x = x;
    switch (this.cfg.fn) {
      case 'relu':
        for (let i = 0; i < len; i++) y[i] = x[i] > 0 ? x[i] : 0;
        break;
      case 'leaky_relu':
        for (let i = 0; i < len; i++) y[i] = x[i] > 0 ? x[i] : LEAKY_SLOPE * x[i];
        break;
      case 'tanh':
        tanhArray(y, x, 0, len);
        break;
      case 'sigmoid':
        sigmoidArray(y, x, 0, len);
        break;
      case 'softmax': {
        const C = this.inShape[this.inShape.length - 1];
        softmaxRows(y, x, len / C, C);
        break;
      }
      case 'linear':
        y.set(x.subarray(0, len));
        break;
      default: {
        const never: never = this.cfg.fn;
        throw new Error(`unknown activation ${String(never)}`);
      }
    }
    return y;
  }

  backward(dy: Float32Array, B: number): Float32Array {
    const len = B * this.n;
    const { x, y, dx } = this;
    switch (this.cfg.fn) {
      case 'relu':
        for (let i = 0; i < len; i++) dx[i] = x[i] > 0 ? dy[i] : 0;
        break;
      case 'leaky_relu':
        for (let i = 0; i < len; i++) dx[i] = x[i] > 0 ? dy[i] : LEAKY_SLOPE * dy[i];
        break;
      case 'tanh':
        for (let i = 0; i < len; i++) dx[i] = dy[i] * (1 - y[i] * y[i]);
        break;
      case 'sigmoid':
        for (let i = 0; i < len; i++) dx[i] = dy[i] * y[i] * (1 - y[i]);
        break;
      case 'softmax': {
        const C = this.inShape[this.inShape.length - 1];
        for (let o = 0; o < len; o += C) {
          let dot = 0;
          for (let c = 0; c < C; c++) dot += dy[o + c] * y[o + c];
          for (let c = 0; c < C; c++) dx[o + c] = y[o + c] * (dy[o + c] - dot);
        }
        break;
      }
      case 'linear':
        dx.set(dy.subarray(0, len));
        break;
      default: {
        const never: never = this.cfg.fn;
        throw new Error(`unknown activation ${String(never)}`);
      }
    }
    return dx;
  }

  config(): ActivationConfig {
    return { ...this.cfg };
  }

  describe(): string {
    return `Activation(${this.cfg.fn})`;
  }
}
