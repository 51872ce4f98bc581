// Optimiser kinds and their constructor (an exhaustive switch over the union).

import { Adam } from './adam.js';
import type { Optimizer } from './optimizer.js';
import { RmsProp } from './rmsprop.js';
import { Sgd } from './sgd.js';

export const OPTIMIZER_KINDS = ['adam', 'sgd', 'rmsprop'] as const;
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];
export type { Optimizer };

export function createOptimizer(kind: OptimizerKind, size: number): Optimizer {
  switch (kind) {
    case 'adam':
      return new Adam(size);
    case 'sgd':
      return new Sgd(size);
    case 'rmsprop':
      return new RmsProp(size);
    default: {
      const never: never = kind;
      throw new Error(`unknown optimizer ${String(never)}`);
    }
  }
}
