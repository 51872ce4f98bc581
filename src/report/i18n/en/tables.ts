// English messages of the report's tables: metric and baseline row names, hyperparameter names,
// column headings, and the table and figure captions' numbering.

import { optimizerName } from '../../numbers.js';

export const enTables = {
  metric: (k: string): string =>
    ({
      accuracy: 'Accuracy',
      macro_f1: 'Macro F1',
      precision: 'Precision (macro)',
      recall: 'Recall (macro)',
      rmse: 'RMSE',
      mae: 'MAE',
      mape: 'MAPE (%)',
      r2: 'R²',
      auc: 'AUC',
    })[k] ?? k,
  modelRow: (model: string) => `${model.toUpperCase()} (nnm)`,
  baselineRow: (b: string): string =>
    ({
      majority: 'baseline: majority class',
      mean: 'baseline: training mean',
      naive: 'baseline: naive (last value)',
      seasonal_naive: 'baseline: seasonal naive',
      drift: 'baseline: drift',
      logistic_regression: 'baseline: logistic regression',
      knn_5: 'baseline: 5-nearest neighbours',
      naive_bayes: 'baseline: multinomial naive Bayes',
      tfidf_logistic_regression: 'baseline: TF-IDF logistic regression',
      linear_regression: 'baseline: least squares (OLS)',
      holt: "baseline: Holt's linear trend",
      gm11: 'baseline: grey model GM(1,1)',
      kmeans: 'baseline: k-means',
    })[b] ?? `baseline: ${b.replace(/_/g, ' ')}`,
  baselineStatus: {
    skippedMark: ' (skipped)',
    notConvergedMark: ' (not converged)',
    skipped: (name: string, reason: string) => `The ${name} was skipped: ${reason}.`,
    notConverged: (name: string, iterations: number) =>
      `The ${name} stopped after ${iterations} iterations, before it converged (its cost budget was spent): its scores may understate it.`,
  },
  horizonRow: (h: string): string => ({ one_step: 'one-step', multi_step: 'multi-step' })[h] ?? h,
  paren: (s: string): string => ` (${s})`,
  hyperValue: (k: string, v: string): string =>
    k === 'optimizer' ? optimizerName(v) : k === 'model' ? v.toUpperCase() : v,
  hyper: (k: string): string =>
    ({
      hidden: 'hidden layer sizes',
      dropout: 'dropout rate',
      ensemble: 'networks in the ensemble',
      epochs: 'maximum epochs',
      batch_size: 'batch size',
      lr: 'initial learning rate',
      clip_norm: 'gradient-norm clipping',
      sequence_length: 'sequence length (tokens)',
      embedding_dim: 'embedding size',
      model: 'network',
      optimizer: 'optimiser',
      patience: 'early-stopping patience (epochs)',
      weight_decay: 'L2 weight decay',
      window: 'window (past steps)',
      strategy: 'multi-step strategy',
      horizon: 'forecast horizon',
    })[k] ?? k,
  tables: {
    data: 'Data summary',
    preprocessing: 'Preprocessing (fitted on the training part)',
    network: 'Network structure',
    hyper: 'Hyperparameters',
    metrics: 'Test metrics of the network beside the baselines',
    column: 'column',
    type: 'type',
    missing: 'missing',
    distinct: 'distinct',
    role: 'role',
    treatment: 'treatment',
    detail: 'fitted values',
    index: '#',
    layer: 'layer',
    outShape: 'output shape',
    params: 'parameters',
    total: 'total',
    input: 'input',
    hyperparameter: 'hyperparameter',
    value: 'value',
    model: 'model',
  },
  tableRef: (n: number, caption: string) => `Table ${n}. ${caption}`,
  figureRef: (n: number, caption: string) => `Figure ${n}. ${caption}`,
};

export type TablesMessages = typeof enTables;
