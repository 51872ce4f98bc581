// Each model against the best one, as a comparison table reports it: the best model by the test's own
// criterion, then one paired test per other model, Holm-adjusted over those m − 1 comparisons.
//   'dm-squared' / 'dm-absolute'  forecast errors e_t: best = least mean e² / |e|; Diebold–Mariano (HLN)
//   'wilcoxon'                    per-row errors: best = least mean |e|; signed-rank test on |e| pairs
//   'mcnemar'                     per-row correctness (1 right, 0 wrong): best = most right; McNemar
//   'paired-t'                    per-fold scores: best by `higherIsBetter`; paired t-test across folds
// A model is "distinguishable from the best" when its Holm-adjusted p is below α (default 0.05).
// reference: the tests' own files; Holm (1979) for the family-wise error over the comparisons.

import { dieboldMariano } from './diebold-mariano.js';
import { holm } from './holm.js';
import { mcnemar } from './mcnemar.js';
import { pairedTTest } from './paired-t.js';
import { wilcoxonSignedRank } from './wilcoxon.js';

export const PAIRED_TESTS = ['dm-squared', 'dm-absolute', 'wilcoxon', 'mcnemar', 'paired-t'] as const;
export type PairedTestKind = (typeof PAIRED_TESTS)[number];

export interface Candidate {
  name: string;
  /** Errors (dm-*, wilcoxon), 0/1 correctness per row (mcnemar) or scores per fold (paired-t), row-aligned across candidates. */
  values: ArrayLike<number>;
}

export interface CompareOptions {
  alpha?: number;
  /** Forecast horizon for the DM tests (default 1). */
  h?: number;
  /** paired-t only: whether a larger fold score is better (accuracy) or worse (RMSE). */
  higherIsBetter?: boolean;
}

export interface ComparisonRow {
  name: string;
  best: boolean;
  /** The criterion the best was picked by: mean e², mean |e|, accuracy or mean fold score. */
  criterion: number;
  /** null on the best model's own row. */
  statistic: number | null;
  pValue: number | null;
  pAdjusted: number | null;
  distinguishable: boolean;
}

function mean(v: ArrayLike<number>, f: (x: number) => number = (x) => x): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += f(v[i]);
  return s / v.length;
}

/** The criterion of one candidate, oriented so that smaller is better. */
function loss(kind: PairedTestKind, v: ArrayLike<number>, higherIsBetter: boolean): number {
  switch (kind) {
    case 'dm-squared':
      return mean(v, (x) => x * x);
    case 'dm-absolute':
    case 'wilcoxon':
      return mean(v, Math.abs);
    case 'mcnemar':
      return -mean(v);
    case 'paired-t':
      return higherIsBetter ? -mean(v) : mean(v);
    default: {
      const never: never = kind;
      throw new RangeError(`unknown paired test ${String(never)}`);
    }
  }
}

function pairTest(
  kind: PairedTestKind,
  other: ArrayLike<number>,
  best: ArrayLike<number>,
  h: number,
): { statistic: number; pValue: number } {
  switch (kind) {
    case 'dm-squared':
    case 'dm-absolute':
      return dieboldMariano(other, best, { h, loss: kind === 'dm-squared' ? 'squared' : 'absolute' });
    case 'wilcoxon':
      return wilcoxonSignedRank(Array.from(other, Math.abs), Array.from(best, Math.abs));
    case 'mcnemar': {
      let b = 0,
        c = 0; // b: best right, other wrong; c: the reverse
      for (let i = 0; i < best.length; i++) {
        if (best[i] && !other[i]) b++;
        else if (!best[i] && other[i]) c++;
      }
      return mcnemar(b, c);
    }
    case 'paired-t':
      return pairedTTest(other, best);
    default: {
      const never: never = kind;
      throw new RangeError(`unknown paired test ${String(never)}`);
    }
  }
}

export function compareToBest(candidates: Candidate[], kind: PairedTestKind, o: CompareOptions = {}): ComparisonRow[] {
  if (candidates.length === 0) return [];
  const n = candidates[0].values.length;
  for (const c of candidates) {
    if (c.values.length !== n)
      throw new RangeError(`compareToBest: "${c.name}" has ${c.values.length} values, "${candidates[0].name}" ${n}`);
  }
  if (kind === 'paired-t' && o.higherIsBetter === undefined)
    throw new RangeError('compareToBest: paired-t needs higherIsBetter');
  const alpha = o.alpha ?? 0.05;
  const losses = candidates.map((c) => loss(kind, c.values, o.higherIsBetter ?? false));
  let bi = 0; // the first of equal bests
  for (let i = 1; i < losses.length; i++) if (losses[i] < losses[bi]) bi = i;
  const best = candidates[bi].values;
  const tests = candidates.map((c, i) => (i === bi ? null : pairTest(kind, c.values, best, o.h ?? 1)));
  const raw = tests.filter((t): t is { statistic: number; pValue: number } => t !== null).map((t) => t.pValue);
  const adjusted = holm(raw);
  let k = 0;
  return candidates.map((c, i) => {
    const criterion = kind === 'mcnemar' || (kind === 'paired-t' && o.higherIsBetter) ? -losses[i] : losses[i];
    const t = tests[i];
    if (!t)
      return {
        name: c.name,
        best: true,
        criterion,
        statistic: null,
        pValue: null,
        pAdjusted: null,
        distinguishable: false,
      };
    const pAdjusted = adjusted[k++];
    return {
      name: c.name,
      best: false,
      criterion,
      statistic: t.statistic,
      pValue: t.pValue,
      pAdjusted,
      distinguishable: pAdjusted < alpha,
    };
  });
}
