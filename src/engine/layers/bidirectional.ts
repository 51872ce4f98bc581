// Bidirectional wrapper of a recurrent layer (Keras Bidirectional, merge_mode 'concat'): one copy reads
// the sequence forwards, a second copy (own weights) reads it reversed in time, x^r_t = x_{T−1−t}.
//   last state:     y = [h^f_{T−1} ; h^b_{T−1}]                        (B, 2H)
//   returnSequences: y_t = [h^f_t ; h^b_{T−1−t}]  (the backward outputs re-aligned in time)  (B, T, 2H)
// Backward splits dy into the two halves (re-reversing the backward one), runs each copy's BPTT and
// sums dx_t = dx^f_t + dx^b_{T−1−t}. Parameters: the forward copy's, then the backward copy's ('fwd.',
// 'bwd.' prefixes). Not causal: for text and encoders, not for forecasting from the past alone.
// reference: Schuster & Paliwal (1997), IEEE Trans. Signal Process. 45(11):2673–2681; Keras Bidirectional.

import { Gru, type GruConfig } from './gru.js';
import { type ForwardContext, type Layer, type ParamSpec } from './layer.js';
import { Lstm, type LstmConfig } from './lstm.js';
import { SimpleRnn, type SimpleRnnConfig } from './simple-rnn.js';

export type WrappedRecurrentConfig = SimpleRnnConfig | LstmConfig | GruConfig;

export interface BidirectionalConfig {
  kind: 'bidirectional';
  layer: WrappedRecurrentConfig;
}

function buildRecurrent(cfg: WrappedRecurrentConfig, inShape: readonly number[]): Layer {
  switch (cfg.kind) {
    case 'rnn':
      return new SimpleRnn(cfg, inShape);
    case 'lstm':
      return new Lstm(cfg, inShape);
    case 'gru':
      return new Gru(cfg, inShape);
    default: {
      const never: never = cfg;
      throw new RangeError(`bidirectional wraps rnn, lstm or gru, not "${(never as { kind: string }).kind}"`);
    }
  }
}

export class Bidirectional implements Layer<BidirectionalConfig> {
  readonly kind = 'bidirectional' as const;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  private readonly fwd: Layer;
  private readonly bwd: Layer;
  private readonly T: number;
  private readonly I: number;
  private readonly H: number;
  private readonly seq: boolean;
  private readonly nFwd: number;
  private xr: Float32Array = new Float32Array(0); // x reversed in time, (B, T, I)
  private y: Float32Array = new Float32Array(0);
  private dyF: Float32Array = new Float32Array(0);
  private dyB: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);

  constructor(
    private readonly cfg: BidirectionalConfig,
    inShape: readonly number[],
  ) {
    if (inShape.length !== 2) {
      throw new RangeError(
        `bidirectional: input shape [${inShape.join(', ')}] is not [T, I]; feed (batch, time, features) sequences`,
      );
    }
    this.fwd = buildRecurrent(cfg.layer, inShape);
    this.bwd = buildRecurrent(cfg.layer, inShape);
    [this.T, this.I] = inShape;
    this.seq = cfg.layer.returnSequences ?? false;
    this.H = cfg.layer.units;
    this.nFwd = this.fwd.params().length;
    this.inShape = [...inShape];
    this.outShape = this.seq ? [this.T, 2 * this.H] : [2 * this.H];
  }

  params(): ParamSpec[] {
    return [
      ...this.fwd.params().map((p) => ({ ...p, name: `fwd.${p.name}` })),
      ...this.bwd.params().map((p) => ({ ...p, name: `bwd.${p.name}` })),
    ];
  }

  bind(values: Float32Array[], grads: Float32Array[]): void {
    this.fwd.bind(values.slice(0, this.nFwd), grads.slice(0, this.nFwd));
    this.bwd.bind(values.slice(this.nFwd), grads.slice(this.nFwd));
  }

  resize(maxBatch: number): void {
    this.fwd.resize(maxBatch);
    this.bwd.resize(maxBatch);
    const { T, I, H } = this;
    const outSteps = this.seq ? T : 1;
    this.xr = new Float32Array(maxBatch * T * I);
    this.y = new Float32Array(maxBatch * outSteps * 2 * H);
    this.dyF = new Float32Array(maxBatch * outSteps * H);
    this.dyB = new Float32Array(maxBatch * outSteps * H);
    this.dx = new Float32Array(maxBatch * T * I);
  }

  /** dst[b, t] = src[b, T−1−t] over rows of `width` floats. */
  private reverseTime(dst: Float32Array, src: Float32Array, B: number, width: number): void {
    const T = this.T;
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        const d = (b * T + t) * width,
          s = (b * T + T - 1 - t) * width;
        for (let i = 0; i < width; i++) dst[d + i] = src[s + i];
      }
    }
  }

  forward(x: Float32Array, B: number, ctx: ForwardContext): Float32Array {
    const { I, H, y } = this;
    const yF = this.fwd.forward(x, B, ctx);
    this.reverseTime(this.xr, x, B, I);
    const yB = this.bwd.forward(this.xr, B, ctx);
    const steps = this.seq ? this.T : 1;
    for (let b = 0; b < B; b++) {
      for (let s = 0; s < steps; s++) {
        const sb = this.seq ? steps - 1 - s : 0; // the backward copy's step that saw x_s last
        const o = (b * steps + s) * 2 * H,
          f = (b * steps + s) * H,
          r = (b * steps + sb) * H;
        for (let j = 0; j < H; j++) {
          y[o + j] = yF[f + j];
          y[o + H + j] = yB[r + j];
        }
      }
    }
    return y;
  }

  backward(dy: Float32Array, B: number, needDx = true): Float32Array {
    const { I, H, dyF, dyB, dx } = this;
    const steps = this.seq ? this.T : 1;
    for (let b = 0; b < B; b++) {
      for (let s = 0; s < steps; s++) {
        const sb = this.seq ? steps - 1 - s : 0;
        const o = (b * steps + s) * 2 * H,
          f = (b * steps + s) * H,
          r = (b * steps + sb) * H;
        for (let j = 0; j < H; j++) {
          dyF[f + j] = dy[o + j];
          dyB[r + j] = dy[o + H + j];
        }
      }
    }
    const dxF = this.fwd.backward(dyF, B, needDx);
    const dxB = this.bwd.backward(dyB, B, needDx);
    if (!needDx) return dx;
    this.reverseTime(dx, dxB, B, I);
    const n = B * this.T * I;
    for (let k = 0; k < n; k++) dx[k] += dxF[k];
    return dx;
  }

  config(): BidirectionalConfig {
    return { kind: 'bidirectional', layer: { ...this.cfg.layer } };
  }

  describe(): string {
    return `Bidirectional(${this.fwd.describe()}, concat -> ${2 * this.H})`;
  }
}
