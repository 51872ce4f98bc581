// The first two principal components of standardised rows, for a 2-D picture of clusters:
// covariance C = XcᵀXc/(n−1) of the centred rows, its top two eigenvectors by power iteration with
// deflation (deterministic start, sign fixed so the largest-|v| coordinate is positive), scores
// Xc·v. Returns the scores and the share of variance each component explains.

export interface Projection {
  x: Float64Array;
  y: Float64Array;
  /** Explained variance ratio of components 1 and 2. */
  explained: [number, number];
}

export function pca2(data: ArrayLike<number>, n: number, d: number): Projection {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j] / n;
  const C = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const ea = data[i * d + a] - mean[a];
      for (let b = a; b < d; b++) C[a * d + b] += ea * (data[i * d + b] - mean[b]);
    }
  }
  const denom = Math.max(1, n - 1);
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) C[b * d + a] = C[a * d + b] = C[a * d + b] / denom;
  let trace = 0;
  for (let a = 0; a < d; a++) trace += C[a * d + a];
  const v1 = topEigen(C, d);
  deflate(C, d, v1.vec, v1.value);
  const v2 = d > 1 ? topEigen(C, d) : { vec: new Float64Array(d), value: 0 };
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const e = data[i * d + j] - mean[j];
      x[i] += e * v1.vec[j];
      y[i] += e * v2.vec[j];
    }
  }
  const share = (v: number): number => (trace > 0 ? Math.max(0, v) / trace : 0);
  return { x, y, explained: [share(v1.value), share(v2.value)] };
}

function topEigen(C: Float64Array, d: number): { vec: Float64Array; value: number } {
  let v = Float64Array.from({ length: d }, (_, j) => 1 / Math.sqrt(d) + 1e-3 * j);
  let value = 0;
  for (let it = 0; it < 500; it++) {
    const w = new Float64Array(d);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) w[a] += C[a * d + b] * v[b];
    let norm = 0;
    for (let a = 0; a < d; a++) norm += w[a] * w[a];
    norm = Math.sqrt(norm);
    if (norm === 0) return { vec: new Float64Array(d), value: 0 };
    for (let a = 0; a < d; a++) w[a] /= norm;
    const change = w.reduce((s, x, a) => s + Math.abs(x - v[a]), 0);
    v = w;
    value = norm;
    if (change < 1e-12) break;
  }
  let big = 0;
  for (let a = 1; a < d; a++) if (Math.abs(v[a]) > Math.abs(v[big])) big = a;
  if (v[big] < 0) for (let a = 0; a < d; a++) v[a] = -v[a];
  return { vec: v, value };
}

function deflate(C: Float64Array, d: number, v: Float64Array, value: number): void {
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) C[a * d + b] -= value * v[a] * v[b];
}
