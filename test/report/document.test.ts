import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autocorrelation, rocCurve } from '../../src/metrics/curves.js';
import { buildDocument } from '../../src/report/document.js';
import { findFonts } from '../../src/report/figures/fonts.js';
import { forecastFigures, planFigures } from '../../src/report/figures/plan.js';
import { renderHtml } from '../../src/report/html.js';
import { messages } from '../../src/report/i18n/index.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { writeReport } from '../../src/report/write-report.js';
import { tempDir } from '../helpers/cli.js';
import { englishRuns } from '../helpers/english.js';
import { classifySummary } from '../helpers/summary.js';

const md = (s = classifySummary(), lang: 'en' | 'zh' = 'en'): string => {
  const m = messages(lang);
  return renderMarkdown(buildDocument(s, m, planFigures(s, m)));
};

describe('report text', () => {
  it('English: data audit, method, results with interpretation, reproducibility', () => {
    const text = md();
    for (const h of [
      '## 1 Data',
      '### 1.2 Preprocessing',
      '## 2 Method',
      '### 2.1 Network structure',
      '## 3 Results (test part)',
      '## 4 Reproducibility',
    ])
      expect(text).toContain(h);
    expect(text).toContain('`x_1`: 2 cell(s), filled with the median 3.5');
    expect(text).toContain('weights of its best validation epoch (21) were kept');
    expect(text).toContain('seed 7');
    expect(text).toContain('Accuracy 0.75 against 0.333');
    expect(text).toContain(
      'The network beats the majority-class baseline: its accuracy 0.75 is 41.7 percentage points above 0.3333.',
    );
    expect(text).not.toMatch(/% better/);
    expect(text).toContain('The weakest class is "b%"');
    expect(text).toContain('```\nnnm train data.csv --seed 7\n```');
    expect(text).toContain(`data SHA-256 \`${'ab'.repeat(32)}\``);
    expect(text).toMatch(/!\[Figure 1\. Network structure[^\]]*\]\(figures\/network\.svg\)/);
    expect(text).not.toContain('does not beat');
  });

  it('says so when the network does not beat its baseline, and warns about imbalance', () => {
    const s = classifySummary();
    s.metrics.test.accuracy = 0.3;
    (s.metrics.test.per_class as { support: number }[])[0].support = 40;
    const text = md(s);
    expect(text).toContain('**The network does not beat the majority-class baseline**');
    expect(text).toContain('**Class imbalance**: the largest test class is 10× the smallest');
  });

  it('regression: R² meaning and MAPE grade', () => {
    const s = classifySummary();
    s.task = 'regress';
    s.metrics.test = { rmse: 10, mae: 8, mape: 15, r2: 0.8 };
    s.metrics.baselines = { mean: { rmse: 20, mae: 16, mape: 30, r2: 0 } };
    s.predictions = { actual: [1, 2, 3, 4], predicted: [1.1, 2.2, 2.7, 4.1] };
    const text = md(s);
    expect(text).toContain('explains 80% of the variance');
    expect(text).toContain('MAPE 15%: good by Lewis');
    expect(text).toContain('The network beats the mean baseline: its RMSE 10 is 50% lower than 20.');
    expect(planFigures(s, messages('en')).map((f) => f.id)).toEqual(['loss', 'pred_vs_actual', 'residuals', 'network']);
  });

  it('Chinese: every section in Chinese, no untranslated English sentences', () => {
    const text = md(classifySummary(), 'zh');
    expect(text).toContain('## 1 数据');
    expect(text).toContain('`x_1`：2 个缺失值，以中位数 3.5 填补');
    expect(text).toContain('准确率为 0.75');
    expect(englishRuns(text)).toEqual([]);
    // the data layer's notes are translated, not quoted
    expect(text).toContain('- 列“id”看起来是编号，未作为输入变量');
    expect(text).not.toContain('looks like an identifier');
  });

  it('the heuristic does catch an English sentence', () => {
    expect(englishRuns('模型 the network does not beat 基准 `code is not counted here`')).toEqual([
      'the network does not beat',
    ]);
  });

  it('report.html is one file: no scripts, no external URLs, figures as data URIs', () => {
    const s = classifySummary();
    const m = messages('en');
    const html = renderHtml(
      buildDocument(s, m, [{ id: 'network', caption: 'net' }]),
      'en',
      new Map([['network', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>']]),
    );
    expect(html).toContain('<img src="data:image/svg+xml;base64,');
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect(html).toContain('<code>x_1</code>: 2 cell(s)');
  });
});

describe('figure planning', () => {
  it('classification: loss, confusion matrix, per-class F1, network; ROC only for two classes', () => {
    const s = classifySummary();
    expect(planFigures(s, messages('en')).map((f) => f.id)).toEqual([
      'loss',
      'confusion_matrix',
      'f1_per_class',
      'network',
    ]);
    s.metrics.test.labels = ['no', 'yes'];
    s.metrics.test.confusion_matrix = [
      [2, 1],
      [0, 3],
    ];
    s.predictions = {
      actual: ['no', 'no', 'no', 'yes', 'yes', 'yes'],
      predicted: [],
      probabilities: [
        [0.9, 0.1],
        [0.8, 0.2],
        [0.3, 0.7],
        [0.4, 0.6],
        [0.2, 0.8],
        [0.1, 0.9],
      ],
    };
    const figs = planFigures(s, messages('en'));
    expect(figs.map((f) => f.id)).toContain('roc');
    expect(figs.find((f) => f.id === 'roc')!.caption).toContain('AUC = 0.889');
  });

  it('forecast figures from plain arrays: test with one-step and multi-step, future with a band, residual ACF', () => {
    const x = Array.from({ length: 30 }, (_, i) => `2020-${String((i % 12) + 1).padStart(2, '0')}-01`);
    const figs = forecastFigures(
      {
        history: { x: x.slice(0, 24), y: x.slice(0, 24).map((_, i) => i) },
        test: {
          x: x.slice(24),
          actual: [24, 25, 26, 27, 28, 29],
          oneStep: [24, 25, 27, 27, 28, 30],
          multiStep: [24, 24, 25, 26, 27, 27],
        },
        future: { x: ['2021-07-01', '2021-08-01'], mean: [30, 31], lower: [28, 28], upper: [32, 34], level: 0.95 },
        residuals: [0, 0, -1, 0, 0, -1],
      },
      messages('zh'),
      '乘客数',
    );
    expect(figs.map((f) => f.id)).toEqual(['forecast_test', 'series_full', 'forecast_future', 'residual_acf']);
    expect(figs[2].caption).toContain('95% 预测区间');
  });

  it('ROC and autocorrelation by hand', () => {
    const r = rocCurve([0.9, 0.8, 0.7, 0.6], [true, false, true, false]);
    expect(r.points).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 0.5, tpr: 0.5 },
      { fpr: 0.5, tpr: 1 },
      { fpr: 1, tpr: 1 },
    ]);
    expect(r.auc).toBeCloseTo(0.75, 12);
    expect(autocorrelation([1, -1, 1, -1], 2)).toEqual([-0.75, 0.5]);
  });
});

describe('font discovery', () => {
  it('prefers a TrueType CJK font and finds a Latin one; none gives undefined', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a/b'), { recursive: true });
    for (const f of ['a/NotoSansCJK-Regular.ttc', 'a/b/wqy-microhei.ttc', 'DejaVuSans.ttf', 'other.ttf'])
      writeFileSync(join(dir, f), '');
    const fonts = findFonts([dir, join(dir, 'missing')]);
    expect(fonts.cjk).toEqual({ file: join(dir, 'a/b/wqy-microhei.ttc'), family: 'WenQuanYi Micro Hei' });
    expect(fonts.latin?.family).toBe('DejaVu Sans');
    expect(findFonts([join(dir, 'a/b/x')])).toEqual({ cjk: undefined, latin: undefined });
  });
});

describe('writeReport without a CJK font', () => {
  it('still writes every figure, and the report says the PNGs may lack Chinese glyphs', async () => {
    const dir = tempDir();
    const r = await writeReport(dir, classifySummary(), 'en', [join(dir, 'no-fonts-here')]);
    expect(r.notes).toEqual([messages('en').pngFontMissing]);
    expect(r.files).toEqual(
      expect.arrayContaining([
        'figures/confusion_matrix.png',
        'figures/network.png',
        'tables/metrics.tex',
        'report.md',
        'report.html',
      ]),
    );
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('No CJK font file was found on this machine');
  });
});
