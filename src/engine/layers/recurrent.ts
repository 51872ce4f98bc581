// The recurrent loop shared by SimpleRNN, LSTM and GRU (Keras: RNN = loop, each layer file = its cell).
// x: (B, T, I) row-major. Per step t, for all G gates of H units at once (one gemm each over the batch):
//   zx_t = x_t·W + b            W: (I, G·H), b: (G·H)
//   zh_t = h_{t-1}·U [+ bU]     U: (H, G·H) orthogonal; h_{-1} = 0
// RNN/LSTM add zh_t straight into zx_t; GRU (reset-after) keeps it apart, with its own bias bU.
// BPTT walks the time-major caches (T, maxB, ·) backwards: dW += x_tᵀ·dzx_t, db += Σ_b dzx_t,
// dU += h_{t-1}ᵀ·dzh_t, dh_{t-1} = dzh_t·Uᵀ (+ the cell's direct path), dx_t = dzx_t·Wᵀ.
// Output: h_{T-1} as (B, H), or every h_t as (B, T, H) with returnSequences.

import type { Init } from '../init.js';
import { gemm } from '../kernels/gemm.js';
import { type ForwardContext, type Layer, type ParamSpec } from './layer.js';

export interface RecurrentConfig {
  kind: string;
  units: number;
  returnSequences?: boolean;
}

/** `count` consecutive views of `size` floats over buf (built in resize, so steps never allocate). */
export function stepViews(buf: Float32Array, count: number, size: number): Float32Array[] {
  return Array.from({ length: count }, (_, t) => buf.subarray(t * size, (t + 1) * size));
}

export abstract class Recurrent<C extends RecurrentConfig> implements Layer<C> {
  abstract readonly kind: C['kind'];
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  protected readonly T: number;
  protected readonly I: number;
  protected readonly H: number;
  protected readonly GH: number;
  protected W: Float32Array = new Float32Array(0);
  protected U: Float32Array = new Float32Array(0);
  protected b: Float32Array = new Float32Array(0);
  protected bU: Float32Array = new Float32Array(0);
  private dW: Float32Array = new Float32Array(0);
  private dU: Float32Array = new Float32Array(0);
  private db: Float32Array = new Float32Array(0);
  private dbU: Float32Array = new Float32Array(0);
  /** Per-step views (maxB, ·): inputs x_t, gate pre-activations (the cell may overwrite them with
   *  its activations), recurrent parts (split only), and states hs[t+1] = h_t with hs[0] = 0. */
  protected xs: Float32Array[] = [];
  protected zx: Float32Array[] = [];
  protected zh: Float32Array[] = [];
  protected hs: Float32Array[] = [];
  private dxs: Float32Array[] = [];
  /** Filled by cellBackward: dL/dzx_t and dL/dzh_t (the same buffer unless split). */
  protected dzx: Float32Array = new Float32Array(0);
  protected dzh: Float32Array = new Float32Array(0);
  private dh: Float32Array = new Float32Array(0);
  private dhPrev: Float32Array = new Float32Array(0);
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);

  /**
   * @param G gates per unit (RNN 1, GRU 3, LSTM 4)
   * @param split keep zh_t apart from zx_t and add a recurrent bias bU (GRU reset-after)
   */
  protected constructor(protected readonly cfg: C, inShape: readonly number[], G: number, private readonly split: boolean) {
    if (inShape.length !== 2) {
      throw new RangeError(`${cfg.kind}: input shape [${inShape.join(', ')}] is not [T, I]; feed (batch, time, features) sequences`);
    }
    if (!Number.isInteger(cfg.units) || cfg.units < 1) throw new RangeError(`${cfg.kind}: units ${cfg.units} must be a positive integer`);
    this.inShape = [...inShape];
    [this.T, this.I] = inShape;
    this.H = cfg.units;
    this.GH = G * cfg.units;
    this.outShape = cfg.returnSequences ? [this.T, this.H] : [this.H];
  }

  /** Forward of one cell step: read zx[t] (and zh[t]) and hs[t], write hs[t+1] and the cell's caches. */
  protected abstract cellForward(t: number, B: number): void;
  /** Given dh = dL/dh_t (B, H), write dzx (and dzh when split; then also SET dhPrev to the direct
   *  path dL/dh_{t-1} that bypasses U). Cells with extra state (LSTM c) carry its gradient themselves. */
  protected abstract cellBackward(t: number, B: number, dh: Float32Array, dhPrev: Float32Array): void;
  /** Allocate the cell's own per-step caches. */
  protected abstract resizeCell(maxB: number): void;

  protected biasInit(): Init {
    return { kind: 'zeros' };
  }

  params(): ParamSpec[] {
    const { I, H, GH } = this;
    const specs: ParamSpec[] = [
      { name: 'W', shape: [I, GH], init: { kind: 'glorot_uniform', fanIn: I, fanOut: GH }, decay: true },
      { name: 'U', shape: [H, GH], init: { kind: 'orthogonal', rows: H, cols: GH }, decay: true },
      { name: 'b', shape: [GH], init: this.biasInit(), decay: false },
    ];
    if (this.split) specs.push({ name: 'bU', shape: [GH], init: { kind: 'zeros' }, decay: false });
    return specs;
  }

  bind(values: Float32Array[], grads: Float32Array[]): void {
    [this.W, this.U, this.b] = values;
    [this.dW, this.dU, this.db] = grads;
    if (this.split) {
      this.bU = values[3];
      this.dbU = grads[3];
    }
  }

  resize(maxB: number): void {
    const { T, I, H, GH } = this;
    this.xs = stepViews(new Float32Array(T * maxB * I), T, maxB * I);
    this.dxs = stepViews(new Float32Array(T * maxB * I), T, maxB * I);
    this.zx = stepViews(new Float32Array(T * maxB * GH), T, maxB * GH);
    this.zh = this.split ? stepViews(new Float32Array(T * maxB * GH), T, maxB * GH) : this.zx;
    this.hs = stepViews(new Float32Array((T + 1) * maxB * H), T + 1, maxB * H);
    this.dzx = new Float32Array(maxB * GH);
    this.dzh = this.split ? new Float32Array(maxB * GH) : this.dzx;
    this.dh = new Float32Array(maxB * H);
    this.dhPrev = new Float32Array(maxB * H);
    this.y = new Float32Array(maxB * (this.cfg.returnSequences ? T * H : H));
    this.dx = new Float32Array(maxB * T * I);
    this.resizeCell(maxB);
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const { T, I, H, GH, xs, zx, zh, hs } = this;
    for (let t = 0; t < T; t++) {
      const xt = xs[t];
      for (let b = 0; b < B; b++) {
        const src = (b * T + t) * I, dst = b * I;
        for (let i = 0; i < I; i++) xt[dst + i] = x[src + i];
      }
    }
    for (let t = 0; t < T; t++) {
      const z = zx[t];
      for (let b = 0; b < B; b++) z.set(this.b, b * GH);
      gemm(z, xs[t], this.W, B, GH, I, false, false, true);
      if (this.split) {
        for (let b = 0; b < B; b++) zh[t].set(this.bU, b * GH);
      }
      if (t > 0) gemm(zh[t], hs[t], this.U, B, GH, H, false, false, true); // h_{-1} = 0: nothing to add
      this.cellForward(t, B);
    }
    if (!this.cfg.returnSequences) return hs[T];
    const y = this.y;
    for (let t = 0; t < T; t++) {
      const h = hs[t + 1];
      for (let b = 0; b < B; b++) {
        const dst = (b * T + t) * H, src = b * H;
        for (let j = 0; j < H; j++) y[dst + j] = h[src + j];
      }
    }
    return y;
  }

  backward(dy: Float32Array, B: number): Float32Array {
    const { T, I, H, GH, xs, hs, dxs, db, dbU } = this;
    let dh = this.dh;
    let dhPrev = this.dhPrev;
    dh.fill(0, 0, B * H);
    for (let t = T - 1; t >= 0; t--) {
      if (this.cfg.returnSequences) {
        for (let b = 0; b < B; b++) {
          const src = (b * T + t) * H, dst = b * H;
          for (let j = 0; j < H; j++) dh[dst + j] += dy[src + j];
        }
      } else if (t === T - 1) {
        for (let k = 0; k < B * H; k++) dh[k] += dy[k];
      }
      this.cellBackward(t, B, dh, dhPrev);
      const { dzx, dzh } = this;
      gemm(this.dW, xs[t], dzx, I, GH, B, true, false, true);
      gemm(dxs[t], dzx, this.W, B, I, GH, false, true, false);
      for (let b = 0; b < B; b++) {
        const r = b * GH;
        for (let g = 0; g < GH; g++) db[g] += dzx[r + g];
      }
      if (this.split) {
        for (let b = 0; b < B; b++) {
          const r = b * GH;
          for (let g = 0; g < GH; g++) dbU[g] += dzh[r + g];
        }
      }
      if (t > 0) {
        gemm(this.dU, hs[t], dzh, H, GH, B, true, false, true);
        gemm(dhPrev, dzh, this.U, B, H, GH, false, true, this.split);
      }
      const swap = dh;
      dh = dhPrev;
      dhPrev = swap;
    }
    const dx = this.dx;
    for (let t = 0; t < T; t++) {
      const d = dxs[t];
      for (let b = 0; b < B; b++) {
        const dst = (b * T + t) * I, src = b * I;
        for (let i = 0; i < I; i++) dx[dst + i] = d[src + i];
      }
    }
    return dx;
  }

  config(): C {
    return { ...this.cfg };
  }

  abstract describe(): string;
}
