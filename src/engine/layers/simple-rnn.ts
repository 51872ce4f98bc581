// SimpleRNN (Elman) cell: h_t = tanh(x_t·W + h_{t-1}·U + b), h_{-1} = 0.
// x: (B, T, I), W: (I, H), U: (H, H) orthogonal, b: (H); y: (B, H) = h_{T-1}, or (B, T, H).
// Backward per step: dz_t = dh_t ⊙ (1 - h_t²); the loop (recurrent.ts) turns dz_t into dW, dU, db,
// dx_t and dh_{t-1} = dz_t·Uᵀ. reference: https://pytorch.org/docs/stable/generated/torch.nn.RNN.html

import { tanhArray } from '../kernels/activations.js';
import { Recurrent } from './recurrent.js';

export interface SimpleRnnConfig {
  kind: 'rnn';
  units: number;
  returnSequences?: boolean;
}

export class SimpleRnn extends Recurrent<SimpleRnnConfig> {
  readonly kind = 'rnn' as const;

  constructor(cfg: SimpleRnnConfig, inShape: readonly number[]) {
    super(cfg, inShape, 1, false);
  }

  protected resizeCell(): void {}

  protected cellForward(t: number, B: number): void {
    const z = this.zx[t];
    const h = this.hs[t + 1];
    tanhArray(h, z, 0, B * this.H);
  }

  protected cellBackward(t: number, B: number, dh: Float32Array): void {
    const h = this.hs[t + 1];
    const dz = this.dzx;
    const n = B * this.H;
    for (let k = 0; k < n; k++) dz[k] = dh[k] * (1 - h[k] * h[k]);
  }

  describe(): string {
    return `SimpleRNN(${this.I} -> ${this.H}, T=${this.T}${this.cfg.returnSequences ? ', sequences' : ''})`;
  }
}
