// Sample autocovariances about the mean with divisor n (R acf(type = "covariance")):
//   γ_k = (1/n) Σ_{t=k}^{n−1} (x_t − x̄)(x_{t−k} − x̄),  k = 0..maxLag.
// Shared by the Diebold–Mariano variance and the Ljung–Box autocorrelations r_k = γ_k / γ_0.
// reference: Box, Jenkins & Reinsel, Time Series Analysis (4th ed.), §2.1.5.

export function autocovariances(x: ArrayLike<number>, maxLag: number): Float64Array {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const out = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += (x[t] - mean) * (x[t - k] - mean);
    out[k] = s / n;
  }
  return out;
}
