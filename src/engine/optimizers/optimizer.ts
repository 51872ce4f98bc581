// The optimiser contract: one loop over the model's flat parameter and gradient buffers.
// State (moments) is allocated once at construction; step() allocates nothing.

export interface Optimizer {
  readonly name: string;
  /** Apply one update with learning rate lr; t is the 1-based step count (for bias correction). */
  step(values: Float32Array, grads: Float32Array, lr: number, t: number): void;
}
