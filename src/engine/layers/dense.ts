// Dense (fully connected): y = x·W + b.
// x: (B, I), W: (I, O), b: (O), y: (B, O), all row-major.
// Backward: dx = dy·Wᵀ, dW += xᵀ·dy, db += Σ_b dy. Inputs of higher rank are flattened per sample.

import { gemm } from '../kernels/gemm.js';
import { type ForwardContext, type Layer, type ParamSpec, sizeOf } from './layer.js';

export interface DenseConfig {
  kind: 'dense';
  units: number;
  init?: 'glorot_uniform' | 'he_normal';
}

export class Dense implements Layer<DenseConfig> {
  readonly kind = 'dense' as const;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  private readonly I: number;
  private readonly O: number;
  private W: Float32Array = new Float32Array(0);
  private b: Float32Array = new Float32Array(0);
  private dW: Float32Array = new Float32Array(0);
  private db: Float32Array = new Float32Array(0);
  private x: Float32Array = new Float32Array(0); // the last input (a reference, not a copy)
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);

  constructor(
    private readonly cfg: DenseConfig,
    inShape: readonly number[],
  ) {
    this.inShape = [...inShape];
    this.I = sizeOf(inShape);
    this.O = cfg.units;
    this.outShape = [cfg.units];
  }

  params(): ParamSpec[] {
    const init =
      this.cfg.init === 'he_normal'
        ? { kind: 'he_normal' as const, fanIn: this.I }
        : { kind: 'glorot_uniform' as const, fanIn: this.I, fanOut: this.O };
    return [
      { name: 'W', shape: [this.I, this.O], init, decay: true },
      { name: 'b', shape: [this.O], init: { kind: 'zeros' }, decay: false },
    ];
  }

  bind(values: Float32Array[], grads: Float32Array[]): void {
    [this.W, this.b] = values;
    [this.dW, this.db] = grads;
  }

  resize(maxBatch: number): void {
    this.y = new Float32Array(maxBatch * this.O);
    this.dx = new Float32Array(maxBatch * this.I);
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const { I, O, y, b } = this;
    this.x = x;
    for (let r = 0; r < B; r++) y.set(b, r * O);
    gemm(y, x, this.W, B, O, I, false, false, true);
    return y;
  }

  backward(dy: Float32Array, B: number, needDx = true): Float32Array {
    const { I, O, db } = this;
    gemm(this.dW, this.x, dy, I, O, B, true, false, true);
    for (let r = 0; r < B; r++) {
      const o0 = r * O;
      for (let o = 0; o < O; o++) db[o] += dy[o0 + o];
    }
    // NOTE: the first layer's dx (B·I·O multiply-adds, a third of W1's backward) is never used.
    if (needDx) gemm(this.dx, dy, this.W, B, I, O, false, true, false);
    return this.dx;
  }

  config(): DenseConfig {
    return { ...this.cfg };
  }

  describe(): string {
    return `Dense(${this.I} -> ${this.O})`;
  }
}
