// Batch normalisation over channels: per-sample x (C, S...) — (C, H, W), (C, L), or (F) with S = 1 —
// statistics per channel c over the batch and the spatial positions, N = B·S values each.
// train: μ, σ² = mean, biased variance of the batch; x̂ = (x − μ)/√(σ² + ε); y = γ·x̂ + β;
//        running ← (1 − m)·running + m·batch (σ² unbiased for the running var; PyTorch convention).
// eval:  the same with the running mean/var. Backward (train): dβ += Σ dy, dγ += Σ dy·x̂,
//        dx = γ/(N·√(σ²+ε))·(N·dy − Σ dy − x̂·Σ dy·x̂); (eval): dx = γ·dy/√(rv+ε).
// NOTE: running mean/var are params with trainable: false so they are saved with the model; only
// forward writes them, their gradients stay zero. reference: Ioffe & Szegedy 2015; torch.nn.BatchNorm2d.

import { type ForwardContext, type Layer, type ParamSpec, sizeOf } from './layer.js';

export interface BatchNormConfig {
  kind: 'batchnorm';
  /** Weight of the new batch in the running statistics (PyTorch convention), default 0.1. */
  momentum?: number;
  epsilon?: number;
}

export class BatchNorm implements Layer<BatchNormConfig> {
  readonly kind = 'batchnorm' as const;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  private readonly C: number;
  private readonly S: number;
  private readonly momentum: number;
  private readonly eps: number;
  private gamma: Float32Array = new Float32Array(0);
  private beta: Float32Array = new Float32Array(0);
  private runMean: Float32Array = new Float32Array(0);
  private runVar: Float32Array = new Float32Array(0);
  private dgamma: Float32Array = new Float32Array(0);
  private dbeta: Float32Array = new Float32Array(0);
  private readonly invStd: Float64Array; // (C), of the last forward
  private xhat: Float32Array = new Float32Array(0);
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);
  private training = false;

  constructor(
    private readonly cfg: BatchNormConfig,
    inShape: readonly number[],
  ) {
    if (inShape.length < 1) throw new RangeError('batchnorm needs per-sample inputs (C, ...) or (F)');
    this.momentum = cfg.momentum ?? 0.1;
    this.eps = cfg.epsilon ?? 1e-5;
    if (!(this.momentum >= 0 && this.momentum <= 1))
      throw new RangeError(`batchnorm momentum must be in [0, 1], got ${this.momentum}`);
    if (!(this.eps > 0)) throw new RangeError(`batchnorm epsilon must be > 0, got ${this.eps}`);
    this.C = inShape[0];
    this.S = sizeOf(inShape.slice(1));
    this.invStd = new Float64Array(this.C);
    this.inShape = [...inShape];
    this.outShape = [...inShape];
  }

  params(): ParamSpec[] {
    const C = this.C;
    return [
      { name: 'gamma', shape: [C], init: { kind: 'const', value: 1 }, decay: false },
      { name: 'beta', shape: [C], init: { kind: 'zeros' }, decay: false },
      { name: 'running_mean', shape: [C], init: { kind: 'zeros' }, decay: false, trainable: false },
      { name: 'running_var', shape: [C], init: { kind: 'const', value: 1 }, decay: false, trainable: false },
    ];
  }

  bind(values: Float32Array[], grads: Float32Array[]): void {
    [this.gamma, this.beta, this.runMean, this.runVar] = values;
    [this.dgamma, this.dbeta] = grads;
  }

  resize(maxBatch: number): void {
    const n = maxBatch * this.C * this.S;
    this.xhat = new Float32Array(n);
    this.y = new Float32Array(n);
    this.dx = new Float32Array(n);
  }

  forward(x: Float32Array, B: number, ctx: ForwardContext): Float32Array {
    const { C, S, xhat, y, gamma, beta, invStd } = this;
    const CS = C * S;
    const N = B * S;
    this.training = ctx.mode === 'train';
    for (let c = 0; c < C; c++) {
      let mean: number, variance: number;
      if (this.training) {
        let sum = 0;
        for (let b = 0; b < B; b++) for (let i = b * CS + c * S, e = i + S; i < e; i++) sum += x[i];
        mean = sum / N;
        let sq = 0;
        for (let b = 0; b < B; b++) for (let i = b * CS + c * S, e = i + S; i < e; i++) sq += (x[i] - mean) ** 2;
        variance = sq / N;
        const m = this.momentum;
        this.runMean[c] = (1 - m) * this.runMean[c] + m * mean;
        this.runVar[c] = (1 - m) * this.runVar[c] + m * (N > 1 ? sq / (N - 1) : variance);
      } else {
        mean = this.runMean[c];
        variance = this.runVar[c];
      }
      const inv = 1 / Math.sqrt(variance + this.eps);
      invStd[c] = inv;
      const g = gamma[c],
        bt = beta[c];
      for (let b = 0; b < B; b++) {
        for (let i = b * CS + c * S, e = i + S; i < e; i++) {
          const h = (x[i] - mean) * inv;
          xhat[i] = h;
          y[i] = g * h + bt;
        }
      }
    }
    return y;
  }

  backward(dy: Float32Array, B: number): Float32Array {
    const { C, S, xhat, dx, gamma, invStd } = this;
    const CS = C * S;
    const N = B * S;
    for (let c = 0; c < C; c++) {
      let sdy = 0,
        sdyx = 0;
      for (let b = 0; b < B; b++) {
        for (let i = b * CS + c * S, e = i + S; i < e; i++) {
          sdy += dy[i];
          sdyx += dy[i] * xhat[i];
        }
      }
      this.dbeta[c] += sdy;
      this.dgamma[c] += sdyx;
      const k = gamma[c] * invStd[c];
      if (this.training) {
        const mdy = sdy / N,
          mdyx = sdyx / N;
        for (let b = 0; b < B; b++)
          for (let i = b * CS + c * S, e = i + S; i < e; i++) dx[i] = k * (dy[i] - mdy - xhat[i] * mdyx);
      } else {
        for (let b = 0; b < B; b++) for (let i = b * CS + c * S, e = i + S; i < e; i++) dx[i] = k * dy[i];
      }
    }
    return dx;
  }

  config(): BatchNormConfig {
    return { ...this.cfg };
  }

  describe(): string {
    return `BatchNorm(${this.C} channels${this.S > 1 ? ` x ${this.S}` : ''}, momentum ${this.momentum})`;
  }
}
