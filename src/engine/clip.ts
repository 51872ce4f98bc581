// Gradient clipping by global norm: if ‖g‖₂ > maxNorm over the whole flat gradient buffer, scale every
// gradient by maxNorm / ‖g‖₂ (direction kept). Returns the norm before clipping (for logging).
// NOTE: the sum of squares runs in a JS double so a long buffer does not lose precision.
// reference: Pascanu et al. 2013; https://pytorch.org/docs/stable/generated/torch.nn.utils.clip_grad_norm_.html

export function clipGradNorm(grads: Float32Array, maxNorm: number): number {
  let sq = 0;
  for (let i = 0; i < grads.length; i++) sq += grads[i] * grads[i];
  const norm = Math.sqrt(sq);
  if (norm > maxNorm) {
    const scale = maxNorm / norm;
    for (let i = 0; i < grads.length; i++) grads[i] *= scale;
  }
  return norm;
}
