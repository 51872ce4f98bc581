// Forecast baselines on the same chronological split, each one-step (from the true history before
// each test point) and multi-step (one forecast over the whole test part from its start):
// naive ŷ = last value; seasonal naive ŷ_t = y_{t−s}; drift ŷ = last + h·(last − first)/(n − 1);
// Holt's linear exponential smoothing (α, β fitted on the training part) and the grey model GM(1,1)
// (refitted on each history; only for positive series), see forecast-models.ts.

import { fitHolt, gm11Forecast, holtForecast } from './forecast-models.js';
import { type RegMetrics, regressionMetrics } from './regression.js';

export type ForecastScores = {
  one_step: RegMetrics;
  multi_step: RegMetrics;
  /** Holt's fitted smoothing parameters. */
  alpha?: number;
  beta?: number;
};

type Predictor = (history: ArrayLike<number>, h: number) => number; // h = 1..H steps after history ends

const naive: Predictor = (hist) => hist[hist.length - 1];
const seasonalNaive =
  (s: number): Predictor =>
  (hist, h) =>
    hist[hist.length - s + ((h - 1) % s)];
const drift: Predictor = (hist, h) => {
  const n = hist.length;
  return n > 1 ? hist[n - 1] + (h * (hist[n - 1] - hist[0])) / (n - 1) : hist[n - 1];
};

/** Scores of a predictor on y[start..] (one-step with true history, multi-step from start). */
export function scoreForecaster(
  y: Float64Array,
  start: number,
  f: Predictor,
): ForecastScores & { oneStep: Float64Array; multiStep: Float64Array } {
  const actual = y.subarray(start);
  const oneStep = Float64Array.from(actual, (_, i) => f(y.subarray(0, start + i), 1));
  const hist = y.subarray(0, start);
  const multiStep = Float64Array.from(actual, (_, i) => f(hist, i + 1));
  return {
    one_step: regressionMetrics(actual, oneStep),
    multi_step: regressionMetrics(actual, multiStep),
    oneStep,
    multiStep,
  };
}

export function forecastBaselines(y: Float64Array, start: number, season: number): Record<string, ForecastScores> {
  const pick = ({ one_step, multi_step, alpha, beta }: ForecastScores): ForecastScores => ({
    one_step,
    multi_step,
    ...(alpha !== undefined ? { alpha, beta } : {}),
  });
  return Object.fromEntries(Object.entries(forecastBaselineRuns(y, start, season)).map(([k, v]) => [k, pick(v)]));
}

/** The baselines' scores with their one-step and multi-step test forecasts (for paired tests and figures). */
export function forecastBaselineRuns(
  y: Float64Array,
  start: number,
  season: number,
): Record<string, ReturnType<typeof scoreForecaster>> {
  const out: Record<string, ReturnType<typeof scoreForecaster>> = {};
  out.naive = scoreForecaster(y, start, naive);
  if (season > 1 && start >= season) out.seasonal_naive = scoreForecaster(y, start, seasonalNaive(season));
  out.drift = scoreForecaster(y, start, drift);
  if (start >= 4) {
    const { alpha, beta } = fitHolt(y.subarray(0, start));
    out.holt = { ...scoreForecaster(y, start, (hist, h) => holtForecast(hist, h, alpha, beta)), alpha, beta };
    if (y.subarray(0, start).every((v) => v > 0))
      out.gm11 = scoreForecaster(y, start, (hist, h) => gm11Forecast(hist, h));
  }
  return out;
}
