// RMSprop: v = ρ·v + (1-ρ)·g²; w -= lr·g/(√v + ε).
// reference: Hinton, Neural Networks for ML, lecture 6e; https://pytorch.org/docs/stable/generated/torch.optim.RMSprop.html

import type { Optimizer } from './optimizer.js';

export class RmsProp implements Optimizer {
  readonly name = 'rmsprop';
  private readonly v: Float32Array;

  constructor(
    size: number,
    private readonly rho = 0.9,
    private readonly eps = 1e-7,
  ) {
    this.v = new Float32Array(size);
  }

  step(values: Float32Array, grads: Float32Array, lr: number): void {
    const { v, rho, eps } = this;
    const r1 = 1 - rho;
    for (let i = 0; i < values.length; i++) {
      const g = grads[i];
      v[i] = rho * v[i] + r1 * g * g;
      values[i] -= (lr * g) / (Math.sqrt(v[i]) + eps);
    }
  }
}
