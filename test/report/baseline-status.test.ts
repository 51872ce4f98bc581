import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/report/document.js';
import { planFigures } from '../../src/report/figures/plan.js';
import { messages } from '../../src/report/i18n/index.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { englishRuns } from '../helpers/english.js';
import { classifySummary } from '../helpers/summary.js';

const md = (lang: 'en' | 'zh'): string => {
  const s = classifySummary();
  s.metrics.baselines.logistic_regression = {
    accuracy: 0.7,
    macro_f1: 0.7,
    precision: 0.7,
    recall: 0.7,
    converged: false,
    iterations: 57,
    loss: 0.3,
    grad_max: 0.01,
  };
  s.metrics.baselines.knn_5 = {
    skipped:
      'its cost (20000 training × 5000 test rows × 16 inputs = 1.60e+9 multiply-adds) is over the budget of 5e+8',
    cost: 1.6e9,
    budget: 5e8,
  };
  const m = messages(lang);
  return renderMarkdown(buildDocument(s, m, planFigures(s, m)));
};

describe('baselines that were skipped or stopped early are in the report', () => {
  it('English: a marked row in the metrics table and a sentence with the reason', () => {
    const text = md('en');
    expect(text).toMatch(/\| baseline: 5-nearest neighbours \(skipped\) \| — \| — \| — \| — \|/);
    expect(text).toContain('| baseline: logistic regression (not converged) | 0.7000 |');
    expect(text).toContain(
      'The 5-nearest-neighbours baseline was skipped: its cost (20000 training × 5000 test rows × 16 inputs = 1.60e+9 multiply-adds) is over the budget of 5e+8.',
    );
    expect(text).toContain('The logistic-regression baseline stopped after 57 iterations, before it converged');
  });
  it('Chinese: the same, in Chinese', () => {
    const text = md('zh');
    expect(text).toContain('基准：5 近邻（未计算）');
    expect(text).toContain('5 近邻基准未计算：计算量 1.60e+9 次乘加超过预算 5e+8。');
    expect(text).toContain('基准：逻辑回归（未收敛）');
    expect(text).toContain('逻辑回归基准迭代 57 次后');
    expect(englishRuns(text)).toEqual([]);
  });
});
