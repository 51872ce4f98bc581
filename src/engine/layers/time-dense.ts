// TimeDense: the same Dense applied at every time step (Keras TimeDistributed(Dense)).
// x: (B, T, F) row-major = (B·T, F) rows, W: (F, O), b: (O), y: (B, T, O): y = x·W + b per row.
// Backward: dx = dy·Wᵀ, dW += xᵀ·dy, db += Σ_rows dy, over all B·T rows at once (one gemm each).
// Leading dimensions beyond T are treated as more steps: the last dimension is the feature one.

import { gemm } from '../kernels/gemm.js';
import { type ForwardContext, type Layer, type ParamSpec, sizeOf } from './layer.js';

export interface TimeDenseConfig {
  kind: 'time_dense';
  units: number;
}

export class TimeDense implements Layer<TimeDenseConfig> {
  readonly kind = 'time_dense' as const;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  private readonly T: number; // rows per sample
  private readonly F: number;
  private readonly O: number;
  private W: Float32Array = new Float32Array(0);
  private b: Float32Array = new Float32Array(0);
  private dW: Float32Array = new Float32Array(0);
  private db: Float32Array = new Float32Array(0);
  private x: Float32Array = new Float32Array(0); // the last input (a reference, not a copy)
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);

  constructor(
    private readonly cfg: TimeDenseConfig,
    inShape: readonly number[],
  ) {
    if (inShape.length < 2) {
      throw new RangeError(
        `time_dense: input shape [${inShape.join(', ')}] has no time axis; use dense, or put a returnSequences layer before it`,
      );
    }
    this.inShape = [...inShape];
    this.F = inShape[inShape.length - 1];
    this.T = sizeOf(inShape) / this.F;
    this.O = cfg.units;
    this.outShape = [...inShape.slice(0, -1), cfg.units];
  }

  params(): ParamSpec[] {
    const { F, O } = this;
    return [
      { name: 'W', shape: [F, O], init: { kind: 'glorot_uniform', fanIn: F, fanOut: O }, decay: true },
      { name: 'b', shape: [O], init: { kind: 'zeros' }, decay: false },
    ];
  }

  bind(values: Float32Array[], grads: Float32Array[]): void {
    [this.W, this.b] = values;
    [this.dW, this.db] = grads;
  }

  resize(maxBatch: number): void {
    this.y = new Float32Array(maxBatch * this.T * this.O);
    this.dx = new Float32Array(maxBatch * this.T * this.F);
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const { F, O, y, b } = this;
    const rows = B * this.T;
    this.x = x;
    for (let r = 0; r < rows; r++) y.set(b, r * O);
    gemm(y, x, this.W, rows, O, F, false, false, true);
    return y;
  }

  backward(dy: Float32Array, B: number): Float32Array {
    const { F, O, db } = this;
    const rows = B * this.T;
    gemm(this.dW, this.x, dy, F, O, rows, true, false, true);
    for (let r = 0; r < rows; r++) {
      const o0 = r * O;
      for (let o = 0; o < O; o++) db[o] += dy[o0 + o];
    }
    gemm(this.dx, dy, this.W, rows, F, O, false, true, false);
    return this.dx;
  }

  config(): TimeDenseConfig {
    return { ...this.cfg };
  }

  describe(): string {
    return `TimeDense(${this.F} -> ${this.O}, T=${this.T})`;
  }
}
