// The random stream of a run's test split and validation folds: forked from the run's seed, or, for
// the runs of `nnm compare` (variant.splitSeed), from a fixed seed, so every training seed of every
// model sees the same test rows. The run's own stream is forked either way, so its training draws
// are those of a plain run with the same seed.

import { Rng } from '../engine/rng.js';
import type { JobVariant } from '../analysis/variant.js';

export function splitRngOf(rng: Rng, variant: JobVariant | undefined): Rng {
  const own = rng.fork();
  return variant?.splitSeed === undefined ? own : new Rng(variant.splitSeed).fork();
}
