// Curves and summary statistics for the report's figures: ROC points and AUC (two classes),
// Pearson correlation, and the sample autocorrelation of residuals (r_k = Σ (e_t − ē)(e_{t+k} − ē) / Σ (e_t − ē)²).

/** ROC curve of scores for the positive class, thresholds at every distinct score; AUC by the trapezoid rule. */
export function rocCurve(
  scores: ArrayLike<number>,
  positive: ArrayLike<boolean>,
): { points: { fpr: number; tpr: number }[]; auc: number } {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let P = 0;
  for (let i = 0; i < positive.length; i++) if (positive[i]) P++;
  const N = positive.length - P;
  const points = [{ fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let j = 0; j < idx.length; j++) {
    if (positive[idx[j]]) tp++;
    else fp++;
    // NOTE: tied scores form one threshold, so only the last of a tie adds a point.
    if (j === idx.length - 1 || scores[idx[j + 1]] !== scores[idx[j]])
      points.push({ fpr: N ? fp / N : 0, tpr: P ? tp / P : 0 });
  }
  let auc = 0;
  for (let k = 1; k < points.length; k++)
    auc += ((points[k].fpr - points[k - 1].fpr) * (points[k].tpr + points[k - 1].tpr)) / 2;
  return { points, auc };
}

export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** Autocorrelation at lags 1..maxLag. */
export function autocorrelation(e: ArrayLike<number>, maxLag: number): number[] {
  const n = e.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += e[i];
  mean /= n;
  let den = 0;
  for (let i = 0; i < n; i++) den += (e[i] - mean) ** 2;
  const out: number[] = [];
  for (let k = 1; k <= Math.min(maxLag, n - 1); k++) {
    let num = 0;
    for (let t = 0; t + k < n; t++) num += (e[t] - mean) * (e[t + k] - mean);
    out.push(den > 0 ? num / den : 0);
  }
  return out;
}

export function meanSd(x: ArrayLike<number>): { mean: number; sd: number } {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n || 1;
  let v = 0;
  for (let i = 0; i < n; i++) v += (x[i] - m) ** 2;
  return { mean: m, sd: n > 1 ? Math.sqrt(v / (n - 1)) : 0 };
}
