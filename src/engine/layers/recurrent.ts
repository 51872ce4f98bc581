// The recurrent loop shared by SimpleRNN, LSTM and GRU (Keras: RNN = loop, each layer file = its cell).
// x: (B, T, I) row-major. For all G gates of H units at once:
//   zx_t = x_t·W + b            W: (I, G·H), b: (G·H)      one gemm over all T·B rows, before the loop
//   zh_t = h_{t-1}·U [+ bU]     U: (H, G·H) orthogonal; h_{-1} = 0      one gemm per step over the batch
// RNN/LSTM add zh_t straight into zx_t; GRU (reset-after) keeps it apart, with its own bias bU.
// BPTT walks the steps backwards, per step only dh_{t-1} = dzh_t·Uᵀ (+ the cell's direct path); the
// rest is one gemm each over the time-major caches (T, B, ·) after the loop: dW += Xᵀ·dZx,
// db += Σ dZx, dU += H_{0..T-2}ᵀ·dZh_{1..T-1}, dX = dZx·Wᵀ.
// Output: h_{T-1} as (B, H), or every h_t as (B, T, H) with returnSequences.

import type { Init } from '../init.js';
import { gemm } from '../kernels/gemm.js';
import { type ForwardContext, type Layer, type ParamSpec } from './layer.js';

export interface RecurrentConfig {
  kind: string;
  units: number;
  returnSequences?: boolean;
}

/** The whole-sequence (T·B rows) views: X, ZX, dZx, dZh, dX, states h_0..h_{T-2}, dzh_1..dzh_{T-1}. */
type SequenceView = 'x' | 'zx' | 'dzx' | 'dzh' | 'dx' | 'hMid' | 'dzhTail';

/** `count` consecutive views of `size` floats over buf. */
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
  /** Time-major flat caches, (T, B, ·) for the current batch size B (maxB rows reserved): inputs,
   *  gate pre-activations (the cell may overwrite them with its activations), recurrent parts (split
   *  only), states (T+1, B, H) with h_{-1} = 0 first, gate gradients, input gradients. */
  private xBuf: Float32Array = new Float32Array(0);
  private zxBuf: Float32Array = new Float32Array(0);
  private zhBuf: Float32Array = new Float32Array(0);
  private hsBuf: Float32Array = new Float32Array(0);
  private dzxBuf: Float32Array = new Float32Array(0);
  private dzhBuf: Float32Array = new Float32Array(0);
  private dxBuf: Float32Array = new Float32Array(0);
  /** Per-step views (B, ·) of those caches, and the whole-sequence views the hoisted gemms use;
   *  rebuilt only when the batch size changes (viewsFor), so a training step allocates nothing. */
  private viewB = -1;
  protected zx: Float32Array[] = [];
  protected zh: Float32Array[] = [];
  protected hs: Float32Array[] = [];
  private dzxs: Float32Array[] = [];
  private dzhs: Float32Array[] = [];
  private all: Record<SequenceView, Float32Array> = {
    x: this.xBuf,
    zx: this.xBuf,
    dzx: this.xBuf,
    dzh: this.xBuf,
    dx: this.xBuf,
    hMid: this.xBuf,
    dzhTail: this.xBuf,
  };
  /** Set before each cellBackward to step t's rows of the gate-gradient caches: the cell writes
   *  dL/dzx_t and dL/dzh_t there (the same buffer unless split). */
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
  protected constructor(
    protected readonly cfg: C,
    inShape: readonly number[],
    G: number,
    private readonly split: boolean,
  ) {
    if (inShape.length !== 2) {
      throw new RangeError(
        `${cfg.kind}: input shape [${inShape.join(', ')}] is not [T, I]; feed (batch, time, features) sequences`,
      );
    }
    if (!Number.isInteger(cfg.units) || cfg.units < 1)
      throw new RangeError(`${cfg.kind}: units ${cfg.units} must be a positive integer`);
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
    this.xBuf = new Float32Array(T * maxB * I);
    this.dxBuf = new Float32Array(T * maxB * I);
    this.zxBuf = new Float32Array(T * maxB * GH);
    this.zhBuf = this.split ? new Float32Array(T * maxB * GH) : this.zxBuf;
    this.hsBuf = new Float32Array((T + 1) * maxB * H);
    this.dzxBuf = new Float32Array(T * maxB * GH);
    this.dzhBuf = this.split ? new Float32Array(T * maxB * GH) : this.dzxBuf;
    this.dh = new Float32Array(maxB * H);
    this.dhPrev = new Float32Array(maxB * H);
    this.y = new Float32Array(maxB * (this.cfg.returnSequences ? T * H : H));
    this.dx = new Float32Array(maxB * T * I);
    this.viewB = -1;
    this.resizeCell(maxB);
  }

  /** Point the per-step and whole-sequence views at the first T·B rows of the caches. */
  private viewsFor(B: number): void {
    if (B === this.viewB) return;
    const { T, I, H, GH } = this;
    this.zx = stepViews(this.zxBuf, T, B * GH);
    this.zh = this.split ? stepViews(this.zhBuf, T, B * GH) : this.zx;
    this.hs = stepViews(this.hsBuf, T + 1, B * H);
    this.dzxs = stepViews(this.dzxBuf, T, B * GH);
    this.dzhs = this.split ? stepViews(this.dzhBuf, T, B * GH) : this.dzxs;
    this.all = {
      x: this.xBuf.subarray(0, T * B * I),
      zx: this.zxBuf.subarray(0, T * B * GH),
      dzx: this.dzxBuf.subarray(0, T * B * GH),
      dzh: this.dzhBuf.subarray(0, T * B * GH),
      dx: this.dxBuf.subarray(0, T * B * I),
      hMid: this.hsBuf.subarray(B * H, T * B * H), // h_0 .. h_{T-2}
      dzhTail: this.dzhBuf.subarray(B * GH, T * B * GH), // dzh_1 .. dzh_{T-1}
    };
    this.viewB = B;
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    this.viewsFor(B);
    const { T, I, H, GH, zh, hs, all } = this;
    const xt = all.x;
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        const src = (b * T + t) * I,
          dst = (t * B + b) * I;
        for (let i = 0; i < I; i++) xt[dst + i] = x[src + i];
      }
    }
    // The input projection of every step at once: ZX = X·W + b over T·B rows.
    for (let r = 0; r < T * B; r++) all.zx.set(this.b, r * GH);
    gemm(all.zx, xt, this.W, T * B, GH, I, false, false, true);
    hs[0].fill(0); // h_{-1} = 0 (these rows may hold another batch size's states)
    for (let t = 0; t < T; t++) {
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
        const dst = (b * T + t) * H,
          src = b * H;
        for (let j = 0; j < H; j++) y[dst + j] = h[src + j];
      }
    }
    return y;
  }

  backward(dy: Float32Array, B: number, needDx = true): Float32Array {
    this.viewsFor(B);
    const { T, I, H, GH, all, dzxs, dzhs } = this;
    let dh = this.dh;
    let dhPrev = this.dhPrev;
    dh.fill(0, 0, B * H);
    for (let t = T - 1; t >= 0; t--) {
      if (this.cfg.returnSequences) {
        for (let b = 0; b < B; b++) {
          const src = (b * T + t) * H,
            dst = b * H;
          for (let j = 0; j < H; j++) dh[dst + j] += dy[src + j];
        }
      } else if (t === T - 1) {
        for (let k = 0; k < B * H; k++) dh[k] += dy[k];
      }
      this.dzx = dzxs[t];
      this.dzh = dzhs[t];
      this.cellBackward(t, B, dh, dhPrev);
      if (t > 0) gemm(dhPrev, this.dzh, this.U, B, H, GH, false, true, this.split);
      const swap = dh;
      dh = dhPrev;
      dhPrev = swap;
    }
    // Parameter gradients of all steps at once (K = T·B instead of B: fewer, longer gemms).
    gemm(this.dW, all.x, all.dzx, I, GH, T * B, true, false, true);
    if (T > 1) gemm(this.dU, all.hMid, all.dzhTail, H, GH, (T - 1) * B, true, false, true);
    columnSums(this.db, all.dzx, T * B, GH);
    if (this.split) columnSums(this.dbU, all.dzh, T * B, GH);
    const dx = this.dx;
    if (!needDx) return dx;
    gemm(all.dx, all.dzx, this.W, T * B, I, GH, false, true, false);
    const dxt = all.dx;
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        const dst = (b * T + t) * I,
          src = (t * B + b) * I;
        for (let i = 0; i < I; i++) dx[dst + i] = dxt[src + i];
      }
    }
    return dx;
  }

  config(): C {
    return { ...this.cfg };
  }

  abstract describe(): string;
}

/** s[g] += Σ_r m[r, g] over the first `rows` rows of m (rows, G). */
function columnSums(s: Float32Array, m: Float32Array, rows: number, G: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * G;
    for (let g = 0; g < G; g++) s[g] += m[o + g];
  }
}
