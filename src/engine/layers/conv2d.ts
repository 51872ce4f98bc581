// Conv2d, layout NCHW: per-sample x (C, H, W) -> y (F, OH, OW); W (F, C, kh, kw) = (F, K) row-major
// with K = C·kh·kw; b (F). Per sample, rows = im2row(x): (P, K) with P = OH·OW, y = W·rowsᵀ + b.
// Backward: db += Σ_p dy; dW += dy·rows; drows = dyᵀ·W; dx = row2im(drows). Padding and output size
// follow Keras/TF ('valid' = none, 'same' = OH = ceil(H/s)). He-normal init, fanIn = K.
// NOTE: both backward GEMMs take dy as their transposed left operand, the side gemm skips zero
// pairs of; after ReLU + max-pool most of dy is zero, which makes backward ~2x faster.
// activation 'relu' fuses y = max(0, ·) (Keras Conv2D(activation=)): clamped while the sample is in
// cache, and backward masks dy by y > 0 in the copy it makes anyway (NOTE: gradient 0 at the kink).
// reference: Caffe im2col convolution; https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html

import { convAxis, im2row, row2im } from '../kernels/conv.js';
import { gemm } from '../kernels/gemm.js';
import { type ForwardContext, type Layer, type ParamSpec, sizeOf } from './layer.js';

export interface Conv2dConfig {
  kind: 'conv2d';
  filters: number;
  kernel: number | [number, number];
  stride?: number;
  padding?: 'same' | 'valid';
  activation?: 'linear' | 'relu';
}

export class Conv2d implements Layer<Conv2dConfig> {
  readonly kind = 'conv2d' as const;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  private readonly C: number;
  private readonly H: number;
  private readonly W: number;
  private readonly F: number;
  private readonly kh: number;
  private readonly kw: number;
  private readonly s: number;
  private readonly pt: number;
  private readonly pl: number;
  private readonly OH: number;
  private readonly OW: number;
  private readonly K: number;
  private readonly P: number;
  private readonly relu: boolean;
  private Wt: Float32Array = new Float32Array(0);
  private b: Float32Array = new Float32Array(0);
  private dW: Float32Array = new Float32Array(0);
  private db: Float32Array = new Float32Array(0);
  private rows: Float32Array[] = []; // per-sample (P, K) views of one buffer, kept for backward
  private ys: Float32Array[] = []; // per-sample (F, P) views of y
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);
  private dyb: Float32Array = new Float32Array(0); // one sample's dy, (F, P)
  private dyT: Float32Array = new Float32Array(0); // its transpose, (P, F)
  private drows: Float32Array = new Float32Array(0); // one sample's drows, (P, K)

  constructor(private readonly cfg: Conv2dConfig, inShape: readonly number[]) {
    if (inShape.length !== 3) throw new RangeError(`conv2d needs per-sample inputs (C, H, W), got [${inShape.join(', ')}]`);
    const [kh, kw] = typeof cfg.kernel === 'number' ? [cfg.kernel, cfg.kernel] : cfg.kernel;
    const s = cfg.stride ?? 1;
    const padding = cfg.padding ?? 'valid';
    [this.C, this.H, this.W] = inShape;
    const rows = convAxis(this.H, kh, s, padding);
    const cols = convAxis(this.W, kw, s, padding);
    if (!(rows.out > 0 && cols.out > 0 && cfg.filters > 0 && s > 0)) {
      throw new RangeError(`conv2d ${kh}x${kw} stride ${s} '${padding}' does not fit input [${inShape.join(', ')}]`);
    }
    this.F = cfg.filters;
    this.kh = kh;
    this.kw = kw;
    this.s = s;
    this.pt = rows.pad;
    this.pl = cols.pad;
    this.OH = rows.out;
    this.OW = cols.out;
    this.relu = (cfg.activation ?? 'linear') === 'relu';
    this.K = this.C * kh * kw;
    this.P = rows.out * cols.out;
    this.inShape = [...inShape];
    this.outShape = [cfg.filters, rows.out, cols.out];
  }

  params(): ParamSpec[] {
    return [
      { name: 'W', shape: [this.F, this.C, this.kh, this.kw], init: { kind: 'he_normal', fanIn: this.K }, decay: true },
      { name: 'b', shape: [this.F], init: { kind: 'zeros' }, decay: false },
    ];
  }

  bind(values: Float32Array[], grads: Float32Array[]): void {
    [this.Wt, this.b] = values;
    [this.dW, this.db] = grads;
  }

  resize(maxBatch: number): void {
    const { K, P, F } = this;
    const rows = new Float32Array(maxBatch * P * K);
    this.rows = Array.from({ length: maxBatch }, (_, b) => rows.subarray(b * P * K, (b + 1) * P * K));
    this.y = new Float32Array(maxBatch * F * P);
    this.ys = Array.from({ length: maxBatch }, (_, b) => this.y.subarray(b * F * P, (b + 1) * F * P));
    this.dx = new Float32Array(maxBatch * sizeOf(this.inShape));
    this.dyb = new Float32Array(F * P);
    this.dyT = new Float32Array(P * F);
    this.drows = new Float32Array(P * K);
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const { C, H, W, kh, kw, s, pt, pl, OH, OW, F, K, P, b: bias } = this;
    const inSize = C * H * W;
    for (let n = 0; n < B; n++) {
      const rows = this.rows[n];
      const yn = this.ys[n];
      im2row(rows, x, n * inSize, C, H, W, kh, kw, s, pt, pl, OH, OW);
      for (let f = 0; f < F; f++) yn.fill(bias[f], f * P, (f + 1) * P);
      gemm(yn, this.Wt, rows, F, P, K, false, true, true);
      if (this.relu) for (let i = 0; i < F * P; i++) if (yn[i] < 0) yn[i] = 0;
    }
    return this.y;
  }

  backward(dy: Float32Array, B: number): Float32Array {
    const { C, H, W, kh, kw, s, pt, pl, OH, OW, F, K, P, db, dyb, dyT, drows, dx, y, relu } = this;
    const inSize = C * H * W;
    dx.fill(0, 0, B * inSize);
    for (let n = 0; n < B; n++) {
      // NOTE: dy is copied (and transposed) into scratch, fused with db, because gemm takes no
      // offsets and a subarray view per sample would allocate on every step.
      const d0 = n * F * P;
      for (let f = 0; f < F; f++) {
        let sum = 0;
        for (let p = 0; p < P; p++) {
          const v = relu && y[d0 + f * P + p] <= 0 ? 0 : dy[d0 + f * P + p];
          dyb[f * P + p] = v;
          dyT[p * F + f] = v;
          sum += v;
        }
        db[f] += sum;
      }
      gemm(this.dW, dyT, this.rows[n], F, K, P, true, false, true);
      gemm(drows, dyb, this.Wt, P, K, F, true, false, false);
      row2im(dx, n * inSize, drows, C, H, W, kh, kw, s, pt, pl, OH, OW);
    }
    return dx;
  }

  config(): Conv2dConfig {
    const { kernel } = this.cfg;
    return { ...this.cfg, kernel: typeof kernel === 'number' ? kernel : [kernel[0], kernel[1]] };
  }

  describe(): string {
    const act = this.relu ? ', relu' : '';
    return `Conv2d(${this.C} -> ${this.F}, ${this.kh}x${this.kw}, stride ${this.s}, ${this.cfg.padding ?? 'valid'}${act})`;
  }
}
