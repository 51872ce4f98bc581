// Attention pooling over a sequence of states (additive, Bahdanau-style scores; Raffel & Ellis's
// feed-forward attention): per sample, h_t (t = 0..T−1) the rows of x (T, H),
//   u_t = tanh(h_t·W + b)       W: (H, A), b: (A)
//   e_t = u_t·v                 v: (A)
//   α = softmax_t(e)            (max-subtracted)
//   y = Σ_t α_t h_t             y: (H)
// Backward: dα_t = dy·h_t, de_t = α_t (dα_t − Σ_s α_s dα_s), dv += Σ_t de_t u_t,
// dz_t = de_t v ⊙ (1 − u_t²), dW += Σ_t h_tᵀ dz_t, db += Σ_t dz_t, dh_t = α_t dy + dz_t·Wᵀ.
// x: (B, T, H) row-major, e.g. a recurrent layer with returnSequences; the weights α of the last
// forward are kept (weights()) for plots.
// reference: Bahdanau, Cho & Bengio (2015), arXiv:1409.0473, §3.1; Raffel & Ellis (2016), arXiv:1512.08756.

import { gemm } from '../kernels/gemm.js';
import { tanhArray } from '../kernels/activations.js';
import { type ForwardContext, type Layer, type ParamSpec } from './layer.js';

export interface AttentionPoolConfig {
  kind: 'attention_pool';
  /** Width A of the scoring layer. */
  units: number;
}

export class AttentionPool implements Layer<AttentionPoolConfig> {
  readonly kind = 'attention_pool' as const;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  private readonly T: number;
  private readonly H: number;
  private readonly A: number;
  private W: Float32Array = new Float32Array(0);
  private b: Float32Array = new Float32Array(0);
  private v: Float32Array = new Float32Array(0);
  private dW: Float32Array = new Float32Array(0);
  private db: Float32Array = new Float32Array(0);
  private dv: Float32Array = new Float32Array(0);
  private x: Float32Array = new Float32Array(0); // the last input (a reference, not a copy)
  private u: Float32Array = new Float32Array(0); // (B·T, A): tanh(xW + b), then reused for dz
  private alpha: Float32Array = new Float32Array(0); // (B, T)
  private y: Float32Array = new Float32Array(0);
  private dz: Float32Array = new Float32Array(0); // (B·T, A)
  private dx: Float32Array = new Float32Array(0);

  constructor(
    private readonly cfg: AttentionPoolConfig,
    inShape: readonly number[],
  ) {
    if (inShape.length !== 2) {
      throw new RangeError(
        `attention_pool: input shape [${inShape.join(', ')}] is not [T, H]; put a recurrent layer with returnSequences before it`,
      );
    }
    if (!Number.isInteger(cfg.units) || cfg.units < 1)
      throw new RangeError(`attention_pool: units ${cfg.units} must be a positive integer`);
    [this.T, this.H] = inShape;
    this.A = cfg.units;
    this.inShape = [...inShape];
    this.outShape = [this.H];
  }

  params(): ParamSpec[] {
    const { H, A } = this;
    return [
      { name: 'W', shape: [H, A], init: { kind: 'glorot_uniform', fanIn: H, fanOut: A }, decay: true },
      { name: 'b', shape: [A], init: { kind: 'zeros' }, decay: false },
      { name: 'v', shape: [A], init: { kind: 'glorot_uniform', fanIn: A, fanOut: 1 }, decay: true },
    ];
  }

  bind(values: Float32Array[], grads: Float32Array[]): void {
    [this.W, this.b, this.v] = values;
    [this.dW, this.db, this.dv] = grads;
  }

  resize(maxBatch: number): void {
    const { T, H, A } = this;
    this.u = new Float32Array(maxBatch * T * A);
    this.dz = new Float32Array(maxBatch * T * A);
    this.alpha = new Float32Array(maxBatch * T);
    this.y = new Float32Array(maxBatch * H);
    this.dx = new Float32Array(maxBatch * T * H);
  }

  /** The attention weights α (B, T) of the last forward (first B rows meaningful). */
  weights(): Float32Array {
    return this.alpha;
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    const { T, H, A, u, alpha, y, v } = this;
    const rows = B * T;
    this.x = x;
    for (let r = 0; r < rows; r++) u.set(this.b, r * A);
    gemm(u, x, this.W, rows, A, H, false, false, true);
    tanhArray(u, u, 0, rows * A);
    for (let n = 0; n < B; n++) {
      let max = -Infinity;
      for (let t = 0; t < T; t++) {
        let e = 0;
        const o = (n * T + t) * A;
        for (let a = 0; a < A; a++) e += u[o + a] * v[a];
        alpha[n * T + t] = e;
        if (e > max) max = e;
      }
      let sum = 0;
      for (let t = 0; t < T; t++) sum += alpha[n * T + t] = Math.exp(alpha[n * T + t] - max);
      y.fill(0, n * H, (n + 1) * H);
      for (let t = 0; t < T; t++) {
        const w = (alpha[n * T + t] /= sum);
        const o = (n * T + t) * H;
        for (let j = 0; j < H; j++) y[n * H + j] += w * x[o + j];
      }
    }
    return y;
  }

  backward(dy: Float32Array, B: number, needDx = true): Float32Array {
    const { T, H, A, u, alpha, v, dv, db, dz, dx, x } = this;
    const rows = B * T;
    for (let n = 0; n < B; n++) {
      // dα_t = dy·h_t, kept in dz's first column of row t until de_t is known
      let mean = 0;
      for (let t = 0; t < T; t++) {
        let d = 0;
        const o = (n * T + t) * H;
        for (let j = 0; j < H; j++) d += dy[n * H + j] * x[o + j];
        dz[(n * T + t) * A] = d;
        mean += alpha[n * T + t] * d;
      }
      for (let t = 0; t < T; t++) {
        const r = (n * T + t) * A;
        const de = alpha[n * T + t] * (dz[r] - mean);
        for (let a = 0; a < A; a++) {
          const ua = u[r + a];
          dv[a] += de * ua;
          dz[r + a] = de * v[a] * (1 - ua * ua);
        }
      }
    }
    for (let r = 0; r < rows; r++) {
      const o = r * A;
      for (let a = 0; a < A; a++) db[a] += dz[o + a];
    }
    gemm(this.dW, x, dz, H, A, rows, true, false, true);
    if (!needDx) return dx;
    gemm(dx, dz, this.W, rows, H, A, false, true, false);
    for (let n = 0; n < B; n++) {
      for (let t = 0; t < T; t++) {
        const w = alpha[n * T + t],
          o = (n * T + t) * H;
        for (let j = 0; j < H; j++) dx[o + j] += w * dy[n * H + j];
      }
    }
    return dx;
  }

  config(): AttentionPoolConfig {
    return { ...this.cfg };
  }

  describe(): string {
    return `AttentionPool(T=${this.T}, ${this.H} -> ${this.H}, score width ${this.A})`;
  }
}
