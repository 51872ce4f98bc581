import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, daviesBouldinScore, silhouetteScore } from '../../src/metrics/clustering.js';

describe('cluster metrics (hand-computed)', () => {
  // 1-D points 0, 1 | 10, 11.
  const x = [0, 1, 10, 11];
  const lab = [0, 0, 1, 1];
  it('silhouette: rows 0 and 3 have a = 1, b = 10.5; rows 1 and 2 a = 1, b = 9.5 -> mean of 9.5/10.5 and 8.5/9.5', () => {
    expect(silhouetteScore(x, 4, 1, lab)).toBeCloseTo((9.5 / 10.5 + 8.5 / 9.5) / 2, 12);
  });
  it('silhouette of a row alone in its cluster is 0: [0,1 | 10] -> (s0 + s1 + 0)/3', () => {
    // row 0: a = 1, b = 10 -> 0.9; row 1: a = 1, b = 9 -> 8/9.
    expect(silhouetteScore([0, 1, 10], 3, 1, [0, 0, 1])).toBeCloseTo((0.9 + 8 / 9) / 3, 12);
  });
  it('Davies-Bouldin: centroids 0.5 and 10.5, scatter 0.5 each, separation 10 -> (0.5 + 0.5)/10 = 0.1', () => {
    expect(daviesBouldinScore(x, 4, 1, lab)).toBeCloseTo(0.1, 12);
  });
  it.each([
    [[0, 0, 1, 1], [1, 1, 0, 0], 1],
    [[0, 0, 1, 1], [0, 0, 1, 2], 4 / 7], // sklearn docs: 0.57
    [[0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2], 0.8 / 3.3], // Σ C(n_ij,2) = 2, E = 6·3/15 = 1.2, max = 4.5
    [[0, 0, 1, 1], [0, 1, 0, 1], -0.5], // Σ = 0, E = 2·2/6, max = 2 -> (0 − 2/3)/(2 − 2/3)
  ])('adjusted Rand index %j vs %j = %d', (a, b, want) => {
    expect(adjustedRandIndex(a, b)).toBeCloseTo(want, 12);
  });
});
