// Element-wise activations and their derivatives, written in terms of the OUTPUT y where possible
// (sigmoid' = y(1-y), tanh' = 1-y²) so backward needs no second copy of the input.

export const ACTIVATIONS = ['relu', 'leaky_relu', 'tanh', 'sigmoid', 'softmax', 'linear'] as const;
export type ActivationKind = (typeof ACTIVATIONS)[number];

export const LEAKY_SLOPE = 0.01;

export function sigmoid(v: number): number {
  // NOTE: split on sign so exp never overflows.
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** Row-wise softmax over the last dimension of size C, rows = n / C; max-subtracted for stability. */
export function softmaxRows(y: Float32Array, x: Float32Array, rows: number, C: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * C;
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (x[o + c] > max) max = x[o + c];
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp(x[o + c] - max);
      y[o + c] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let c = 0; c < C; c++) y[o + c] *= inv;
  }
}
