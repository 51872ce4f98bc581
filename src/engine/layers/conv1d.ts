// Conv1d, layout NCL: per-sample x (C, L) -> y (F, OL); W (F, C, k) = (F, K) row-major with K = C·k;
// b (F). Per sample, rows = im2row1d(x): (OL, K), y = W·rowsᵀ + b. Backward: db += Σ_t dy;
// dW += dy·rows; drows = dyᵀ·W; dx = row2im1d(drows). Padding as Keras/TF ('same': OL = ceil(L/s)).
// NOTE: dy is the transposed left operand of both backward GEMMs, the side gemm skips zeros of.
// activation 'relu' fuses y = max(0, ·); backward masks dy by y > 0 (gradient 0 at the kink).
// He-normal init, fanIn = K. reference: https://pytorch.org/docs/stable/generated/torch.nn.Conv1d.html

import { convAxis, im2row1d, row2im1d } from '../kernels/conv.js';
import { gemm } from '../kernels/gemm.js';
import { type ForwardContext, type Layer, type ParamSpec } from './layer.js';

export interface Conv1dConfig {
  kind: 'conv1d';
  filters: number;
  kernel: number;
  stride?: number;
  padding?: 'same' | 'valid';
  activation?: 'linear' | 'relu';
}

export class Conv1d implements Layer<Conv1dConfig> {
  readonly kind = 'conv1d' as const;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  private readonly C: number;
  private readonly L: number;
  private readonly F: number;
  private readonly k: number;
  private readonly s: number;
  private readonly pl: number;
  private readonly OL: number;
  private readonly K: number;
  private readonly relu: boolean;
  private Wt: Float32Array = new Float32Array(0);
  private b: Float32Array = new Float32Array(0);
  private dW: Float32Array = new Float32Array(0);
  private db: Float32Array = new Float32Array(0);
  private rows: Float32Array[] = []; // per-sample (OL, K) views of one buffer, kept for backward
  private ys: Float32Array[] = []; // per-sample (F, OL) views of y
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);
  private dyb: Float32Array = new Float32Array(0); // one sample's dy, (F, OL)
  private dyT: Float32Array = new Float32Array(0); // its transpose, (OL, F)
  private drows: Float32Array = new Float32Array(0); // one sample's drows, (OL, K)

  constructor(
    private readonly cfg: Conv1dConfig,
    inShape: readonly number[],
  ) {
    if (inShape.length !== 2)
      throw new RangeError(`conv1d needs per-sample inputs (C, L), got [${inShape.join(', ')}]`);
    const s = cfg.stride ?? 1;
    const padding = cfg.padding ?? 'valid';
    [this.C, this.L] = inShape;
    const axis = convAxis(this.L, cfg.kernel, s, padding);
    if (!(axis.out > 0 && cfg.filters > 0 && s > 0)) {
      throw new RangeError(
        `conv1d kernel ${cfg.kernel} stride ${s} '${padding}' does not fit input [${inShape.join(', ')}]`,
      );
    }
    this.F = cfg.filters;
    this.k = cfg.kernel;
    this.s = s;
    this.pl = axis.pad;
    this.OL = axis.out;
    this.K = this.C * this.k;
    this.relu = (cfg.activation ?? 'linear') === 'relu';
    this.inShape = [...inShape];
    this.outShape = [cfg.filters, axis.out];
  }

  params(): ParamSpec[] {
    return [
      { name: 'W', shape: [this.F, this.C, this.k], init: { kind: 'he_normal', fanIn: this.K }, decay: true },
      { name: 'b', shape: [this.F], init: { kind: 'zeros' }, decay: false },
    ];
  }

  bind(values: Float32Array[], grads: Float32Array[]): void {
    [this.Wt, this.b] = values;
    [this.dW, this.db] = grads;
  }

  resize(maxBatch: number): void {
    const { K, OL, F } = this;
    const rows = new Float32Array(maxBatch * OL * K);
    this.rows = Array.from({ length: maxBatch }, (_, b) => rows.subarray(b * OL * K, (b + 1) * OL * K));
    this.y = new Float32Array(maxBatch * F * OL);
    this.ys = Array.from({ length: maxBatch }, (_, b) => this.y.subarray(b * F * OL, (b + 1) * F * OL));
    this.dx = new Float32Array(maxBatch * this.C * this.L);
    this.dyb = new Float32Array(F * OL);
    this.dyT = new Float32Array(OL * F);
    this.drows = new Float32Array(OL * K);
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const { C, L, k, s, pl, OL, F, K, b: bias } = this;
    for (let n = 0; n < B; n++) {
      const rows = this.rows[n];
      const yn = this.ys[n];
      im2row1d(rows, x, n * C * L, C, L, k, s, pl, OL);
      for (let f = 0; f < F; f++) yn.fill(bias[f], f * OL, (f + 1) * OL);
      gemm(yn, this.Wt, rows, F, OL, K, false, true, true);
      if (this.relu) for (let i = 0; i < F * OL; i++) if (yn[i] < 0) yn[i] = 0;
    }
    return this.y;
  }

  backward(dy: Float32Array, B: number): Float32Array {
    const { C, L, k, s, pl, OL, F, K, db, dyb, dyT, drows, dx, y, relu } = this;
    dx.fill(0, 0, B * C * L);
    for (let n = 0; n < B; n++) {
      // NOTE: dy is copied (and transposed) into scratch, fused with db: gemm takes no offsets,
      // and a subarray view per sample would allocate on every step.
      const d0 = n * F * OL;
      for (let f = 0; f < F; f++) {
        let sum = 0;
        for (let t = 0; t < OL; t++) {
          const v = relu && y[d0 + f * OL + t] <= 0 ? 0 : dy[d0 + f * OL + t];
          dyb[f * OL + t] = v;
          dyT[t * F + f] = v;
          sum += v;
        }
        db[f] += sum;
      }
      gemm(this.dW, dyT, this.rows[n], F, K, OL, true, false, true);
      gemm(drows, dyb, this.Wt, OL, K, F, true, false, false);
      row2im1d(dx, n * C * L, drows, C, L, k, s, pl, OL);
    }
    return dx;
  }

  config(): Conv1dConfig {
    return { ...this.cfg };
  }

  describe(): string {
    const act = this.relu ? ', relu' : '';
    return `Conv1d(${this.C} -> ${this.F}, k=${this.k}, stride ${this.s}, ${this.cfg.padding ?? 'valid'}${act})`;
  }
}
