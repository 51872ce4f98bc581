// SGD with (heavy-ball) momentum, PyTorch convention: v = μ·v + g; w -= lr·v.
// reference: https://pytorch.org/docs/stable/generated/torch.optim.SGD.html

import type { Optimizer } from './optimizer.js';

export class Sgd implements Optimizer {
  readonly name = 'sgd';
  private readonly v: Float32Array;

  constructor(
    size: number,
    private readonly momentum = 0.9,
  ) {
    this.v = new Float32Array(size);
  }

  step(values: Float32Array, grads: Float32Array, lr: number): void {
    const { v, momentum } = this;
    for (let i = 0; i < values.length; i++) {
      v[i] = momentum * v[i] + grads[i];
      values[i] -= lr * v[i];
    }
  }
}
