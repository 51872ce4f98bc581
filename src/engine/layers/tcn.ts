// TCN residual block: a dilated causal Conv1d with ReLU plus a residual connection. Layout NCL:
// per-sample x (C, L) -> y (F, L), with the time axis kept (L out = L in).
//   z[f, t] = b[f] + Σ_c Σ_{j<k} W[f, c, j] · x[c, t − (k − 1 − j)·d]    (x = 0 before t = 0: causal)
//   y = relu(z) + res,  res = x when C = F, else the 1×1 projection res[f, t] = br[f] + Σ_c Wr[f, c] x[c, t]
// y[·, t] sees x[·, t − (k − 1)d .. t] only; stacking blocks with d = 1, 2, 4, … grows the receptive
// field exponentially. As conv1d.ts, per sample rows = im2row (L, C·k), z = W·rowsᵀ + b and backward
// dW += dz·rows, drows = dzᵀ·W, dx = row2im(drows) (+ the residual's dy or Wrᵀ·dy).
// NOTE: one convolution per block, without Bai et al.'s second convolution, weight normalisation and
// dropout (a Dropout layer can follow); the ReLU's gradient at 0 is taken as 0.
// reference: Bai, Kolter & Koltun (2018), arXiv:1803.01271, §3 and Fig. 1; van den Oord et al. (2016), WaveNet.

import { gemm } from '../kernels/gemm.js';
import { type ForwardContext, type Layer, type ParamSpec } from './layer.js';

export interface TcnConfig {
  kind: 'tcn';
  filters: number;
  kernel: number;
  dilation?: number;
}

export class Tcn implements Layer<TcnConfig> {
  readonly kind = 'tcn' as const;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  private readonly C: number;
  private readonly L: number;
  private readonly F: number;
  private readonly k: number;
  private readonly d: number;
  private readonly K: number;
  private readonly project: boolean;
  private Wt: Float32Array = new Float32Array(0);
  private b: Float32Array = new Float32Array(0);
  private Wr: Float32Array = new Float32Array(0);
  private br: Float32Array = new Float32Array(0);
  private dW: Float32Array = new Float32Array(0);
  private db: Float32Array = new Float32Array(0);
  private dWr: Float32Array = new Float32Array(0);
  private dbr: Float32Array = new Float32Array(0);
  private x: Float32Array = new Float32Array(0); // the last input (a reference, not a copy)
  private rows: Float32Array[] = []; // per-sample (L, K) views of one buffer, kept for backward
  private zs: Float32Array[] = []; // per-sample (F, L) views of relu(z)
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);
  private dzb: Float32Array = new Float32Array(0); // one sample's dz, (F, L)
  private dzT: Float32Array = new Float32Array(0); // its transpose, (L, F)
  private drows: Float32Array = new Float32Array(0); // (L, K)

  constructor(
    private readonly cfg: TcnConfig,
    inShape: readonly number[],
  ) {
    if (inShape.length !== 2) throw new RangeError(`tcn needs per-sample inputs (C, L), got [${inShape.join(', ')}]`);
    const d = cfg.dilation ?? 1;
    for (const [name, v] of [
      ['filters', cfg.filters],
      ['kernel', cfg.kernel],
      ['dilation', d],
    ] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`tcn: ${name} ${v} must be a positive integer`);
    }
    [this.C, this.L] = inShape;
    this.F = cfg.filters;
    this.k = cfg.kernel;
    this.d = d;
    this.K = this.C * this.k;
    this.project = this.C !== this.F;
    this.inShape = [...inShape];
    this.outShape = [this.F, this.L];
  }

  params(): ParamSpec[] {
    const { F, C, k, K } = this;
    const specs: ParamSpec[] = [
      { name: 'W', shape: [F, C, k], init: { kind: 'he_normal', fanIn: K }, decay: true },
      { name: 'b', shape: [F], init: { kind: 'zeros' }, decay: false },
    ];
    if (this.project) {
      specs.push({ name: 'Wr', shape: [F, C], init: { kind: 'glorot_uniform', fanIn: C, fanOut: F }, decay: true });
      specs.push({ name: 'br', shape: [F], init: { kind: 'zeros' }, decay: false });
    }
    return specs;
  }

  bind(values: Float32Array[], grads: Float32Array[]): void {
    [this.Wt, this.b, this.Wr = new Float32Array(0), this.br = new Float32Array(0)] = values;
    [this.dW, this.db, this.dWr = new Float32Array(0), this.dbr = new Float32Array(0)] = grads;
  }

  resize(maxBatch: number): void {
    const { K, L, F, C } = this;
    const rows = new Float32Array(maxBatch * L * K);
    this.rows = Array.from({ length: maxBatch }, (_, n) => rows.subarray(n * L * K, (n + 1) * L * K));
    const z = new Float32Array(maxBatch * F * L);
    this.zs = Array.from({ length: maxBatch }, (_, n) => z.subarray(n * F * L, (n + 1) * F * L));
    this.y = new Float32Array(maxBatch * F * L);
    this.dx = new Float32Array(maxBatch * C * L);
    this.dzb = new Float32Array(F * L);
    this.dzT = new Float32Array(L * F);
    this.drows = new Float32Array(L * K);
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const { C, L, F, K, y, b: bias } = this;
    this.x = x;
    for (let n = 0; n < B; n++) {
      const rows = this.rows[n],
        zn = this.zs[n];
      this.im2rowCausal(rows, x, n * C * L);
      for (let f = 0; f < F; f++) zn.fill(bias[f], f * L, (f + 1) * L);
      gemm(zn, this.Wt, rows, F, L, K, false, true, true);
      const o = n * F * L,
        xo = n * C * L;
      for (let i = 0; i < F * L; i++) {
        if (zn[i] < 0) zn[i] = 0;
        y[o + i] = zn[i];
      }
      if (!this.project) {
        for (let i = 0; i < F * L; i++) y[o + i] += x[xo + i];
        continue;
      }
      for (let f = 0; f < F; f++) {
        for (let c = 0; c < C; c++) {
          const w = this.Wr[f * C + c];
          for (let t = 0; t < L; t++) y[o + f * L + t] += w * x[xo + c * L + t];
        }
        for (let t = 0; t < L; t++) y[o + f * L + t] += this.br[f];
      }
    }
    return y;
  }

  backward(dy: Float32Array, B: number): Float32Array {
    const { C, L, F, K, dzb, dzT, drows, dx, db, x } = this;
    dx.fill(0, 0, B * C * L);
    for (let n = 0; n < B; n++) {
      const zn = this.zs[n],
        o = n * F * L,
        xo = n * C * L;
      for (let f = 0; f < F; f++) {
        let sum = 0;
        for (let t = 0; t < L; t++) {
          const v = zn[f * L + t] > 0 ? dy[o + f * L + t] : 0;
          dzb[f * L + t] = v;
          dzT[t * F + f] = v;
          sum += v;
        }
        db[f] += sum;
      }
      gemm(this.dW, dzT, this.rows[n], F, K, L, true, false, true);
      gemm(drows, dzb, this.Wt, L, K, F, true, false, false);
      this.row2imCausal(dx, xo, drows);
      if (!this.project) {
        for (let i = 0; i < C * L; i++) dx[xo + i] += dy[o + i];
        continue;
      }
      for (let f = 0; f < F; f++) {
        let sum = 0;
        for (let c = 0; c < C; c++) {
          const w = this.Wr[f * C + c];
          let g = 0;
          for (let t = 0; t < L; t++) {
            const dv = dy[o + f * L + t];
            g += dv * x[xo + c * L + t];
            dx[xo + c * L + t] += w * dv;
          }
          this.dWr[f * C + c] += g;
        }
        for (let t = 0; t < L; t++) sum += dy[o + f * L + t];
        this.dbr[f] += sum;
      }
    }
    return dx;
  }

  /** rows[t, c·k + j] = x[c, t − (k − 1 − j)·d], 0 before the series starts. */
  private im2rowCausal(rows: Float32Array, x: Float32Array, xOff: number): void {
    const { C, L, k, d } = this;
    let r = 0;
    for (let t = 0; t < L; t++) {
      for (let c = 0; c < C; c++) {
        const xc = xOff + c * L;
        for (let j = 0; j < k; j++) {
          const i = t - (k - 1 - j) * d;
          rows[r++] = i >= 0 ? x[xc + i] : 0;
        }
      }
    }
  }

  /** The adjoint of im2rowCausal: dx[c, t − (k − 1 − j)·d] += drows[t, c·k + j]. */
  private row2imCausal(dx: Float32Array, dxOff: number, drows: Float32Array): void {
    const { C, L, k, d } = this;
    let r = 0;
    for (let t = 0; t < L; t++) {
      for (let c = 0; c < C; c++) {
        const xc = dxOff + c * L;
        for (let j = 0; j < k; j++, r++) {
          const i = t - (k - 1 - j) * d;
          if (i >= 0) dx[xc + i] += drows[r];
        }
      }
    }
  }

  config(): TcnConfig {
    return { ...this.cfg };
  }

  describe(): string {
    const res = this.project ? '1x1 residual' : 'identity residual';
    return `TCN(${this.C} -> ${this.F}, k=${this.k}, dilation ${this.d}, causal, relu, ${res})`;
  }
}
