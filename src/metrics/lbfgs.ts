// Limited-memory BFGS for the smooth convex objectives of the baselines (softmax regression on
// dense or sparse inputs): the two-loop recursion (Nocedal & Wright, Numerical Optimization, 2nd ed.,
// Algorithm 7.4) with the last m pairs s = x⁺ − x, y = g⁺ − g, the initial scaling γ = sᵀy / yᵀy, and
// a backtracking line search on the Armijo condition f(x + αp) ≤ f(x) + 1e-4·α·gᵀp (α from 1, halved).
// Stops when max|g| ≤ gtol (converged), when the relative decrease of f over one step is ≤ ftol
// (converged: scipy's factr test), or when the evaluation budget is spent (not converged).
// reference: scipy.optimize.fmin_l_bfgs_b (pgtol, factr), which scikit-learn's lbfgs solver calls.

/** f(x), writing ∇f(x) into grad. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  maxIter?: number;
  /** Most objective evaluations (line-search trials included). */
  maxEvals?: number;
  gtol?: number;
  ftol?: number;
  m?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  /** max |∇f| at x. */
  gradMax: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function absMax(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** p = −H·g by the two-loop recursion over the stored pairs (oldest first in S, Y). */
function direction(p: Float64Array, g: Float64Array, S: Float64Array[], Y: Float64Array[], rho: number[]): void {
  const k = S.length;
  const alpha = new Array<number>(k);
  for (let i = 0; i < p.length; i++) p[i] = -g[i];
  for (let j = k - 1; j >= 0; j--) {
    alpha[j] = rho[j] * dot(S[j], p);
    const y = Y[j];
    for (let i = 0; i < p.length; i++) p[i] -= alpha[j] * y[i];
  }
  if (k > 0) {
    const gamma = dot(S[k - 1], Y[k - 1]) / dot(Y[k - 1], Y[k - 1]);
    for (let i = 0; i < p.length; i++) p[i] *= gamma;
  }
  for (let j = 0; j < k; j++) {
    const beta = rho[j] * dot(Y[j], p);
    const s = S[j];
    for (let i = 0; i < p.length; i++) p[i] += (alpha[j] - beta) * s[i];
  }
}

/** Backtracking from `step` (halved each trial) until f(x + α·p) meets the Armijo condition, `budget`
 *  evaluations are spent or α < 1e-20: writes x + α·p into xNew and its gradient into gNew. */
function lineSearch(
  fn: Objective,
  x: Float64Array,
  p: Float64Array,
  xNew: Float64Array,
  gNew: Float64Array,
  f: number,
  slope: number,
  step: number,
  budget: number,
): { fNew: number; used: number } {
  let used = 0;
  for (;;) {
    for (let i = 0; i < x.length; i++) xNew[i] = x[i] + step * p[i];
    const fNew = fn(xNew, gNew);
    used++;
    if (fNew <= f + 1e-4 * step * slope || used >= budget || step < 1e-20) return { fNew, used };
    step /= 2;
  }
}

/** Stores the pair s = x⁺ − x, y = g⁺ − g (dropping the oldest beyond m) when its curvature sᵀy is
 *  safely positive. */
function remember(
  S: Float64Array[],
  Y: Float64Array[],
  rho: number[],
  m: number,
  x: Float64Array,
  xNew: Float64Array,
  g: Float64Array,
  gNew: Float64Array,
): void {
  const P = x.length;
  const s = new Float64Array(P);
  const y = new Float64Array(P);
  for (let i = 0; i < P; i++) {
    s[i] = xNew[i] - x[i];
    y[i] = gNew[i] - g[i];
  }
  const sy = dot(s, y);
  if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
    if (S.length === m) {
      S.shift();
      Y.shift();
      rho.shift();
    }
    S.push(s);
    Y.push(y);
    rho.push(1 / sy);
  }
}

export function minimizeLbfgs(fn: Objective, x0: Float64Array, opts: LbfgsOptions = {}): LbfgsResult {
  const { maxIter = 1000, maxEvals = 3 * (opts.maxIter ?? 1000), gtol = 1e-5, ftol = 1e-10, m = 10 } = opts;
  const P = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(P);
  let f = fn(x, g);
  let evaluations = 1;
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const p = new Float64Array(P);
  let xNew = new Float64Array(P);
  let gNew = new Float64Array(P);
  let iterations = 0;
  let converged = absMax(g) <= gtol;
  while (!converged && iterations < maxIter && evaluations < maxEvals) {
    direction(p, g, S, Y, rho);
    let slope = dot(g, p);
    if (!(slope < 0)) {
      // not a descent direction (round-off): restart from steepest descent
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < P; i++) p[i] = -g[i];
      slope = dot(g, p);
    }
    // NOTE: the first step has no curvature yet, so it is scaled to move x by at most 1 in max norm.
    const step = S.length === 0 ? Math.min(1, 1 / Math.max(1e-12, absMax(p))) : 1;
    const { fNew, used } = lineSearch(fn, x, p, xNew, gNew, f, slope, step, maxEvals - evaluations);
    evaluations += used;
    if (!(fNew <= f)) break; // no decrease possible (budget or round-off): keep x
    iterations++;
    remember(S, Y, rho, m, x, xNew, g, gNew);
    const decrease = (f - fNew) / Math.max(Math.abs(f), Math.abs(fNew), 1);
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = fNew;
    converged = absMax(g) <= gtol || decrease <= ftol;
  }
  return { x, f, gradMax: absMax(g), iterations, evaluations, converged };
}
