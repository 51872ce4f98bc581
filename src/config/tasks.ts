// The task-keyword registry: every keyword or synonym (English and Chinese) -> task -> default model.
// A new synonym is one entry here plus one row in test/config/tasks.test.ts.

import { UserError } from '../errors.js';

export const TASKS = ['classify', 'regress', 'forecast', 'image', 'text', 'cluster'] as const;
export type Task = (typeof TASKS)[number];

export const MODEL_KINDS = ['mlp', 'cnn', 'rnn', 'lstm', 'gru', 'som', 'fasttext'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const DEFAULT_MODEL: { [T in Task]: ModelKind } = {
  classify: 'mlp',
  regress: 'mlp',
  forecast: 'lstm',
  image: 'cnn',
  text: 'fasttext',
  cluster: 'som',
};

/** keyword (lower-cased) -> task. */
export const TASK_KEYWORDS: Readonly<Record<string, Task>> = {
  classify: 'classify',
  classification: 'classify',
  classifier: 'classify',
  class: 'classify',
  recognition: 'classify',
  recognize: 'classify',
  recognise: 'classify',
  identify: 'classify',
  分类: 'classify',
  识别: 'classify',
  判别: 'classify',
  模式识别: 'classify',
  评价: 'classify',
  regress: 'regress',
  regression: 'regress',
  fit: 'regress',
  fitting: 'regress',
  estimate: 'regress',
  回归: 'regress',
  拟合: 'regress',
  估计: 'regress',
  函数逼近: 'regress',
  forecast: 'forecast',
  forecasting: 'forecast',
  timeseries: 'forecast',
  'time-series': 'forecast',
  time_series: 'forecast',
  series: 'forecast',
  predict: 'forecast',
  prediction: 'forecast',
  预测: 'forecast',
  时间序列: 'forecast',
  时序: 'forecast',
  时序预测: 'forecast',
  趋势预测: 'forecast',
  image: 'image',
  images: 'image',
  vision: 'image',
  picture: 'image',
  图像: 'image',
  图像识别: 'image',
  图片: 'image',
  text: 'text',
  sentiment: 'text',
  nlp: 'text',
  文本: 'text',
  文本分类: 'text',
  情感分析: 'text',
  cluster: 'cluster',
  clustering: 'cluster',
  segment: 'cluster',
  segmentation: 'cluster',
  som: 'cluster',
  聚类: 'cluster',
  聚类分析: 'cluster',
  分群: 'cluster',
};

/** Keywords that mean "forecast" only with a time index: in contest Chinese 预测 (and "predict")
 *  usually asks for prediction from the other columns, so on a table without dates they mean
 *  regression or classification (tasks/infer.ts decides, and says why). */
export const AMBIGUOUS_FORECAST_WORDS: ReadonlySet<string> = new Set(['预测', 'predict', 'prediction']);

export function resolveTask(keyword: string): Task {
  const task = TASK_KEYWORDS[keyword.trim().toLowerCase()];
  if (!task) {
    throw new UserError({
      message: `unknown task "${keyword}"`,
      hint: `use one of ${TASKS.join(', ')} (or a synonym such as classification, 分类, regression, 回归, forecast, 预测, 时间序列, image, 图像, text, 文本, cluster, 聚类)`,
    });
  }
  return task;
}

/** Which model kinds each task can train; the CLI refuses other combinations with a clear line. */
export const MODELS_FOR_TASK: { [T in Task]: readonly ModelKind[] } = {
  classify: ['mlp'],
  regress: ['mlp'],
  forecast: ['lstm', 'gru', 'rnn', 'mlp'],
  image: ['cnn', 'mlp'],
  text: ['lstm', 'gru', 'rnn', 'fasttext'],
  cluster: ['som'],
};
