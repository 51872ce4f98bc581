import { describe, expect, it } from 'vitest';
import { dieboldMariano } from '../../../src/metrics/stats/diebold-mariano.js';
import { jarqueBera } from '../../../src/metrics/stats/jarque-bera.js';
import { defaultLjungBoxLag, ljungBox } from '../../../src/metrics/stats/ljung-box.js';
import { expectClose, PY_REF, R_REF } from './fixtures.js';

describe('Diebold–Mariano with the HLN correction', () => {
  it('matches R forecast::dm.test on every stored case', () => {
    expect(R_REF.dm.length).toBeGreaterThanOrEqual(10);
    for (const c of R_REF.dm) {
      const r = dieboldMariano(c.e1, c.e2, {
        h: c.h,
        loss: c.power === 2 ? 'squared' : 'absolute',
        varEstimator: c.varestimator,
      });
      expectClose(r.statistic, c.statistic, `${c.name} statistic`);
      expectClose(r.pValue, c.p, `${c.name} p`);
      expect(r.h, c.name).toBe(c.h_used);
    }
  });

  it('falls back to h = 1 when the h > 1 variance estimate is negative', () => {
    const c = R_REF.dm.find((d: { name: string }) => d.name.startsWith('negative variance'));
    expect(dieboldMariano(c.e1, c.e2, { h: 2 }).h).toBe(1);
  });

  it('hand-computed: loss differences d = [1, 3, 2, 2]', () => {
    // d̄ = 2, γ0 = (1 + 1 + 0 + 0)/4 = 0.5, V = 0.5/4 = 0.125, DM = 2/√0.125 = 5.656854,
    // k = √((4 + 1 − 2)/4) = √0.75, DM* = 4.898979, p = 2·P(T_3 > 4.898979) = 0.0162766 (scipy t.sf).
    const r = dieboldMariano([Math.sqrt(2), 2, Math.sqrt(3), Math.sqrt(3)], [1, 1, 1, 1]);
    expect(r.statistic).toBeCloseTo(4.898979, 5);
    expect(r.pValue).toBeCloseTo(0.0162766, 6);
  });

  it('the fixtures tell the HLN-corrected statistic from the plain DM one', () => {
    const c = R_REF.dm.find((d: { name: string }) => d.name === 'short n8 h2 p1');
    const r = dieboldMariano(c.e1, c.e2, { h: 2, loss: 'absolute' });
    const n = c.e1.length,
      k = Math.sqrt((n + 1 - 4 + 2 / n) / n);
    expect(Math.abs(r.statistic / k - c.statistic)).toBeGreaterThan(0.1);
  });

  it('identical errors: no difference, p = 1', () => {
    expect(dieboldMariano([1, -2, 3], [1, -2, 3]).pValue).toBe(1);
  });

  it('rejects mismatched lengths and a horizon beyond the data', () => {
    expect(() => dieboldMariano([1, 2], [1])).toThrow(/2 errors against 1/);
    expect(() => dieboldMariano([1, 2, 3], [1, 2, 3], { h: 3 })).toThrow(/horizon/);
  });
});

describe('Ljung–Box', () => {
  it('matches R Box.test(type = "Ljung-Box")', () => {
    for (const c of R_REF.ljung_box) {
      const r = ljungBox(c.x, c.lag, c.fitdf);
      expectClose(r.statistic, c.statistic, `${c.name} Q`);
      expectClose(r.pValue, c.p, `${c.name} p`);
    }
  });

  it('hand-computed: x = [1, 2, 3, 4], lag 1', () => {
    // deviations −1.5, −0.5, 0.5, 1.5: Σ dev² = 5, Σ dev_t·dev_{t−1} = 0.75 − 0.25 + 0.75 = 1.25,
    // r1 = 0.25, Q = n(n + 2)·r1²/(n − 1) = 4·6·0.0625/3 = 0.5
    expect(ljungBox([1, 2, 3, 4], 1).statistic).toBeCloseTo(0.5, 12);
  });

  it('default lag is min(10, n/5)', () => {
    expect([defaultLjungBoxLag(12), defaultLjungBoxLag(36), defaultLjungBoxLag(500)]).toEqual([2, 7, 10]);
  });
});

describe('Jarque–Bera', () => {
  it('matches scipy.stats.jarque_bera (and statsmodels skewness and kurtosis)', () => {
    for (const c of PY_REF.jarque_bera) {
      const r = jarqueBera(c.x);
      expectClose(r.statistic, c.statistic, `${c.name} JB`);
      expectClose(r.pValue, c.p, `${c.name} p`);
      expectClose(r.skewness, c.skewness, `${c.name} skewness`);
      expectClose(r.kurtosis, c.kurtosis, `${c.name} kurtosis`);
    }
  });

  it('hand-computed: a symmetric two-point sample has S = 0, K = 1, JB = n/6 · 1', () => {
    const r = jarqueBera([-1, 1, -1, 1, -1, 1]);
    expect(r.skewness).toBeCloseTo(0, 12);
    expect(r.kurtosis).toBeCloseTo(1, 12);
    expect(r.statistic).toBeCloseTo(1, 12);
    expect(r.pValue).toBeCloseTo(Math.exp(-0.5), 12);
  });
});
