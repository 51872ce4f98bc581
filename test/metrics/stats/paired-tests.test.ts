import { describe, expect, it } from 'vitest';
import { holm } from '../../../src/metrics/stats/holm.js';
import { discordantCounts, mcnemar } from '../../../src/metrics/stats/mcnemar.js';
import { pairedTTest } from '../../../src/metrics/stats/paired-t.js';
import { midRanks, wilcoxonSignedRank } from '../../../src/metrics/stats/wilcoxon.js';
import { expectClose, PY_REF, R_REF } from './fixtures.js';

describe('Wilcoxon signed-rank', () => {
  it('matches R wilcox.test(paired = TRUE), exact and normal', () => {
    for (const c of R_REF.wilcoxon) {
      const r = wilcoxonSignedRank(c.x, c.y);
      expectClose(r.statistic, c.statistic, `${c.name} V`);
      expectClose(r.pValue, c.p, `${c.name} p`);
    }
    expect(wilcoxonSignedRank(R_REF.wilcoxon[0].x, R_REF.wilcoxon[0].y).exact).toBe(true);
    expect(wilcoxonSignedRank(R_REF.wilcoxon[2].x, R_REF.wilcoxon[2].y).exact).toBe(false);
  });

  it('hand-computed exact: all 5 differences positive, V = 15, p = 2/32', () => {
    const r = wilcoxonSignedRank([2, 3, 4, 5, 6], [1, 1, 1, 1, 1]);
    expect(r.statistic).toBe(15);
    expect(r.pValue).toBeCloseTo(0.0625, 12);
  });

  it('mid-ranks share tied places', () => {
    const { ranks, ties } = midRanks([3, 1, 3, 2]);
    expect(Array.from(ranks)).toEqual([3.5, 1, 3.5, 2]);
    expect(ties.sort()).toEqual([1, 1, 2]);
  });
});

describe('McNemar', () => {
  it('matches R mcnemar.test (χ², continuity-corrected) and binom.test (exact)', () => {
    for (const c of R_REF.mcnemar) {
      const chi = mcnemar(c.b, c.c, false);
      expectClose(chi.statistic, c.chi2, `χ² b=${c.b} c=${c.c}`);
      expectClose(chi.pValue, c.p_chi2, `p χ² b=${c.b} c=${c.c}`);
      expectClose(mcnemar(c.b, c.c, true).pValue, c.p_exact, `p exact b=${c.b} c=${c.c}`);
    }
  });

  it('matches statsmodels mcnemar, and picks the exact form below 25 discordant rows', () => {
    for (const c of PY_REF.mcnemar) {
      const ex = mcnemar(c.b, c.c, true);
      expectClose(ex.statistic, c.stat_exact, `exact statistic b=${c.b} c=${c.c}`);
      expectClose(ex.pValue, c.p_exact, `exact p b=${c.b} c=${c.c}`);
      // statsmodels keeps Yates' −1 when b = c (χ² = 1/(b + c)); R, and nnm, report χ² = 0 there.
      if (c.b !== c.c) expectClose(mcnemar(c.b, c.c, false).pValue, c.p_chi2, `χ² p b=${c.b} c=${c.c}`);
      expect(mcnemar(c.b, c.c).exact).toBe(c.b + c.c < 25);
    }
  });

  it('hand-computed exact: b = 0, c = 5 gives p = 2/32', () => {
    expect(mcnemar(0, 5).pValue).toBeCloseTo(0.0625, 12);
  });

  it('counts discordant rows', () => {
    expect(discordantCounts([0, 1, 1, 0, 2], [0, 1, 0, 1, 2], [0, 0, 1, 1, 1])).toEqual({ b: 2, c: 1 });
  });
});

describe('paired t-test', () => {
  it('matches R t.test(paired = TRUE)', () => {
    for (const c of R_REF.paired_t) {
      const r = pairedTTest(c.x, c.y);
      expectClose(r.statistic, c.statistic, 't');
      expect(r.df).toBe(c.df);
      expectClose(r.pValue, c.p, 'p');
    }
  });

  it('hand-computed: d = [1, 2, 3] gives t = 2/(1/√3) = 3.4641', () => {
    const r = pairedTTest([2, 4, 6], [1, 2, 3]);
    expect(r.statistic).toBeCloseTo(2 * Math.sqrt(3), 12);
  });
});

describe('Holm', () => {
  it('matches R p.adjust(method = "holm")', () => {
    for (const c of R_REF.holm) {
      const adj = holm(c.p);
      c.adjusted.forEach((v: number, i: number) => expectClose(adj[i], v, `holm ${c.p} [${i}]`));
    }
  });

  it('hand-computed: [0.01, 0.04, 0.03] -> [0.03, 0.06, 0.06]', () => {
    const adj = Array.from(holm([0.01, 0.04, 0.03]));
    [0.03, 0.06, 0.06].forEach((v, i) => expect(adj[i]).toBeCloseTo(v, 12));
  });
});
