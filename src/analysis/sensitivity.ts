// Sensitivity of a trained tabular ensemble on its test rows (permutation importance + MIV, see
// src/metrics/sensitivity.ts), or undefined when switched off, too costly in auto mode, or pointless.

import type { SensitivityMode } from '../config/options.js';
import type { TabularPipeline } from '../data/tabular.js';
import type { Sequential } from '../engine/model.js';
import type { Rng } from '../engine/rng.js';
import { argmaxRows } from '../metrics/classification.js';
import {
  type FeatureSensitivity,
  type InputGroup,
  meanImpactValue,
  permutationImportance,
  sensitivityTable,
} from '../metrics/sensitivity.js';
import type { Dataset } from '../train/fit.js';
import { predictEnsemble } from '../train/ensemble.js';

export interface SensitivityResult {
  metric: 'accuracy' | 'r2';
  repeats: number;
  base: number;
  miv: string;
  features: FeatureSensitivity[];
}

const REPEATS = 5;
// NOTE: auto mode runs when the extra predictions cost at most ~2·10⁹ multiply-adds.
const AUTO_BUDGET = 2e9;

export function inputGroups(p: TabularPipeline): InputGroup[] {
  let start = 0;
  return p.features.map((f) => {
    const g: InputGroup =
      f.kind === 'numeric'
        ? { name: f.column, start, width: 1, scale: { mean: f.mean, std: f.std } }
        : { name: f.column, start, width: f.levels.length };
    start += g.width;
    return g;
  });
}

export function tabularSensitivity(
  mode: SensitivityMode,
  p: TabularPipeline,
  members: Sequential[],
  test: Dataset,
  classify: boolean,
  rng: Rng,
  note: (m: string) => void,
): SensitivityResult | undefined {
  const groups = inputGroups(p);
  if (mode === 'off' || test.n < 2) return undefined;
  const cost = test.n * groups.length * (REPEATS + 2) * members.length * members[0].paramCount;
  if (mode === 'auto' && cost > AUTO_BUDGET) {
    note(
      `sensitivity analysis skipped (about ${(cost / 1e9).toFixed(0)}·10⁹ operations); force it with --sensitivity on`,
    );
    return undefined;
  }
  const d = p.inputSize;
  const O = members[0].outSize;
  const predict = (x: Float32Array, n: number): Float32Array => predictEnsemble(members, x, n, classify);
  const tg = p.target;
  let score: (out: ArrayLike<number>) => number;
  if (classify) {
    score = (out) => {
      const pred = argmaxRows(Float32Array.from(out), test.n, O);
      let c = 0;
      for (let i = 0; i < test.n; i++) if (pred[i] === test.y[i]) c++;
      return c / test.n;
    };
  } else {
    let mean = 0;
    for (let i = 0; i < test.n; i++) mean += test.y[i] / test.n;
    let tot = 0;
    for (let i = 0; i < test.n; i++) tot += (test.y[i] - mean) ** 2;
    score = (out) => {
      let se = 0;
      for (let i = 0; i < test.n; i++) se += (out[i] - test.y[i]) ** 2;
      return tot > 0 ? 1 - se / tot : 0;
    };
  }
  const perm = permutationImportance(test.x, test.n, d, groups, predict, score, rng, REPEATS);
  const miv = meanImpactValue(test.x, test.n, d, groups, predict, classify ? O : 1, tg.kind === 'scaled' ? tg.std : 1);
  return {
    metric: classify ? 'accuracy' : 'r2',
    repeats: REPEATS,
    base: perm.base,
    miv: classify
      ? 'mean change of the class probabilities (total variation) between +10% and −10% of the input'
      : `mean change of the predicted ${tg.column} between +10% and −10% of the input`,
    features: sensitivityTable(groups, perm, miv),
  };
}
