// General regression neural network (GRNN, Specht 1991): a closed-form kernel regression with one
// pattern unit per training row, no iterative training. For a query x and training rows (x_i, y_i):
//   w_i(x) = exp(−‖x − x_i‖² / (2σ²)),   ŷ(x) = Σ_i w_i y_i / Σ_i w_i      (y_i ∈ R^K)
// With one-hot y this is the probabilistic neural network's class-probability estimate (Specht 1990).
// The one hyper-parameter σ is chosen by leave-one-out on the training rows: ŷ_{−i}(x_i) leaves out
// row i, and σ minimises Σ_i ‖y_i − ŷ_{−i}(x_i)‖² over a log-spaced grid around the median
// nearest-neighbour distance. Inputs should be standardised (one σ for every column).
// NOTE: weights are taken relative to the nearest row (exp(−(d² − d²_min)/(2σ²))), so the nearest row
// has weight 1 and a small σ never gives 0/0.
// reference: Specht (1991), IEEE Trans. Neural Networks 2(6):568–576, eq. (5)–(6).

export interface GrnnModel {
  x: Float64Array; // (n, d) training inputs
  y: Float64Array; // (n, K) training targets
  n: number;
  d: number;
  K: number;
  sigma: number;
  /** The leave-one-out mean squared error at σ (per output value). */
  looMse: number;
}

export interface GrnnOptions {
  /** Fixed σ instead of the leave-one-out choice. */
  sigma?: number;
  /** Grid size for the leave-one-out search (default 41). */
  grid?: number;
}

/** Squared Euclidean distances (n, n) between the rows of x (n, d). */
function pairwiseSq(x: ArrayLike<number>, n: number, d: number): Float64Array {
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (x[i * d + c] - x[j * d + c]) ** 2;
      D[i * n + j] = D[j * n + i] = s;
    }
  }
  return D;
}

/** Kernel-weighted mean of the targets for one query, from its squared distances to the n rows. */
function weightedMean(
  out: Float64Array,
  dist: Float64Array,
  dOff: number,
  y: ArrayLike<number>,
  n: number,
  K: number,
  sigma: number,
  skip: number,
): void {
  let min = Infinity;
  for (let i = 0; i < n; i++) if (i !== skip && dist[dOff + i] < min) min = dist[dOff + i];
  const scale = 1 / (2 * sigma * sigma);
  out.fill(0);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (i === skip) continue;
    const w = Math.exp(-(dist[dOff + i] - min) * scale);
    sum += w;
    for (let k = 0; k < K; k++) out[k] += w * y[i * K + k];
  }
  for (let k = 0; k < K; k++) out[k] /= sum;
}

/** Leave-one-out mean squared error (per output value) at bandwidth σ. */
export function grnnLooMse(D: Float64Array, y: ArrayLike<number>, n: number, K: number, sigma: number): number {
  const pred = new Float64Array(K);
  let se = 0;
  for (let i = 0; i < n; i++) {
    weightedMean(pred, D, i * n, y, n, K, sigma, i);
    for (let k = 0; k < K; k++) se += (y[i * K + k] - pred[k]) ** 2;
  }
  return se / (n * K);
}

/** The log-spaced σ grid: from 1/20 to 20 times the median nearest-neighbour distance. */
function sigmaGrid(D: Float64Array, n: number, size: number): number[] {
  const nn: number[] = [];
  for (let i = 0; i < n; i++) {
    let m = Infinity;
    for (let j = 0; j < n; j++) if (j !== i && D[i * n + j] < m) m = D[i * n + j];
    if (m > 0 && Number.isFinite(m)) nn.push(Math.sqrt(m));
  }
  nn.sort((a, b) => a - b);
  const base = nn.length ? nn[nn.length >> 1] : 1;
  return Array.from({ length: size }, (_, g) => base * 20 ** (-1 + (2 * g) / (size - 1)));
}

/** Fit a GRNN on x (n, d) and targets y (n, K); σ by leave-one-out unless given. Needs n ≥ 2. */
export function fitGrnn(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  d: number,
  K: number,
  o: GrnnOptions = {},
): GrnnModel {
  if (n < 2) throw new RangeError(`fitGrnn needs at least 2 training rows, got ${n}`);
  if (x.length !== n * d || y.length !== n * K)
    throw new RangeError(`fitGrnn: x has ${x.length} values and y ${y.length}, expected ${n * d} and ${n * K}`);
  const D = pairwiseSq(x, n, d);
  let sigma = o.sigma ?? NaN;
  let looMse: number;
  if (o.sigma !== undefined) {
    if (!(o.sigma > 0)) throw new RangeError(`fitGrnn: sigma ${o.sigma} must be positive`);
    looMse = grnnLooMse(D, y, n, K, o.sigma);
  } else {
    looMse = Infinity;
    for (const s of sigmaGrid(D, n, o.grid ?? 41)) {
      const e = grnnLooMse(D, y, n, K, s);
      if (e < looMse) [looMse, sigma] = [e, s];
    }
  }
  return { x: Float64Array.from(x), y: Float64Array.from(y), n, d, K, sigma, looMse };
}

/** Predictions (m, K) for query rows q (m, d). */
export function predictGrnn(model: GrnnModel, q: ArrayLike<number>, m: number): Float64Array {
  const { x, y, n, d, K, sigma } = model;
  const out = new Float64Array(m * K);
  const dist = new Float64Array(n);
  const row = new Float64Array(K);
  for (let r = 0; r < m; r++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (q[r * d + c] - x[i * d + c]) ** 2;
      dist[i] = s;
    }
    weightedMean(row, dist, 0, y, n, K, sigma, -1);
    out.set(row, r * K);
  }
  return out;
}
