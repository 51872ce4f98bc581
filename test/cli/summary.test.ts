import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { summaryLines, verdict } from '../../src/cli/summary.js';
import type { RunOutput } from '../../src/report/types.js';

const plain = new Chalk({ level: 0 });

describe('nnm train summary lines', () => {
  it.each([
    [
      'classify',
      { accuracy: 0.9 },
      { majority: { accuracy: 0.3 }, logistic_regression: { accuracy: 0.95 } },
      'does NOT beat the best baseline (logistic regression: accuracy 0.95)',
    ],
    [
      'classify',
      { accuracy: 1 },
      { majority: { accuracy: 0.3 }, logistic_regression: { accuracy: 1 } },
      'ties the best baseline (logistic regression: accuracy 1)',
    ],
    [
      'regress',
      { rmse: 50 },
      { mean: { rmse: 70 }, linear_regression: { rmse: 53.9 } },
      'beats the best baseline (linear regression: RMSE 53.9)',
    ],
  ])('%s verdict against the best baseline', (task, test, baselines, want) => {
    expect(verdict(task, test, baselines)).toBe(want);
  });

  it('a forecast states and flags both horizons', () => {
    const test = { one_step: { rmse: 246 }, multi_step: { rmse: 40 } };
    const baselines = { naive: { one_step: { rmse: 195.5 }, multi_step: { rmse: 90 } } };
    const o = {
      summary: {
        metrics: {
          task: 'forecast',
          test,
          baselines,
          train: { epochs: 10, seconds: 1, best_epoch: 4, samples_per_second: 1, stopped_early: true },
          data: {},
        },
      },
      config: {},
      files: {},
    } as unknown as RunOutput;
    const text = summaryLines(o, 'runs/x', plain);
    expect(text).toContain('beats the best baseline (naive: multi-step RMSE 90) on the multi-step forecast');
    expect(text).toContain('does NOT beat the best baseline (naive: one-step RMSE 195.5) on the one-step forecast');
  });

  it('--cv shows mean ± std and flags a baseline that wins on average; members are counted, not summed silently', () => {
    const metrics = {
      task: 'classify',
      test: { accuracy: 1 },
      baselines: { logistic_regression: { accuracy: 1 } },
      data: {},
      train: {
        epochs: 100,
        seconds: 1,
        best_epoch: 20,
        samples_per_second: 1,
        stopped_early: false,
        members: 5,
        best_epochs: [20, 18, 20, 16, 20],
      },
      cv: {
        method: 'stratified k-fold',
        k: 3,
        mean: { accuracy: 0.85 },
        std: { accuracy: 0.04 },
        baselines: { logistic_regression: { mean: { accuracy: 0.95 }, std: {} } },
      },
    };
    const text = summaryLines({ summary: { metrics } } as unknown as RunOutput, 'runs/x', plain);
    expect(text).toContain('stratified k-fold, 3 folds  accuracy 0.85 ± 0.04');
    expect(text).toContain('on average the network does NOT beat logistic regression');
    expect(text).toContain(
      'trained 5 networks, 100 epochs in all (20 each on average; best epochs 20, 18, 20, 16, 20, mean 19)',
    );
  });
});
