// MAPE is graded on Lewis's scale only when it means something: not when R² < 0 (worse than the
// mean) and not when the target takes both signs.

import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/report/document.js';
import { planFigures } from '../../src/report/figures/plan.js';
import { messages } from '../../src/report/i18n/index.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { RunSummary } from '../../src/report/types.js';
import { classifySummary } from '../helpers/summary.js';

function regressSummary(r2: number, actual: number[]): RunSummary {
  const s = classifySummary();
  return {
    ...s,
    task: 'regress',
    target: 'y',
    metrics: {
      ...s.metrics,
      task: 'regress',
      test: { rmse: 2, mae: 1.5, mape: 8.88, r2 },
      baselines: { mean: { rmse: 3, mae: 2, mape: 20, r2: 0 } },
    },
    predictions: { actual, predicted: actual.map((v) => v + 0.1) },
  };
}

const md = (s: RunSummary, lang: 'en' | 'zh' = 'en'): string =>
  renderMarkdown(buildDocument(s, messages(lang), planFigures(s, messages(lang))));

describe('MAPE grading', () => {
  it('grades a positive target with R² ≥ 0', () => {
    expect(md(regressSummary(0.6, [10, 12, 14]))).toContain('MAPE 8.88%: highly accurate');
  });
  it.each([
    ['R² < 0', regressSummary(-3.34, [10, 12, 14]), 'R² is below 0'],
    ['a target of both signs', regressSummary(0.6, [-2, 1, 3]), 'the target takes both signs'],
  ])('does not grade with %s', (_what, s, why) => {
    const text = md(s);
    expect(text).not.toContain('highly accurate');
    expect(text).toContain(`MAPE 8.88%, not graded: ${why}`);
    expect(md(s, 'zh')).toContain('不作等级评价');
  });
});
