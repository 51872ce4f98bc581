// GRU cell, PyTorch's reset-after variant (Keras reset_after=True), fused gates in r, z, n order:
//   r_t = σ(x_t W_r + b_r + h_{t-1} U_r + bU_r)     z_t = σ(x_t W_z + b_z + h_{t-1} U_z + bU_z)
//   n_t = tanh(x_t W_n + b_n + r_t ⊙ (h_{t-1} U_n + bU_n))
//   h_t = (1 - z_t) ⊙ n_t + z_t ⊙ h_{t-1}                                            (h_{-1} = 0)
// x: (B, T, I), W: (I, 3H), U: (H, 3H), b, bU: (3H); y: (B, H) or (B, T, H). The reset gate multiplies
// the recurrent product, so zh_t = h_{t-1}U + bU is kept apart from zx_t (split loop).
// reference: https://pytorch.org/docs/stable/generated/torch.nn.GRU.html

import { sigmoidArray, tanhArray } from '../kernels/activations.js';
import { Recurrent } from './recurrent.js';

export interface GruConfig {
  kind: 'gru';
  units: number;
  returnSequences?: boolean;
}

export class Gru extends Recurrent<GruConfig> {
  readonly kind = 'gru' as const;

  constructor(cfg: GruConfig, inShape: readonly number[]) {
    super(cfg, inShape, 3, true);
  }

  protected resizeCell(): void {}

  // NOTE: zx[t] holds the input pre-activations on entry and the activated r, z, n on exit (the cache);
  // zh[t] keeps h_{t-1}U + bU, whose n part backward needs.
  protected cellForward(t: number, B: number): void {
    const H = this.H,
      G3 = 3 * H;
    const a = this.zx[t],
      u = this.zh[t],
      hPrev = this.hs[t],
      h = this.hs[t + 1];
    for (let b = 0; b < B; b++) {
      const r0 = b * G3,
        s = b * H;
      for (let k = r0; k < r0 + 2 * H; k++) a[k] += u[k];
      sigmoidArray(a, a, r0, r0 + 2 * H); // r, z
      for (let j = 0; j < H; j++) a[r0 + 2 * H + j] += a[r0 + j] * u[r0 + 2 * H + j];
      tanhArray(a, a, r0 + 2 * H, r0 + G3); // n
      for (let j = 0; j < H; j++) {
        const z = a[r0 + H + j];
        h[s + j] = (1 - z) * a[r0 + 2 * H + j] + z * hPrev[s + j];
      }
    }
  }

  protected cellBackward(t: number, B: number, dh: Float32Array, dhPrev: Float32Array): void {
    const H = this.H,
      G3 = 3 * H;
    const a = this.zx[t],
      u = this.zh[t],
      hPrev = this.hs[t],
      dzx = this.dzx,
      dzh = this.dzh;
    for (let b = 0; b < B; b++) {
      const r0 = b * G3,
        s = b * H;
      for (let j = 0; j < H; j++) {
        const r = a[r0 + j],
          z = a[r0 + H + j],
          n = a[r0 + 2 * H + j];
        const dht = dh[s + j];
        const dan = dht * (1 - z) * (1 - n * n);
        const daz = dht * (hPrev[s + j] - n) * z * (1 - z);
        const dar = dan * u[r0 + 2 * H + j] * r * (1 - r);
        dzx[r0 + j] = dar;
        dzh[r0 + j] = dar;
        dzx[r0 + H + j] = daz;
        dzh[r0 + H + j] = daz;
        dzx[r0 + 2 * H + j] = dan;
        dzh[r0 + 2 * H + j] = dan * r;
        dhPrev[s + j] = dht * z;
      }
    }
  }

  describe(): string {
    return `GRU(${this.I} -> ${this.H}, T=${this.T}${this.cfg.returnSequences ? ', sequences' : ''})`;
  }
}
