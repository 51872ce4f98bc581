// Conv2d, layout NCHW: per-sample x (C, H, W) -> y (F, OH, OW); W (F, C, kh, kw) = (F, K) row-major
// with K = C·kh·kw; b (F). Per sample, col = im2col(x): (K, P) with P = OH·OW, y = W·col + b, which
// is the sample's (F, P) output as it stands. Backward: db += Σ_p dy; dW += dy·colᵀ; dcol = Wᵀ·dy;
// dx = col2im(dcol). Padding and output size follow Keras/TF ('valid' = none, 'same' = OH =
// ceil(H/s)). He-normal init, fanIn = K.
// NOTE: every buffer lives in one layerBuffer (a wasm arena under the wasm backend), with one view
// per sample made at resize. On wasm, x, dy, b and W are copied into it once per batch, so no GEMM
// copies an operand, and im2col, bias+ReLU, the dy mask with db, col2im and the zero-fills run as
// wasm SIMD on the same memory (kernels/wasm/conv-wasm.ts; TypedArray.fill on that shared memory is
// ~10× slower than a memset). The TS backend runs the same steps in TypeScript, the reference.
// The first layer (needDx = false) skips dcol and col2im.
// activation 'relu' fuses y = max(0, ·) (Keras Conv2D(activation=)): clamped while the sample is in
// cache, and backward masks dy by y > 0 in the copy it makes anyway (NOTE: gradient 0 at the kink).
// reference: Caffe im2col convolution; https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html

import { col2im, convAxis, im2col } from '../kernels/conv.js';
import { gemm, layerBuffer } from '../kernels/gemm.js';
import { ConvWasm } from '../kernels/wasm/conv-wasm.js';
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
  private dyM: Float32Array = new Float32Array(0); // (B, F, P): dy masked by the ReLU
  private dys: Float32Array[] = [];
  private dcol: Float32Array = new Float32Array(0); // one sample's dcol, (K, P)
  private dx: Float32Array = new Float32Array(0);
  private xIn: Float32Array = new Float32Array(0); // wasm: the batch's x, copied into the arena
  private bS: Float32Array = new Float32Array(0); // wasm: b, copied into the arena
  private dbS: Float32Array = new Float32Array(0); // wasm: one sample's db
  private WS: Float32Array = new Float32Array(0); // wasm: W, copied into the arena once per pass
  private dWS: Float32Array = new Float32Array(0); // wasm: the batch's dWᵀ (K, F), added to dW at the end
  private cw: ConvWasm | null = null;

  constructor(
    private readonly cfg: Conv2dConfig,
    inShape: readonly number[],
  ) {
    if (inShape.length !== 3)
      throw new RangeError(`conv2d needs per-sample inputs (C, H, W), got [${inShape.join(', ')}]`);
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
    const inSize = sizeOf(this.inShape);
    const sizes = [
      maxBatch * K * P,
      maxBatch * F * P,
      maxBatch * F * P,
      K * P,
      maxBatch * inSize,
      maxBatch * inSize,
      F,
      F,
      F * K,
      F * K,
    ];
    const store = layerBuffer(sizes.reduce((a, b) => a + b, 0));
    let at = 0;
    [this.col, this.y, this.dyM, this.dcol, this.dx, this.xIn, this.bS, this.dbS, this.WS, this.dWS] = sizes.map((n) =>
      store.subarray(at, (at += n)),
    );
    const views = (buf: Float32Array, n: number): Float32Array[] =>
      Array.from({ length: maxBatch }, (_, b) => buf.subarray(b * n, (b + 1) * n));
    this.cols = views(this.col, K * P);
    this.ys = views(this.y, F * P);
    this.dys = views(this.dyM, F * P);
    this.cw = ConvWasm.of(store);
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    if (this.cw) return this.forwardWasm(this.cw, x, B);
    const { C, H, W, kh, kw, s, pt, pl, OH, OW, F, K, P, b: bias, col, y, relu } = this;
    const inSize = C * H * W;
    for (let n = 0; n < B; n++) {
      im2col(col, n * K * P, x, n * inSize, C, H, W, kh, kw, s, pt, pl, OH, OW);
      const y0 = n * F * P;
      for (let f = 0; f < F; f++) y.fill(bias[f], y0 + f * P, y0 + (f + 1) * P);
      gemm(this.ys[n], this.Wt, this.cols[n], F, P, K, false, false, true);
      if (relu) for (let i = y0; i < y0 + F * P; i++) if (y[i] < 0) y[i] = 0;
    }
    return y;
  }

  backward(dy: Float32Array, B: number, needDx = true): Float32Array {
    if (this.cw) return this.backwardWasm(this.cw, dy, B, needDx);
    const { C, H, W, kh, kw, s, pt, pl, OH, OW, F, K, P, db, dcol, dx } = this;
    const inSize = C * H * W;
    if (needDx) dx.fill(0, 0, B * inSize);
    for (let n = 0; n < B; n++) {
      this.maskSum(dy, n, db);
      gemm(this.dW, this.dys[n], this.cols[n], F, K, P, false, true, true);
      if (!needDx) continue;
      gemm(dcol, this.Wt, this.dys[n], K, P, F, true, false, false);
      col2im(dx, n * inSize, dcol, 0, C, H, W, kh, kw, s, pt, pl, OH, OW);
    }
    return dx;
  }

  // The same steps with every operand in the arena: x, b and W are copied in once per batch.
  private forwardWasm(cw: ConvWasm, x: Float32Array, B: number): Float32Array {
    const { C, H, W, kh, kw, s, pt, pl, OH, OW, F, K, P, col, y, xIn, bS, WS } = this;
    const inSize = C * H * W;
    xIn.set(x.length === B * inSize ? x : x.subarray(0, B * inSize));
    bS.set(this.b);
    WS.set(this.Wt);
    for (let n = 0; n < B; n++) {
      cw.im2col(col, n * K * P, xIn, n * inSize, C, H, W, kh, kw, s, pt, pl, OH, OW);
      cw.zero(y, n * F * P, F * P);
      gemm(this.ys[n], WS, this.cols[n], F, P, K, false, false, true);
      cw.bias(y, n * F * P, bS, F, P, this.relu);
    }
    return y;
  }

  // NOTE: dW is accumulated transposed, dWᵀ += col·dyᵀ, and added to dW once per batch: the thin
  // K = 9 product of a first layer then tiles better (measured per sample, conv 1 of W3: 16–17.5
  // vs 19–19.6 µs; conv 2 the same either way, 59 µs).
  private backwardWasm(cw: ConvWasm, dy: Float32Array, B: number, needDx: boolean): Float32Array {
    const { C, H, W, kh, kw, s, pt, pl, OH, OW, F, K, P, db, dcol, dx, dyM, WS, dWS, dbS } = this;
    const inSize = C * H * W;
    if (needDx) cw.zero(dx, 0, B * inSize);
    dyM.set(dy.length === B * F * P ? dy : dy.subarray(0, B * F * P));
    WS.set(this.Wt);
    cw.zero(dWS, 0, F * K);
    for (let n = 0; n < B; n++) {
      cw.maskSum(dyM, n * F * P, this.y, n * F * P, F, P, dbS, this.relu);
      for (let f = 0; f < F; f++) db[f] += dbS[f];
      gemm(dWS, this.cols[n], this.dys[n], K, F, P, false, true, true);
      if (!needDx) continue;
      cw.zero(dcol, 0, K * P);
      gemm(dcol, WS, this.dys[n], K, P, F, true, false, true);
      cw.col2im(dx, n * inSize, dcol, 0, C, H, W, kh, kw, s, pt, pl, OH, OW);
    }
    const { dW } = this;
    for (let f = 0; f < F; f++) for (let k = 0; k < K; k++) dW[f * K + k] += dWS[k * F + f];
    return dx;
  }

  /** Sample n's dy masked by the ReLU into dyM, and db += its row sums (the TS path). */
  private maskSum(dy: Float32Array, n: number, db: Float32Array): void {
    const { F, P, y, dyM, relu } = this;
    const d0 = n * F * P;
    for (let f = 0; f < F; f++) {
      let sum = 0;
      for (let i = d0 + f * P; i < d0 + (f + 1) * P; i++) {
        const v = relu && y[i] <= 0 ? 0 : dy[i];
        dyM[i] = v;
        sum += v;
      }
      db[f] += sum;
    }
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
