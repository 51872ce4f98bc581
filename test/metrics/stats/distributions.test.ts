import { describe, expect, it } from 'vitest';
import {
  betaInc,
  binomialCdf,
  chiSquareCdf,
  chiSquareSf,
  erfc,
  gammaP,
  logGamma,
  normalCdf,
  studentTCdf,
  studentTTwoSided,
} from '../../../src/metrics/stats/distributions.js';
import { signRankCdf } from '../../../src/metrics/stats/wilcoxon.js';
import { expectClose, PY_REF, R_REF } from './fixtures.js';

describe('special functions', () => {
  it.each([
    [1, 0],
    [2, 0],
    [0.5, 0.5 * Math.log(Math.PI)],
    [5, Math.log(24)],
    [10.5, 13.940625219403763],
    [0.1, 2.252712651734206],
  ])('ln Γ(%d) = %d', (x, v) => expect(Math.abs(logGamma(x) - v)).toBeLessThan(1e-12));

  it('P(1, x) = 1 − e^−x and I_x(1, b) = 1 − (1 − x)^b (closed forms)', () => {
    for (const x of [0.01, 0.7, 2, 9]) expect(Math.abs(gammaP(1, x) - (1 - Math.exp(-x)))).toBeLessThan(1e-13);
    for (const [x, b] of [
      [0.2, 3],
      [0.9, 0.5],
      [0.5, 7],
    ])
      expect(Math.abs(betaInc(x, 1, b) - (1 - (1 - x) ** b))).toBeLessThan(1e-13);
  });

  it('erfc at published values (Abramowitz & Stegun table 7.1)', () => {
    expect(Math.abs(erfc(0.5) - 0.4795001221869535)).toBeLessThan(1e-14);
    expect(Math.abs(erfc(1) - 0.15729920705028513)).toBeLessThan(1e-14);
    expect(Math.abs(erfc(-1) - 1.8427007929497148)).toBeLessThan(1e-14);
  });

  it('the t distribution with 1 df is the Cauchy: F(t) = ½ + atan(t)/π', () => {
    for (const t of [-3, -0.4, 0, 1, 25])
      expect(Math.abs(studentTCdf(t, 1) - (0.5 + Math.atan(t) / Math.PI))).toBeLessThan(1e-13);
  });
});

describe('CDFs against R (pt, pchisq, pnorm, pbinom, psignrank)', () => {
  it('pt', () => {
    for (const c of R_REF.pt) {
      expectClose(studentTCdf(c.q, c.df), c.p, `pt(${c.q}, ${c.df})`);
      expectClose(studentTTwoSided(c.q, c.df), 2 * Math.min(c.p, 1 - c.p), `two-sided ${c.q}, ${c.df}`);
    }
  });
  it('pchisq, both tails', () => {
    for (const c of R_REF.pchisq) {
      expectClose(chiSquareCdf(c.q, c.df), c.p, `pchisq(${c.q}, ${c.df})`);
      expectClose(chiSquareSf(c.q, c.df), c.sf, `upper pchisq(${c.q}, ${c.df})`);
      // relative accuracy of the far tail too (p-values like 1e-12 must not be 0)
      if (c.sf > 0) expect(Math.abs(chiSquareSf(c.q, c.df) / c.sf - 1)).toBeLessThan(1e-8);
    }
  });
  it('pnorm', () => {
    for (const c of R_REF.pnorm) {
      expectClose(normalCdf(c.z), c.p, `pnorm(${c.z})`);
      expect(Math.abs(normalCdf(c.z) / c.p - 1)).toBeLessThan(1e-10);
    }
  });
  it('pbinom', () => {
    for (const c of R_REF.pbinom) expectClose(binomialCdf(c.k, c.n, c.prob), c.p, `pbinom(${c.k}, ${c.n}, ${c.prob})`);
  });
  it('psignrank', () => {
    for (const c of R_REF.psignrank) expectClose(signRankCdf(c.q, c.n), c.p, `psignrank(${c.q}, ${c.n})`);
  });
});

describe('CDFs against SciPy (t, chi2, norm)', () => {
  it('agree to 1e-6', () => {
    for (const c of PY_REF.t_cdf) expectClose(studentTCdf(c.q, c.df), c.p, `t.cdf(${c.q}, ${c.df})`);
    for (const c of PY_REF.chi2_cdf) {
      expectClose(chiSquareCdf(c.q, c.df), c.p, `chi2.cdf(${c.q}, ${c.df})`);
      expectClose(chiSquareSf(c.q, c.df), c.sf, `chi2.sf(${c.q}, ${c.df})`);
    }
    for (const c of PY_REF.norm_cdf) expectClose(normalCdf(c.z), c.p, `norm.cdf(${c.z})`);
  });
});
