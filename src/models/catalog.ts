// The model families nnm knows, for `nnm models`: what each is good for and its defaults, in
// English and Chinese. A mapped type over ModelKind, so a new kind cannot lack an entry.

import type { ModelKind } from '../config/tasks.js';

export interface ModelInfo {
  name: { en: string; zh: string };
  goodFor: { en: string; zh: string };
  defaults: { en: string; zh: string };
}

export const MODEL_CATALOG: { [K in ModelKind]: ModelInfo } = {
  mlp: {
    name: { en: 'multilayer perceptron ("BP network")', zh: '多层感知机（BP 神经网络）' },
    goodFor: {
      en: 'tables of numbers and categories: classification, regression, function fitting',
      zh: '数值与类别组成的表格数据：分类、回归、函数拟合',
    },
    defaults: {
      en: 'hidden layers scaled to the data (one ReLU layer under 1,000 rows), Adam lr 0.003, up to 500 epochs, early stopping (patience 40), L2 1e-3, 5-network ensemble up to 2,000 rows',
      zh: '隐藏层大小随数据自动确定（少于 1000 行时一层 ReLU），Adam 学习率 0.003，最多 500 轮，早停（耐心 40），L2 1e-3，2000 行以内为 5 个网络的集成',
    },
  },
  cnn: {
    name: { en: 'convolutional network', zh: '卷积神经网络' },
    goodFor: {
      en: 'images (pixel columns or an image folder): digit and picture recognition',
      zh: '图像（像素列或图片文件夹）：数字与图片识别',
    },
    defaults: {
      en: '3x3 convolutions from 16 filters, doubling after each 2x2 pooling while the side stays at least 8 (at most 3 stages), then dense 64 + dropout 0.3; image shape from a square pixel count; pixels scaled to [0, 1]; Conv1D for signals',
      zh: '3×3 卷积（16 个滤波器起，每次 2×2 池化后加倍，边长不小于 8，最多 3 段），再接 64 单元全连接层与 0.3 的 Dropout；图像尺寸由像素列数（平方数）推断，像素缩放到 [0, 1]；信号数据使用一维卷积',
    },
  },
  rnn: {
    name: { en: 'simple recurrent network (Elman)', zh: '简单循环神经网络（Elman）' },
    goodFor: { en: 'short sequences and small time series', zh: '短序列与小规模时间序列' },
    defaults: {
      en: 'one tanh recurrent layer (32 units) over a window of past steps; --model rnn with --task forecast or text',
      zh: '一层 tanh 循环层（32 个单元），输入为过去若干步的窗口；配合 --task forecast 或 text 使用 --model rnn',
    },
  },
  lstm: {
    name: { en: 'long short-term memory network', zh: '长短期记忆网络（LSTM）' },
    goodFor: { en: 'time-series forecasting and text: long-range dependencies', zh: '时间序列预测与文本：长程依赖' },
    defaults: {
      en: 'forecast: log / seasonal-difference transforms chosen from the data, one LSTM layer (32 units) over a window of one season, 5-network ensemble, recursive multi-step forecasts, 95% intervals from simulated paths; text (--model lstm): character (Chinese) or word tokens, embedding 32 + LSTM 32',
      zh: '预测：根据数据自动选择对数与季节差分变换，一层 LSTM（32 个单元），窗口为一个季节周期，5 个网络集成，递推多步预测，95% 预测区间由模拟路径给出；文本（--model lstm）：中文按字、其他语言按词切分，32 维词嵌入 + 32 单元 LSTM',
    },
  },
  gru: {
    name: { en: 'gated recurrent unit network', zh: '门控循环单元网络（GRU）' },
    goodFor: {
      en: 'like LSTM with fewer parameters: shorter series, faster training',
      zh: '与 LSTM 类似但参数更少：较短序列、训练更快',
    },
    defaults: {
      en: 'one GRU layer (32 units); same windows and transforms as LSTM; --model gru',
      zh: '一层 GRU（32 个单元）；窗口与变换同 LSTM；使用 --model gru',
    },
  },
  som: {
    name: { en: 'self-organising map (Kohonen)', zh: '自组织映射网络（SOM）' },
    goodFor: { en: 'clustering and segmentation without labels', zh: '无标签的聚类与分群' },
    defaults: {
      en: 'a 2-D grid of about 5·√n units on standardised inputs; map units grouped by k-means, k chosen by silhouette in 2..8; compared with k-means on the rows',
      zh: '约 5·√n 个单元的二维网格，输入标准化；映射单元再用 k 均值聚类，k 在 2..8 中按轮廓系数选取；与直接 k 均值聚类对比',
    },
  },
  fasttext: {
    name: { en: 'fastText-style bag of embeddings', zh: 'fastText 式词向量平均模型' },
    goodFor: {
      en: 'text classification on small sets: fast, word order ignored',
      zh: '小规模文本分类：训练快，不考虑词序',
    },
    defaults: {
      en: 'the mean of 32-dimensional token embeddings (characters for Chinese, words otherwise; padding left out) into a linear softmax layer; the default of --task text',
      zh: '对 32 维词元嵌入取平均（中文按字、其他语言按词，不计填充位），再接线性 Softmax 层；--task text 的默认模型',
    },
  },
};
