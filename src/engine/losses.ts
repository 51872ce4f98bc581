// Losses: each returns the mean loss (a JS double) and WRITES dL/dy into d (not accumulated).
// softmaxCrossEntropy: fused softmax + CE over C logits per row, L = -1/B Σ_b log p[b, t_b],
//   dL/dz = (p - onehot(t)) / B  (NOTE: fused for numerical stability, log-sum-exp; tinygrad).
// mse: L = 1/(B·O) Σ (y - t)², dL/dy = 2 (y - t) / (B·O).
// Optional per-row weights w (length B) scale each row's term (class balancing).

export function softmaxCrossEntropy(
  d: Float32Array,
  logits: Float32Array,
  targets: Float32Array,
  B: number,
  C: number,
  rowWeights?: Float32Array,
): number {
  let loss = 0;
  let wsum = 0;
  for (let b = 0; b < B; b++) wsum += rowWeights ? rowWeights[b] : 1;
  const inv = 1 / wsum;
  for (let b = 0; b < B; b++) {
    const o = b * C;
    const t = targets[b];
    const w = rowWeights ? rowWeights[b] : 1;
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (logits[o + c] > max) max = logits[o + c];
    let sum = 0;
    for (let c = 0; c < C; c++) sum += Math.exp(logits[o + c] - max);
    const logSum = Math.log(sum) + max;
    loss += w * (logSum - logits[o + t]);
    for (let c = 0; c < C; c++) {
      const p = Math.exp(logits[o + c] - logSum);
      d[o + c] = w * (p - (c === t ? 1 : 0)) * inv;
    }
  }
  return loss * inv;
}

export function mse(d: Float32Array, y: Float32Array, t: Float32Array, B: number, O: number): number {
  const n = B * O;
  let loss = 0;
  const scale = 2 / n;
  for (let i = 0; i < n; i++) {
    const e = y[i] - t[i];
    loss += e * e;
    d[i] = scale * e;
  }
  return loss / n;
}

export const LOSSES = ['softmax_cross_entropy', 'mse'] as const;
export type LossKind = (typeof LOSSES)[number];

export function computeLoss(
  kind: LossKind,
  d: Float32Array,
  y: Float32Array,
  t: Float32Array,
  B: number,
  O: number,
  rowWeights?: Float32Array,
): number {
  switch (kind) {
    case 'softmax_cross_entropy':
      return softmaxCrossEntropy(d, y, t, B, O, rowWeights);
    case 'mse':
      return mse(d, y, t, B, O);
    default: {
      const never: never = kind;
      throw new Error(`unknown loss ${String(never)}`);
    }
  }
}
