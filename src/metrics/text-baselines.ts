// Classical baselines for the text task, fitted on the training texts and scored on the same test
// rows as the network. Each text is a bag of terms: its words (space-separated languages) or its
// character 1- and 2-grams (Chinese/Japanese, no segmenter), vocabulary from the training rows only.
//   majority class;
//   multinomial naive Bayes on term counts c: log P(k) + Σ_t c_t·log θ_kt,
//     θ_kt = (N_kt + α) / (N_k + α·V), α = 1 (Laplace; sklearn MultinomialNB's default);
//   softmax regression on TF-IDF: tf·idf, idf_t = ln((1 + n) / (1 + df_t)) + 1, each row scaled to
//     unit L2 norm (sklearn TfidfVectorizer's defaults), then min mean CE + λ/2·||W||², λ = 1/n, by L-BFGS.
// Sparse rows: CSR (indptr (n+1), indices, values).

import { majorityBaseline } from './baselines.js';
import { classificationMetrics } from './classification.js';
import { minimizeLbfgs } from './lbfgs.js';
import type { ClassBaseline, FitReport } from './tabular-baselines.js';

export interface Csr {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  n: number;
  dim: number;
}

/** The terms of one tokenised text: the tokens (words), or character 1- and 2-grams. */
export function terms(tokens: string[], mode: 'char' | 'word'): string[] {
  if (mode === 'word') return tokens;
  const out = [...tokens];
  for (let i = 1; i < tokens.length; i++) out.push(tokens[i - 1] + tokens[i]);
  return out;
}

/** Vocabulary of the training documents: term -> column, most frequent first (ties alphabetical), at most maxTerms. */
export function fitVocabulary(docs: string[][], maxTerms = Infinity): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of docs) for (const t of d) counts.set(t, (counts.get(t) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxTerms);
  return new Map(sorted.map(([t], i) => [t, i]));
}

/** Term counts (n, V) as CSR, columns ascending; terms outside the vocabulary are dropped. */
export function countMatrix(docs: string[][], vocab: Map<string, number>): Csr {
  const indptr = new Int32Array(docs.length + 1);
  const idx: number[] = [];
  const val: number[] = [];
  docs.forEach((d, r) => {
    const row = new Map<number, number>();
    for (const t of d) {
      const j = vocab.get(t);
      if (j !== undefined) row.set(j, (row.get(j) ?? 0) + 1);
    }
    for (const [j, c] of [...row].sort((a, b) => a[0] - b[0])) {
      idx.push(j);
      val.push(c);
    }
    indptr[r + 1] = idx.length;
  });
  return { indptr, indices: Int32Array.from(idx), values: Float64Array.from(val), n: docs.length, dim: vocab.size };
}

/** Smoothed idf of each column from the training counts: ln((1 + n) / (1 + df)) + 1. */
export function fitIdf(train: Csr): Float64Array {
  const df = new Float64Array(train.dim);
  for (let e = 0; e < train.indices.length; e++) df[train.indices[e]]++;
  return df.map((v) => Math.log((1 + train.n) / (1 + v)) + 1);
}

/** TF-IDF rows with unit L2 norm (an empty row stays empty). */
export function tfidf(counts: Csr, idf: Float64Array): Csr {
  const values = new Float64Array(counts.values.length);
  for (let r = 0; r < counts.n; r++) {
    let sq = 0;
    for (let e = counts.indptr[r]; e < counts.indptr[r + 1]; e++) {
      values[e] = counts.values[e] * idf[counts.indices[e]];
      sq += values[e] * values[e];
    }
    const norm = Math.sqrt(sq);
    if (norm > 0) for (let e = counts.indptr[r]; e < counts.indptr[r + 1]; e++) values[e] /= norm;
  }
  return { ...counts, values };
}

export interface NaiveBayes {
  logPrior: Float64Array; // (K)
  logTheta: Float64Array; // (V, K)
  K: number;
}

export function fitNaiveBayes(x: Csr, y: ArrayLike<number>, K: number, alpha = 1): NaiveBayes {
  const V = x.dim;
  const classCount = new Float64Array(K);
  const termCount = new Float64Array(V * K);
  const total = new Float64Array(K);
  for (let r = 0; r < x.n; r++) {
    const k = y[r];
    classCount[k]++;
    for (let e = x.indptr[r]; e < x.indptr[r + 1]; e++) {
      termCount[x.indices[e] * K + k] += x.values[e];
      total[k] += x.values[e];
    }
  }
  const logPrior = classCount.map((c) => Math.log(c / x.n));
  const logTheta = termCount.map((c, i) => Math.log((c + alpha) / (total[i % K] + alpha * V)));
  return { logPrior, logTheta, K };
}

/** Joint log-likelihoods (n, K): log P(k) + Σ c_t·log θ_kt. */
export function naiveBayesScores(m: NaiveBayes, x: Csr): Float64Array {
  const { K } = m;
  const out = new Float64Array(x.n * K);
  for (let r = 0; r < x.n; r++) {
    for (let k = 0; k < K; k++) out[r * K + k] = m.logPrior[k];
    for (let e = x.indptr[r]; e < x.indptr[r + 1]; e++) {
      const j = x.indices[e];
      for (let k = 0; k < K; k++) out[r * K + k] += x.values[e] * m.logTheta[j * K + k];
    }
  }
  return out;
}

/** Fitted softmax regression on sparse rows: theta = W (V, K) then b (K). */
export interface SparseSoftmax {
  theta: Float64Array;
  dim: number;
  K: number;
  fit: FitReport;
}

/** Scores x·W + b (n, K) of sparse rows. */
export function sparseLogits(theta: Float64Array, x: Csr, K: number): Float64Array {
  const out = new Float64Array(x.n * K);
  const b = x.dim * K;
  for (let r = 0; r < x.n; r++) {
    for (let k = 0; k < K; k++) out[r * K + k] = theta[b + k];
    for (let e = x.indptr[r]; e < x.indptr[r + 1]; e++) {
      const j = x.indices[e] * K;
      for (let k = 0; k < K; k++) out[r * K + k] += x.values[e] * theta[j + k];
    }
  }
  return out;
}

// NOTE: about this many multiply-adds at most (a few seconds); a larger fit says converged: false.
const TEXT_LR_BUDGET = 3e9;

export function fitSparseSoftmax(
  x: Csr,
  y: ArrayLike<number>,
  K: number,
  lambda = 1 / x.n,
  budget = TEXT_LR_BUDGET,
): SparseSoftmax {
  const { n, dim } = x;
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    const z = sparseLogits(theta, x, K);
    let loss = 0;
    for (let r = 0; r < n; r++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, z[r * K + k]);
      let s = 0;
      for (let k = 0; k < K; k++) s += Math.exp(z[r * K + k] - max);
      loss -= z[r * K + y[r]] - max - Math.log(s);
      for (let k = 0; k < K; k++) z[r * K + k] = (Math.exp(z[r * K + k] - max) / s - (k === y[r] ? 1 : 0)) / n;
      for (let e = x.indptr[r]; e < x.indptr[r + 1]; e++) {
        const j = x.indices[e] * K;
        for (let k = 0; k < K; k++) grad[j + k] += x.values[e] * z[r * K + k];
      }
      for (let k = 0; k < K; k++) grad[dim * K + k] += z[r * K + k];
    }
    let reg = 0;
    for (let j = 0; j < dim * K; j++) {
      reg += theta[j] * theta[j];
      grad[j] += lambda * theta[j];
    }
    return loss / n + 0.5 * lambda * reg;
  };
  const perEval = 4 * (x.indices.length + n) * K + 2 * dim * K;
  const maxEvals = Math.max(50, Math.floor(budget / perEval));
  const r = minimizeLbfgs(objective, new Float64Array((dim + 1) * K), { maxIter: 2000, maxEvals, m: 7 });
  return {
    theta: r.x,
    dim,
    K,
    fit: { converged: r.converged, iterations: r.iterations, loss: r.f, grad_max: r.gradMax },
  };
}

function argmaxRows(s: Float64Array, n: number, K: number): Int32Array {
  return Int32Array.from({ length: n }, (_, r) => {
    let best = 0;
    for (let k = 1; k < K; k++) if (s[r * K + k] > s[r * K + best]) best = k;
    return best;
  });
}

// NOTE: the TF-IDF model has V·K weights; past this many it keeps the most frequent terms only.
const MAX_LR_WEIGHTS = 2e6;

/** Majority, naive Bayes on term counts and TF-IDF logistic regression. Documents are token lists. */
export function textBaselines(
  trainDocs: string[][],
  trainY: ArrayLike<number>,
  testDocs: string[][],
  testY: ArrayLike<number>,
  labels: string[],
  mode: 'char' | 'word',
): Record<string, ClassBaseline> {
  const K = labels.length;
  const trainTerms = trainDocs.map((d) => terms(d, mode));
  const testTerms = testDocs.map((d) => terms(d, mode));
  const vocab = fitVocabulary(trainTerms);
  const trainCounts = countMatrix(trainTerms, vocab);
  const testCounts = countMatrix(testTerms, vocab);
  const nb = fitNaiveBayes(trainCounts, trainY, K);
  const out: Record<string, ClassBaseline> = {
    majority: majorityBaseline(trainY, testY, labels),
    naive_bayes: classificationMetrics(testY, argmaxRows(naiveBayesScores(nb, testCounts), testCounts.n, K), labels),
  };
  const lrVocab = vocab.size * K > MAX_LR_WEIGHTS ? fitVocabulary(trainTerms, Math.floor(MAX_LR_WEIGHTS / K)) : vocab;
  const lrTrain = lrVocab === vocab ? trainCounts : countMatrix(trainTerms, lrVocab);
  const lrTest = lrVocab === vocab ? testCounts : countMatrix(testTerms, lrVocab);
  const idf = fitIdf(lrTrain);
  const lr = fitSparseSoftmax(tfidf(lrTrain, idf), trainY, K);
  const pred = argmaxRows(sparseLogits(lr.theta, tfidf(lrTest, idf), K), lrTest.n, K);
  out.tfidf_logistic_regression = { ...classificationMetrics(testY, pred, labels), ...lr.fit };
  return out;
}
