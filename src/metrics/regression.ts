// Regression metrics in original units: RMSE, MAE, MAPE (percent; rows with a zero actual value are
// excluded and counted in mape_excluded), R² = 1 - SS_res/SS_tot (SS_tot about the mean of y).

export interface RegMetrics {
  rmse: number;
  mae: number;
  /** Percent; null when every actual value is zero. */
  mape: number | null;
  r2: number;
  mape_excluded?: number;
}

export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegMetrics {
  const n = yTrue.length;
  let se = 0;
  let ae = 0;
  let ape = 0;
  let apeN = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i];
  mean /= n;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const e = yPred[i] - yTrue[i];
    se += e * e;
    ae += Math.abs(e);
    ssTot += (yTrue[i] - mean) ** 2;
    if (yTrue[i] !== 0) {
      ape += Math.abs(e / yTrue[i]);
      apeN++;
    }
  }
  const out: RegMetrics = {
    rmse: Math.sqrt(se / n),
    mae: ae / n,
    mape: apeN ? (100 * ape) / apeN : null,
    r2: ssTot > 0 ? 1 - se / ssTot : se === 0 ? 1 : 0,
  };
  if (apeN < n) out.mape_excluded = n - apeN;
  return out;
}
