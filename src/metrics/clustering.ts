// Cluster-quality metrics (sklearn.metrics semantics), Euclidean distance, x: (n, d) row-major:
// silhouette: mean over rows of s = (b − a)/max(a, b), a = mean distance to the own cluster's other
//   rows, b = the smallest mean distance to another cluster; s = 0 for a row alone in its cluster.
// Davies-Bouldin: mean over clusters i of max_{j≠i} (S_i + S_j)/M_ij, S = mean distance of a cluster's
//   rows to its centroid, M_ij = distance between centroids (lower is better).
// Adjusted Rand index (Hubert & Arabie 1985): (Σ C(n_ij,2) − E)/(½(Σ C(a_i,2) + Σ C(b_j,2)) − E),
//   E = Σ C(a_i,2)·Σ C(b_j,2)/C(n,2), from the contingency table n_ij of two labelings.

function dist(x: ArrayLike<number>, i: number, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const e = x[i * d + t] - x[j * d + t];
    s += e * e;
  }
  return Math.sqrt(s);
}

function relabel(labels: ArrayLike<number>): { ids: Int32Array; k: number } {
  const map = new Map<number, number>();
  const ids = Int32Array.from(labels, (l) => {
    if (!map.has(l)) map.set(l, map.size);
    return map.get(l)!;
  });
  return { ids, k: map.size };
}

/** Silhouette of every row, s_i = (b − a)/max(a, b) (0 for a row alone in its cluster, and for all
 *  rows when there are fewer than 2 clusters or as many clusters as rows). */
export function silhouetteSamples(x: ArrayLike<number>, n: number, d: number, labels: ArrayLike<number>): Float64Array {
  const { ids, k } = relabel(labels);
  const out = new Float64Array(n);
  if (k < 2 || k >= n) return out;
  const size = new Int32Array(k);
  for (let i = 0; i < n; i++) size[ids[i]]++;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) if (j !== i) sums[ids[j]] += dist(x, i, j, d);
    const own = ids[i];
    if (size[own] === 1) continue; // s = 0
    const a = sums[own] / (size[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own) b = Math.min(b, sums[c] / size[c]);
    const m = Math.max(a, b);
    out[i] = m > 0 ? (b - a) / m : 0;
  }
  return out;
}

export function silhouetteScore(x: ArrayLike<number>, n: number, d: number, labels: ArrayLike<number>): number {
  const s = silhouetteSamples(x, n, d, labels);
  let total = 0;
  for (let i = 0; i < n; i++) total += s[i];
  return n > 0 ? total / n : 0;
}

export function daviesBouldinScore(x: ArrayLike<number>, n: number, d: number, labels: ArrayLike<number>): number {
  const { ids, k } = relabel(labels);
  if (k < 2) return 0;
  const cent = new Float64Array(k * d);
  const size = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    size[ids[i]]++;
    for (let t = 0; t < d; t++) cent[ids[i] * d + t] += x[i * d + t];
  }
  for (let c = 0; c < k; c++) for (let t = 0; t < d; t++) cent[c * d + t] /= size[c];
  const S = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += (x[i * d + t] - cent[ids[i] * d + t]) ** 2;
    S[ids[i]] += Math.sqrt(s) / size[ids[i]];
  }
  let db = 0;
  for (let i = 0; i < k; i++) {
    let worst = 0;
    for (let j = 0; j < k; j++) {
      if (j === i) continue;
      let m = 0;
      for (let t = 0; t < d; t++) m += (cent[i * d + t] - cent[j * d + t]) ** 2;
      m = Math.sqrt(m);
      worst = Math.max(worst, m > 0 ? (S[i] + S[j]) / m : Infinity);
    }
    db += worst;
  }
  return db / k;
}

export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const A = relabel(a);
  const B = relabel(b);
  const table = new Float64Array(A.k * B.k);
  for (let i = 0; i < n; i++) table[A.ids[i] * B.k + B.ids[i]]++;
  const c2 = (m: number): number => (m * (m - 1)) / 2;
  let sumIJ = 0;
  for (const v of table) sumIJ += c2(v);
  let sumA = 0;
  for (let i = 0; i < A.k; i++) {
    let r = 0;
    for (let j = 0; j < B.k; j++) r += table[i * B.k + j];
    sumA += c2(r);
  }
  let sumB = 0;
  for (let j = 0; j < B.k; j++) {
    let c = 0;
    for (let i = 0; i < A.k; i++) c += table[i * B.k + j];
    sumB += c2(c);
  }
  const expected = (sumA * sumB) / c2(n);
  const max = (sumA + sumB) / 2;
  // NOTE: both labelings trivial (one cluster each, or all singletons): identical partitions -> 1.
  return max === expected ? 1 : (sumIJ - expected) / (max - expected);
}

/** U-matrix of a rows × cols map (unit weights w: (rows·cols, d)): for each unit, the mean Euclidean
 *  distance of its weight vector to those of its 4-neighbours. High values mark cluster borders. */
export function uMatrix(w: ArrayLike<number>, rows: number, cols: number, d: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      let count = 0;
      for (const [dr, dc] of [
        [-1, 0],
        [1, 0],
        [0, -1],
        [0, 1],
      ]) {
        const rr = r + dr;
        const cc = c + dc;
        if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
        sum += dist(w, r * cols + c, rr * cols + cc, d);
        count++;
      }
      out[r * cols + c] = count ? sum / count : 0;
    }
  }
  return out;
}
