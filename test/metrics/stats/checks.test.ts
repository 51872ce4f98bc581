import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/engine/rng.js';
import { conformalQuantile, splitConformal } from '../../../src/metrics/stats/conformal.js';
import { intervalScores } from '../../../src/metrics/stats/intervals.js';
import { GREY_GRADE_ZH, greyGrade, posteriorVariance } from '../../../src/metrics/stats/posterior-variance.js';
import { expectClose, PY_REF } from './fixtures.js';

describe('posterior-variance check (C, P and the grade)', () => {
  it('matches the numpy reference on GM(1,1) fits', () => {
    for (const c of PY_REF.posterior_variance) {
      const r = posteriorVariance(c.actual, c.fitted);
      expectClose(r.c, c.c, `${c.name} C`);
      expectClose(r.p, c.p, `${c.name} P`);
      expectClose(r.s1, c.s1, `${c.name} S1`);
    }
  });

  it('hand-computed: x = [1, 2, 3, 4], x̂ = [1, 2, 3, 5]', () => {
    // S1 = √1.25 = 1.118034; e = [0, 0, 0, −1], ē = −0.25, S2 = √0.1875 = 0.433013, C = 0.387298;
    // |e − ē| = [0.25, 0.25, 0.25, 0.75] against 0.6745·S1 = 0.754114: all four small, P = 1.
    const r = posteriorVariance([1, 2, 3, 4], [1, 2, 3, 5]);
    expect(r.c).toBeCloseTo(0.3872983, 6);
    expect(r.p).toBe(1);
    expect(r.grade).toBe('qualified'); // P > 0.95 but C ≥ 0.35
  });

  it.each<[number, number, string]>([
    [0.2, 0.99, '好'],
    [0.34, 0.96, '好'],
    [0.35, 0.99, '合格'],
    [0.2, 0.95, '合格'],
    [0.49, 0.81, '合格'],
    [0.5, 0.9, '勉强'],
    [0.6, 0.75, '勉强'],
    [0.65, 0.9, '不合格'],
    [0.3, 0.7, '不合格'],
  ])('C = %d, P = %d is %s', (c, p, zh) => expect(GREY_GRADE_ZH[greyGrade(c, p)]).toBe(zh));
});

describe('interval scores', () => {
  it('match the numpy reference (Gneiting & Raftery eq. 43)', () => {
    for (const c of PY_REF.intervals) {
      const r = intervalScores(c.y, c.lower, c.upper, c.alpha);
      expectClose(r.coverage, c.coverage, 'coverage');
      expectClose(r.winkler, c.winkler, 'winkler');
      expectClose(r.meanWidth, c.mean_width, 'width');
    }
  });

  it('hand-computed: one inside, one below, one above', () => {
    // widths 2 each; misses 1 below and 0.5 above at α = 0.2 add (2/0.2)·1 = 10 and 5: (2 + 12 + 7)/3 = 7
    const r = intervalScores([1, -2, 3.5], [0, -1, 1], [2, 1, 3], 0.2);
    expect(r.coverage).toBeCloseTo(1 / 3, 12);
    expect(r.winkler).toBeCloseTo(7, 12);
  });
});

describe('split conformal', () => {
  it('takes the ⌈(n + 1)(1 − α)⌉-th smallest residual (numpy reference)', () => {
    for (const c of PY_REF.conformal) expect(conformalQuantile(c.residuals, c.alpha)).toBe(c.q ?? Infinity);
  });

  it('hand-computed: n = 19, α = 0.05 takes the largest of 1..19; n = 9 is too few', () => {
    const r = Array.from({ length: 19 }, (_, i) => 19 - i);
    expect(conformalQuantile(r, 0.05)).toBe(19);
    expect(conformalQuantile(r, 0.1)).toBe(18);
    expect(conformalQuantile(r.slice(0, 9), 0.05)).toBe(Infinity);
  });

  it('covers about 95% of new exchangeable rows', () => {
    // y = 2x + N(0, 1), a model ŷ = 2x: over 200 seeds of 100 calibration and 200 test rows,
    // the mean coverage is ≥ 0.95 and below 0.95 + 1/101 plus sampling slack.
    const rng = new Rng(5);
    let covered = 0,
      total = 0;
    for (let rep = 0; rep < 200; rep++) {
      const calX = Array.from({ length: 100 }, () => rng.normal());
      const calY = calX.map((x) => 2 * x + rng.normal());
      const testX = Array.from({ length: 200 }, () => rng.normal());
      const testY = testX.map((x) => 2 * x + rng.normal());
      const iv = splitConformal(
        calY,
        calX.map((x) => 2 * x),
        testX.map((x) => 2 * x),
        0.05,
      );
      testY.forEach((y, i) => (covered += y >= iv.lower[i] && y <= iv.upper[i] ? 1 : 0));
      total += testY.length;
    }
    expect(covered / total).toBeGreaterThanOrEqual(0.945);
    expect(covered / total).toBeLessThanOrEqual(0.965);
  });
});
