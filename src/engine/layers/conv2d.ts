// Conv2d, layout NCHW: per-sample x (C, H, W) -> y (F, OH, OW); W (F, C, kh, kw) = (F, K) row-major
// with K = C·kh·kw; b (F). Per sample, col = im2col(x): (K, P) with P = OH·OW, y = W·col + b, which
// is the sample's (F, P) output as it stands. Backward: db += Σ_p dy; dW += dy·colᵀ; dcol = Wᵀ·dy;
// dx = col2im(dcol). Padding and output size follow Keras/TF ('valid' = none, 'same' = OH =
// ceil(H/s)). He-normal init, fanIn = K.
// NOTE: col, y and the masked dy live in one kernelBuffer (a wasm arena under the wasm backend), with
// one view per sample made at resize, so every GEMM reads and writes them in place: only W (F·K) and
// dW are copied per call. The first layer (needDx = false) skips dcol and col2im.
// activation 'relu' fuses y = max(0, ·) (Keras Conv2D(activation=)): clamped while the sample is in
// cache, and backward masks dy by y > 0 in the copy it makes anyway (NOTE: gradient 0 at the kink).
// reference: Caffe im2col convolution; https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html

import { col2im, convAxis, im2col } from '../kernels/conv.js';
import { gemm, kernelBuffer } from '../kernels/gemm.js';
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
  private col: Float32Array = new Float32Array(0); // (B, K, P): im2col of each sample, kept for backward
  private cols: Float32Array[] = []; // per-sample (K, P) views of col
  private y: Float32Array = new Float32Array(0); // (B, F, P)
  private ys: Float32Array[] = [];
  private dys: Float32Array[] = []; // per-sample (F, P): dy masked by the ReLU
  private dcol: Float32Array = new Float32Array(0); // one sample's dcol, (K, P)
  private dx: Float32Array = new Float32Array(0);

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
    const store = kernelBuffer(maxBatch * (K + 2 * F) * P + K * P);
    const views = (at: number, n: number): Float32Array[] =>
      Array.from({ length: maxBatch }, (_, b) => store.subarray(at + b * n, at + (b + 1) * n));
    this.col = store.subarray(0, maxBatch * K * P);
    this.cols = views(0, K * P);
    this.y = store.subarray(maxBatch * K * P, maxBatch * (K + F) * P);
    this.ys = views(maxBatch * K * P, F * P);
    this.dys = views(maxBatch * (K + F) * P, F * P);
    this.dcol = store.subarray(maxBatch * (K + 2 * F) * P);
    this.dx = new Float32Array(maxBatch * sizeOf(this.inShape));
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const { C, H, W, kh, kw, s, pt, pl, OH, OW, F, K, P, b: bias, col, y } = this;
    const inSize = C * H * W;
    for (let n = 0; n < B; n++) {
      im2col(col, n * K * P, x, n * inSize, C, H, W, kh, kw, s, pt, pl, OH, OW);
      const y0 = n * F * P;
      for (let f = 0; f < F; f++) y.fill(bias[f], y0 + f * P, y0 + (f + 1) * P);
      gemm(this.ys[n], this.Wt, this.cols[n], F, P, K, false, false, true);
      if (this.relu) for (let i = y0; i < y0 + F * P; i++) if (y[i] < 0) y[i] = 0;
    }
    return y;
  }

  backward(dy: Float32Array, B: number, needDx = true): Float32Array {
    const { C, H, W, kh, kw, s, pt, pl, OH, OW, F, K, P, db, dcol, dx, y, relu } = this;
    const inSize = C * H * W;
    if (needDx) dx.fill(0, 0, B * inSize);
    for (let n = 0; n < B; n++) {
      const dyn = this.dys[n];
      const d0 = n * F * P;
      for (let f = 0; f < F; f++) {
        let sum = 0;
        for (let p = 0, i = d0 + f * P; p < P; p++, i++) {
          const v = relu && y[i] <= 0 ? 0 : dy[i];
          dyn[f * P + p] = v;
          sum += v;
        }
        db[f] += sum;
      }
      gemm(this.dW, dyn, this.cols[n], F, K, P, false, true, true);
      if (!needDx) continue;
      gemm(dcol, this.Wt, dyn, K, P, F, true, false, false);
      col2im(dx, n * inSize, dcol, 0, C, H, W, kh, kw, s, pt, pl, OH, OW);
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
