// 报告表格的中文消息：指标与基准模型的行名、超参数名称、表头，以及表与图的编号。

import { optimizerName } from '../../numbers.js';
import type { TablesMessages } from '../en/tables.js';
import { zhModelShort } from './data-method.js';

export const zhTables: TablesMessages = {
  metric: (k) =>
    ({
      accuracy: '准确率',
      macro_f1: '宏平均 F1',
      precision: '精确率（宏平均）',
      recall: '召回率（宏平均）',
      rmse: 'RMSE',
      mae: 'MAE',
      mape: 'MAPE（%）',
      r2: 'R²',
      auc: 'AUC',
    })[k] ?? k,
  modelRow: (model) => `${model.toUpperCase()}（本文模型）`,
  baselineRow: (b) =>
    ({
      majority: '基准：多数类',
      mean: '基准：训练集均值',
      naive: '基准：朴素预测',
      seasonal_naive: '基准：季节朴素预测',
      drift: '基准：漂移法',
      logistic_regression: '基准：逻辑回归',
      knn_5: '基准：5 近邻',
      naive_bayes: '基准：多项式朴素贝叶斯',
      tfidf_logistic_regression: '基准：TF-IDF 逻辑回归',
      linear_regression: '基准：最小二乘线性回归',
      holt: '基准：Holt 线性趋势法',
      gm11: '基准：灰色模型 GM(1,1)',
      kmeans: '基准：k 均值',
    })[b] ?? `基准：${b}`,
  baselineStatus: {
    skippedMark: '（未计算）',
    notConvergedMark: '（未收敛）',
    skipped: (name, reason) => `${name}未计算：${reason}。`,
    notConverged: (name, iterations) =>
      `${name}迭代 ${iterations} 次后因计算量预算用尽而停止，尚未收敛，其指标可能偏低。`,
  },
  horizonRow: (h) => ({ one_step: '单步', multi_step: '多步' })[h] ?? h,
  paren: (s) => `（${s}）`,
  hyperValue: (k, v) =>
    k === 'optimizer'
      ? optimizerName(v)
      : k === 'model'
        ? (zhModelShort[v] ?? v.toUpperCase())
        : k === 'strategy'
          ? ({ recursive: '递推预测', direct: '直接预测' }[v] ?? v)
          : v,
  hyper: (k) =>
    ({
      hidden: '隐藏层神经元数',
      dropout: 'Dropout 比例',
      ensemble: '集成网络个数',
      epochs: '最大训练轮数',
      batch_size: '批大小',
      lr: '初始学习率',
      clip_norm: '梯度裁剪阈值',
      sequence_length: '序列长度（词元数）',
      embedding_dim: '词嵌入维数',
      model: '网络类型',
      optimizer: '优化器',
      patience: '早停耐心值（轮）',
      weight_decay: 'L2 正则化系数',
      window: '窗口长度（历史步数）',
      strategy: '多步预测方式',
      horizon: '预测步长',
    })[k] ?? k,
  tables: {
    data: '数据概况',
    preprocessing: '数据预处理（由训练集拟合）',
    network: '网络结构',
    hyper: '超参数设置',
    metrics: '测试集上本文模型与基准模型的评价指标',
    column: '变量',
    type: '类型',
    missing: '缺失数',
    distinct: '不同取值数',
    role: '用途',
    treatment: '处理方法',
    detail: '拟合参数',
    index: '序号',
    layer: '网络层',
    outShape: '输出形状',
    params: '参数个数',
    total: '合计',
    input: '输入',
    hyperparameter: '超参数',
    value: '取值',
    model: '模型',
  },
  tableRef: (k, caption) => `表 ${k}  ${caption}`,
  figureRef: (k, caption) => `图 ${k}  ${caption}`,
};
