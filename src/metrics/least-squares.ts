// Least squares for the OLS baseline and the closed-form small-sample models: the normal equations
// (XᵀX + ridge·I) β = Xᵀy solved by Cholesky factorisation, with forward/back substitution.

import type { XY } from './tabular-baselines.js';

/** OLS with an intercept: returns coef (d) and intercept. */
export function fitOls(train: XY, d: number, ridge = 1e-9): { coef: Float64Array; intercept: number } {
  const { x, y, n } = train;
  const D = d + 1; // last column = intercept
  const A = new Float64Array(D * D);
  const r = new Float64Array(D);
  const row = new Float64Array(D);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = x[i * d + j];
    row[d] = 1;
    for (let a = 0; a < D; a++) {
      r[a] += row[a] * y[i];
      for (let b = 0; b <= a; b++) A[a * D + b] += row[a] * row[b];
    }
  }
  let trace = 0;
  for (let a = 0; a < D; a++) trace += A[a * D + a];
  for (let a = 0; a < D; a++) {
    for (let b = 0; b < a; b++) A[b * D + a] = A[a * D + b];
    A[a * D + a] += ridge * (trace / D);
  }
  const beta = choleskySolve(A, r, D);
  return { coef: beta.slice(0, d), intercept: beta[d] };
}

/** Solve A·x = r for a symmetric positive-definite A (D, D), by A = L·Lᵀ. */
export function choleskySolve(A: Float64Array, r: Float64Array, D: number): Float64Array {
  return choleskySolveWith(choleskyFactor(A, D), r, D);
}

/** The lower-triangular L (D, D) of A = L·Lᵀ, for a symmetric positive-definite A. */
export function choleskyFactor(A: Float64Array, D: number): Float64Array {
  const L = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * D + j];
      for (let k = 0; k < j; k++) s -= L[i * D + k] * L[j * D + k];
      if (i === j) {
        if (!(s > 0)) throw new Error('choleskySolve: matrix is not positive definite');
        L[i * D + i] = Math.sqrt(s);
      } else {
        L[i * D + j] = s / L[j * D + j];
      }
    }
  }
  return L;
}

/** Forward substitution L·z = r. */
export function forwardSubstitute(L: Float64Array, r: ArrayLike<number>, D: number): Float64Array {
  const z = new Float64Array(D);
  for (let i = 0; i < D; i++) {
    let s = r[i];
    for (let k = 0; k < i; k++) s -= L[i * D + k] * z[k];
    z[i] = s / L[i * D + i];
  }
  return z;
}

/** Solve L·Lᵀ·x = r given the Cholesky factor L (D, D). */
export function choleskySolveWith(L: Float64Array, r: ArrayLike<number>, D: number): Float64Array {
  const z = forwardSubstitute(L, r, D);
  const out = new Float64Array(D);
  for (let i = D - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < D; k++) s -= L[k * D + i] * out[k];
    out[i] = s / L[i * D + i];
  }
  return out;
}
