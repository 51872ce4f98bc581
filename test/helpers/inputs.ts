// Test inputs for layers with a discontinuous gradient.
import type { Rng } from '../../src/engine/rng.js';

/** Distinct values 0.05 apart (> 2·eps), shuffled: no pooling window holds a tie, so ±eps never moves an argmax. */
export function noTies(rng: Rng, n: number): Float32Array {
  const x = Float32Array.from({ length: n }, (_, i) => 0.05 * i - 0.025 * n);
  return rng.shuffle(x);
}
