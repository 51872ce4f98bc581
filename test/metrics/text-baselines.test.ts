import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  countMatrix,
  fitIdf,
  fitNaiveBayes,
  fitSparseSoftmax,
  fitVocabulary,
  naiveBayesScores,
  sparseLogits,
  terms,
  textBaselines,
  tfidf,
} from '../../src/metrics/text-baselines.js';

describe('terms of a text', () => {
  it('words as they are; characters as 1- and 2-grams', () => {
    expect(terms(['good', 'fun'], 'word')).toEqual(['good', 'fun']);
    expect(terms(['好', '吃', '的'], 'char')).toEqual(['好', '吃', '的', '好吃', '吃的']);
  });
  it('vocabulary by frequency then alphabet; counts as sparse rows, unknown terms dropped', () => {
    const v = fitVocabulary([
      ['b', 'a', 'b'],
      ['c', 'a', 'b'],
    ]);
    expect([...v]).toEqual([
      ['b', 0],
      ['a', 1],
      ['c', 2],
    ]);
    const c = countMatrix([['a', 'b', 'b', 'zz'], []], v);
    expect(Array.from(c.indptr)).toEqual([0, 2, 2]);
    expect(Array.from(c.indices)).toEqual([0, 1]);
    expect(Array.from(c.values)).toEqual([2, 1]);
  });
});

describe('multinomial naive Bayes (α = 1), worked by hand', () => {
  // train: "good fun" pos, "good" pos, "bad boring" neg. V = 4 (good, bad, boring, fun).
  // pos: N = 3, θ(good) = 3/7, θ(bad) = 1/7; neg: N = 2, θ(good) = 1/6, θ(bad) = 2/6. P(pos) = 2/3.
  // "good bad bad": pos = ln(2/3 · 3/7 · 1/7 · 1/7) = ln(2/343); neg = ln(1/3 · 1/6 · 1/3 · 1/3) = ln(1/162).
  const train = [['good', 'fun'], ['good'], ['bad', 'boring']];
  const y = [1, 1, 0];
  const v = fitVocabulary(train);
  const nb = fitNaiveBayes(countMatrix(train, v), y, 2);
  it('joint log-likelihoods ln(1/162) for neg and ln(2/343) for pos; neg wins', () => {
    const s = naiveBayesScores(nb, countMatrix([['good', 'bad', 'bad', 'unseen']], v));
    expect(s[0]).toBeCloseTo(Math.log(1 / 162), 12);
    expect(s[1]).toBeCloseTo(Math.log(2 / 343), 12);
    expect(s[0]).toBeGreaterThan(s[1]);
  });
  it('an empty text gets the priors', () => {
    const s = naiveBayesScores(nb, countMatrix([[]], v));
    expect(s[0]).toBeCloseTo(Math.log(1 / 3), 12);
    expect(s[1]).toBeCloseTo(Math.log(2 / 3), 12);
  });
});

describe('TF-IDF logistic regression against scikit-learn', () => {
  const ref = JSON.parse(readFileSync(join(__dirname, '../fixtures/text-baselines-reference.json'), 'utf8'));
  const v = fitVocabulary(ref.train);
  const tr = countMatrix(ref.train, v);
  const te = countMatrix(ref.test, v);
  const idf = fitIdf(tr);
  const col = (t: string): number => v.get(t)!;
  it("idf = ln((1 + n)/(1 + df)) + 1: n = 8, df(good) = 3 -> ln(9/4) + 1; sklearn's values", () => {
    expect(idf[col('good')]).toBeCloseTo(Math.log(9 / 4) + 1, 12);
    ref.vocabulary.forEach((t: string, j: number) => expect(idf[col(t)]).toBeCloseTo(ref.idf[j], 12));
  });
  it("unit-norm TF-IDF rows equal sklearn's TfidfVectorizer", () => {
    const x = tfidf(te, idf);
    for (let r = 0; r < x.n; r++) {
      const dense = new Array(x.dim).fill(0);
      for (let e = x.indptr[r]; e < x.indptr[r + 1]; e++) dense[x.indices[e]] = x.values[e];
      ref.vocabulary.forEach((t: string, j: number) => expect(dense[col(t)]).toBeCloseTo(ref.test_tfidf[r][j], 12));
    }
  });
  it('converges to sklearn LogisticRegression(C = 1): test probabilities to 1e-5', () => {
    const m = fitSparseSoftmax(tfidf(tr, idf), ref.y, 2);
    expect(m.fit.converged).toBe(true);
    const z = sparseLogits(m.theta, tfidf(te, idf), 2);
    for (let r = 0; r < te.n; r++) {
      const p1 = 1 / (1 + Math.exp(z[r * 2] - z[r * 2 + 1]));
      expect(Math.abs(p1 - ref.test_proba[r][1])).toBeLessThan(1e-5);
    }
  });
});

describe('textBaselines beside the text network', () => {
  it('majority, naive Bayes and TF-IDF logistic regression on the same test rows', () => {
    const train = [
      ['好', '吃'],
      ['好', '吃', '极', '了'],
      ['很', '好'],
      ['难', '吃'],
      ['太', '难', '吃'],
      ['很', '差'],
    ];
    const y = [1, 1, 1, 0, 0, 0];
    const b = textBaselines(
      train,
      y,
      [
        ['好', '吃', '的'],
        ['难', '吃', '的'],
      ],
      [1, 0],
      ['neg', 'pos'],
      'char',
    );
    expect(Object.keys(b)).toEqual(['majority', 'naive_bayes', 'tfidf_logistic_regression']);
    expect(b.majority).toMatchObject({ accuracy: 0.5 });
    expect(b.naive_bayes).toMatchObject({ accuracy: 1 });
    expect(b.tfidf_logistic_regression).toMatchObject({ accuracy: 1, converged: true });
  });
});
