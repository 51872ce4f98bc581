import { describe, expect, it } from 'vitest';
import { cjkSpacing } from '../../src/report/i18n/spacing.js';
import { messages } from '../../src/report/i18n/index.js';
import { noteZh } from '../../src/report/i18n/zh-notes.js';

describe('Chinese text', () => {
  it.each([
    ['比Holt线性趋势法好', '比 Holt 线性趋势法好'],
    ['以中位数 3.5填补', '以中位数 3.5 填补'],
    ['共训练20轮', '共训练 20 轮'],
    ['（RMSE 为 3）', '（RMSE 为 3）'],
    ['`x_1`：2 个，`a中b`不变', '`x_1`：2 个，`a中b`不变'],
  ])('spacing: %s -> %s', (a, b) => {
    expect(cjkSpacing(a)).toBe(b);
  });

  it.each([
    [
      'transform: log transform: the seasonal swing grows with the level (correlation 0.98)',
      '变换：取对数，因为季节波动幅度随水平增大（相关系数 0.98）',
    ],
    [
      'transform: seasonal difference at lag 12: strong season (autocorrelation 0.81 at lag 12)',
      '变换：作滞后 12 的季节差分，因为季节性强（滞后 12 的自相关系数为 0.81）',
    ],
    [
      "transform: standardised with the training part's mean and standard deviation",
      '变换：用训练集的均值与标准差标准化',
    ],
    [
      'column "id" looks like an identifier; not used as an input (use --features to force it)',
      '列“id”看起来是编号，未作为输入变量（如需使用，请用 --features 指定）',
    ],
  ])('note: %s', (en, zh) => {
    expect(noteZh(en)).toBe(zh);
  });

  it('an unknown note is not silently dropped: it has no translation', () => {
    expect(noteZh('something new from the data layer')).toBeNull();
  });

  it('network names as Chinese papers write them: the LSTM is not the GRU', () => {
    const zh = messages('zh');
    expect(zh.modelName('mlp')).toContain('多层感知机');
    expect(zh.modelName('mlp')).toContain('BP 神经网络');
    expect(zh.modelName('lstm')).toBe('长短期记忆网络（LSTM）');
    expect(zh.modelName('gru')).toContain('门控循环单元');
    expect(zh.whyModel('lstm', 1, 10)).not.toContain('门控循环单元');
    expect(zh.hyperValue('model', 'lstm')).toBe('长短期记忆网络（LSTM）');
    expect(zh.hyperValue('optimizer', 'adam')).toBe('Adam');
    expect(zh.hyperValue('strategy', 'recursive')).toBe('递推预测');
  });
});
