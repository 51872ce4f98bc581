// Adam: m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; w -= lr·m̂/(√v̂ + ε), m̂ = m/(1-β1^t), v̂ = v/(1-β2^t).
// reference: Kingma & Ba 2015, https://pytorch.org/docs/stable/generated/torch.optim.Adam.html

import { kernelBackend } from '../kernels/gemm.js';
import { AdamWasm } from '../kernels/wasm/adam-wasm.js';
import type { Optimizer } from './optimizer.js';

export class Adam implements Optimizer {
  readonly name = 'adam';
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly simd: AdamWasm | null; // the f32x4 update under the wasm kernel backend

  constructor(
    size: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {
    this.simd = kernelBackend() === 'wasm' ? AdamWasm.create(size) : null;
    this.m = this.simd?.m ?? new Float32Array(size);
    this.v = this.simd?.v ?? new Float32Array(size);
  }

  step(values: Float32Array, grads: Float32Array, lr: number, t: number): void {
    const { m, v, beta1, beta2, eps } = this;
    const c1 = 1 / (1 - Math.pow(beta1, t));
    const c2 = 1 / (1 - Math.pow(beta2, t));
    const b1 = 1 - beta1;
    const b2 = 1 - beta2;
    if (this.simd) {
      this.simd.step(values, grads, beta1, beta2, lr * c1, c2, eps);
      return;
    }
    for (let i = 0; i < values.length; i++) {
      const g = grads[i];
      m[i] = beta1 * m[i] + b1 * g;
      v[i] = beta2 * v[i] + b2 * g * g;
      values[i] -= (lr * m[i] * c1) / (Math.sqrt(v[i] * c2) + eps);
    }
  }
}
