// LSTM cell, fused gates in i, f, g, o order (PyTorch torch.nn.LSTM):
//   i_t = σ(x_t W_i + h_{t-1} U_i + b_i)      f_t = σ(x_t W_f + h_{t-1} U_f + b_f)
//   g_t = tanh(x_t W_g + h_{t-1} U_g + b_g)   o_t = σ(x_t W_o + h_{t-1} U_o + b_o)
//   c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t           h_t = o_t ⊙ tanh(c_t)           (h_{-1} = c_{-1} = 0)
// x: (B, T, I), W: (I, 4H), U: (H, 4H), b: (4H) with b_f = 1 (Keras unit_forget_bias); y: (B, H) or (B, T, H).
// BPTT: dc_t += dh_t ⊙ o_t ⊙ (1 - tanh²c_t), dc_{t-1} = dc_t ⊙ f_t, then the gate pre-activation grads.
// reference: https://pytorch.org/docs/stable/generated/torch.nn.LSTM.html

import { sigmoidArray, tanhArray } from '../kernels/activations.js';
import type { Init } from '../init.js';
import { Recurrent, stepViews } from './recurrent.js';

export interface LstmConfig {
  kind: 'lstm';
  units: number;
  returnSequences?: boolean;
}

export class Lstm extends Recurrent<LstmConfig> {
  readonly kind = 'lstm' as const;
  /** cs[t+1] = c_t with cs[0] = 0; tcs[t] = tanh(c_t); each (maxB, H). */
  private cs: Float32Array[] = [];
  private tcs: Float32Array[] = [];
  /** dL/dc_t carried from step t+1 back to step t. */
  private dc: Float32Array = new Float32Array(0);

  constructor(cfg: LstmConfig, inShape: readonly number[]) {
    super(cfg, inShape, 4, false);
  }

  protected override biasInit(): Init {
    return { kind: 'block_const', values: [0, 1, 0, 0] };
  }

  protected resizeCell(maxB: number): void {
    const { T, H } = this;
    this.cs = stepViews(new Float32Array((T + 1) * maxB * H), T + 1, maxB * H);
    this.tcs = stepViews(new Float32Array(T * maxB * H), T, maxB * H);
    this.dc = new Float32Array(maxB * H);
  }

  // NOTE: zx[t] holds the pre-activations on entry and the activated gates i, f, g, o on exit (the cache).
  protected cellForward(t: number, B: number): void {
    const H = this.H,
      G4 = 4 * H;
    const z = this.zx[t],
      cPrev = this.cs[t],
      c = this.cs[t + 1],
      tc = this.tcs[t],
      h = this.hs[t + 1];
    for (let b = 0; b < B; b++) {
      const r = b * G4,
        s = b * H;
      sigmoidArray(z, z, r, r + 2 * H); // i, f
      tanhArray(z, z, r + 2 * H, r + 3 * H); // g
      sigmoidArray(z, z, r + 3 * H, r + G4); // o
      for (let j = 0; j < H; j++) c[s + j] = z[r + H + j] * cPrev[s + j] + z[r + j] * z[r + 2 * H + j];
      tanhArray(tc, c, s, s + H);
      for (let j = 0; j < H; j++) h[s + j] = z[r + 3 * H + j] * tc[s + j];
    }
  }

  protected cellBackward(t: number, B: number, dh: Float32Array): void {
    const H = this.H,
      G4 = 4 * H;
    const a = this.zx[t],
      cPrev = this.cs[t],
      tc = this.tcs[t],
      dz = this.dzx,
      dc = this.dc;
    if (t === this.T - 1) dc.fill(0, 0, B * H); // nothing flows into c_{T-1} from the future
    for (let b = 0; b < B; b++) {
      const r = b * G4,
        s = b * H;
      for (let j = 0; j < H; j++) {
        const i = a[r + j],
          f = a[r + H + j],
          g = a[r + 2 * H + j],
          o = a[r + 3 * H + j];
        const tct = tc[s + j];
        const dht = dh[s + j];
        const dct = dc[s + j] + dht * o * (1 - tct * tct);
        dz[r + j] = dct * g * i * (1 - i);
        dz[r + H + j] = dct * cPrev[s + j] * f * (1 - f);
        dz[r + 2 * H + j] = dct * i * (1 - g * g);
        dz[r + 3 * H + j] = dht * tct * o * (1 - o);
        dc[s + j] = dct * f;
      }
    }
  }

  describe(): string {
    return `LSTM(${this.I} -> ${this.H}, T=${this.T}${this.cfg.returnSequences ? ', sequences' : ''})`;
  }
}
