// Jarque–Bera test of normality:
//   m_k = (1/n) Σ (x_i − x̄)^k,  S = m_3 / m_2^{3/2},  K = m_4 / m_2²
//   JB = n/6 · (S² + (K − 3)²/4),   p = P(χ²_2 > JB) = exp(−JB/2)
// As scipy.stats.jarque_bera, statsmodels jarque_bera and R tseries::jarque.bera.test.
// reference: Jarque & Bera (1987), Int. Statist. Review 55(2):163–172.

export interface JarqueBeraResult {
  statistic: number;
  pValue: number;
  skewness: number;
  kurtosis: number;
}

export function jarqueBera(x: ArrayLike<number>): JarqueBeraResult {
  const n = x.length;
  if (n < 3) throw new RangeError('jarqueBera needs at least 3 values');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let m2 = 0,
    m3 = 0,
    m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (m2 === 0) return { statistic: 0, pValue: 1, skewness: 0, kurtosis: 3 };
  const skewness = m3 / m2 ** 1.5;
  const kurtosis = m4 / (m2 * m2);
  const statistic = (n / 6) * (skewness ** 2 + (kurtosis - 3) ** 2 / 4);
  return { statistic, pValue: Math.exp(-statistic / 2), skewness, kurtosis };
}
