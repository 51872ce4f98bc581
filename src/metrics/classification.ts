// Classification metrics from true and predicted class indices (0..K-1):
// accuracy, per-class precision/recall/F1 (0 when undefined, as sklearn's zero_division=0),
// macro averages, and the confusion matrix (rows = true class, columns = predicted class).

export interface ClassMetrics {
  accuracy: number;
  macro_f1: number;
  precision: number; // macro
  recall: number; // macro
  per_class: { label: string; precision: number; recall: number; f1: number; support: number }[];
  confusion_matrix: number[][];
  labels: string[];
}

export function classificationMetrics(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  labels: string[],
): ClassMetrics {
  const K = labels.length;
  const cm = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) {
    cm[yTrue[i]][yPred[i]]++;
    if (yTrue[i] === yPred[i]) correct++;
  }
  const per_class = labels.map((label, k) => {
    const tp = cm[k][k];
    let predK = 0;
    let trueK = 0;
    for (let j = 0; j < K; j++) {
      predK += cm[j][k];
      trueK += cm[k][j];
    }
    const precision = predK ? tp / predK : 0;
    const recall = trueK ? tp / trueK : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: trueK };
  });
  const mean = (f: (c: (typeof per_class)[number]) => number): number => per_class.reduce((s, c) => s + f(c), 0) / K;
  return {
    accuracy: yTrue.length ? correct / yTrue.length : 0,
    macro_f1: mean((c) => c.f1),
    precision: mean((c) => c.precision),
    recall: mean((c) => c.recall),
    per_class,
    confusion_matrix: cm,
    labels,
  };
}

/** Index of the largest value in each row of a (n, K) array. */
export function argmaxRows(p: Float32Array, n: number, K: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (p[i * K + k] > p[i * K + best]) best = k;
    out[i] = best;
  }
  return out;
}
