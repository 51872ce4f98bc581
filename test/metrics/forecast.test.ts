import { describe, expect, it } from 'vitest';
import { forecastBaselines } from '../../src/metrics/forecast.js';

describe('forecast baselines (hand-computed)', () => {
  // y = 1 2 3 4 | 6 8 ; test starts at index 4
  const y = Float64Array.from([1, 2, 3, 4, 6, 8]);
  const b = forecastBaselines(y, 4, 2);
  it('naive one-step predicts 4, 6: errors 2, 2 -> RMSE 2', () => expect(b.naive.one_step.rmse).toBeCloseTo(2, 12));
  it('naive multi-step predicts 4, 4: errors 2, 4 -> RMSE √10', () =>
    expect(b.naive.multi_step.rmse).toBeCloseTo(Math.sqrt(10), 12));
  it('seasonal naive (s=2) one-step predicts y[2]=3, y[3]=4: errors 3, 4 -> RMSE √12.5', () =>
    expect(b.seasonal_naive.one_step.rmse).toBeCloseTo(Math.sqrt(12.5), 12));
  it('seasonal naive multi-step predicts 3, 4 (the last season repeated)', () =>
    expect(b.seasonal_naive.multi_step.mae).toBeCloseTo(3.5, 12));
  // drift: slope (4-1)/3 = 1: multi-step 5, 6 -> errors 1, 2; one-step: 5, then history 1,2,3,4,6 has slope 5/4 -> 7.25: errors 1, 0.75
  it('drift multi-step', () => expect(b.drift.multi_step.mae).toBeCloseTo(1.5, 12));
  it('drift one-step', () => expect(b.drift.one_step.mae).toBeCloseTo(0.875, 12));
});
