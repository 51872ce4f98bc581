// Two classical forecasters used as baselines beside the network:
// Holt's linear exponential smoothing (level l, trend b; l₀ = y₀, b₀ = y₁ − y₀):
//   l_t = α·y_t + (1 − α)(l_{t−1} + b_{t−1}),  b_t = β(l_t − l_{t−1}) + (1 − β)·b_{t−1},  ŷ_{t+h} = l_t + h·b_t;
//   α, β chosen on the training part by a grid (0.05 … 0.95, step 0.05) minimising the one-step SSE.
// Grey model GM(1,1) (Deng Julong): x¹ = cumsum(x⁰), z¹(k) = ½(x¹(k) + x¹(k−1)), least squares of
//   x⁰(k) = −a·z¹(k) + b (k = 2..n) gives a, b; x̂¹(k+1) = (x⁰(1) − b/a)e^{−ak} + b/a and
//   x̂⁰(k+1) = x̂¹(k+1) − x̂¹(k). Meant for short positive series.

export interface HoltState {
  level: number;
  trend: number;
  /** Sum of squared one-step errors over the history (from index 2 on). */
  sse: number;
}

/** Run Holt's recursions over y with fixed α, β. */
export function holtFilter(y: ArrayLike<number>, alpha: number, beta: number): HoltState {
  if (y.length < 2) return { level: y[0] ?? 0, trend: 0, sse: 0 };
  let level = y[0];
  let trend = y[1] - y[0];
  let sse = 0;
  for (let t = 1; t < y.length; t++) {
    if (t >= 2) sse += (y[t] - (level + trend)) ** 2;
    const prev = level;
    level = alpha * y[t] + (1 - alpha) * (level + trend);
    trend = beta * (level - prev) + (1 - beta) * trend;
  }
  return { level, trend, sse };
}

/** α, β on the grid 0.05..0.95 with the smallest one-step SSE over y. */
export function fitHolt(y: ArrayLike<number>): { alpha: number; beta: number } {
  let best = { alpha: 0.5, beta: 0.1, sse: Infinity };
  for (let i = 1; i <= 19; i++) {
    for (let j = 1; j <= 19; j++) {
      const alpha = i / 20;
      const beta = j / 20;
      const { sse } = holtFilter(y, alpha, beta);
      if (sse < best.sse) best = { alpha, beta, sse };
    }
  }
  return { alpha: best.alpha, beta: best.beta };
}

/** Holt forecast h steps after the history ends. */
export function holtForecast(history: ArrayLike<number>, h: number, alpha: number, beta: number): number {
  const s = holtFilter(history, alpha, beta);
  return s.level + h * s.trend;
}

/** GM(1,1) development coefficient a and grey input b fitted on x0 (n ≥ 3). */
export function fitGm11(x0: ArrayLike<number>): { a: number; b: number } {
  const n = x0.length;
  let x1 = x0[0];
  // Normal equations of [−z 1]·[a b]ᵀ = x0(k), k = 2..n.
  let szz = 0;
  let sz = 0;
  let sy = 0;
  let szy = 0;
  for (let k = 1; k < n; k++) {
    const prev = x1;
    x1 += x0[k];
    const z = -0.5 * (x1 + prev);
    szz += z * z;
    sz += z;
    sy += x0[k];
    szy += z * x0[k];
  }
  const m = n - 1;
  const det = szz * m - sz * sz;
  if (Math.abs(det) < 1e-300) return { a: 0, b: sy / m };
  return { a: (m * szy - sz * sy) / det, b: (szz * sy - sz * szy) / det };
}

/** GM(1,1) forecast of x⁰ at position n − 1 + h (h ≥ 1 steps after a history of n values). */
export function gm11Forecast(history: ArrayLike<number>, h: number, fitted = fitGm11(history)): number {
  const { a, b } = fitted;
  const n = history.length;
  const k = n + h - 1; // x̂⁰(k+1) in 1-based terms
  if (Math.abs(a) < 1e-12) return b;
  return (history[0] - b / a) * (1 - Math.exp(a)) * Math.exp(-a * k);
}

/** The fitted values x̂⁰(1..n) of GM(1,1) on x0 (x̂⁰(1) = x⁰(1)). */
export function gm11Fitted(x0: ArrayLike<number>): Float64Array {
  const f = fitGm11(x0);
  return Float64Array.from({ length: x0.length }, (_, i) => (i === 0 ? x0[0] : gm11Forecast([x0[0]], i, f)));
}
