// 报告第 1 节（数据、预处理）与第 2 节（模型建立）的中文消息：任务与网络名称、变量类型、缺失值填补与数据划分说明、模型段落。

import { num, optimizerName } from '../../numbers.js';
import type { DataMethodMessages } from '../en/data-method.js';
import { noteZh } from '../zh-notes.js';

const n = (x: number, d = 4): string => num(x, d);

/** Network names as Chinese papers write them (the LSTM is 长短期记忆网络; 门控循环单元 is the GRU). */
export const zhModelShort: Record<string, string> = {
  mlp: '多层感知机（MLP）',
  cnn: '卷积神经网络（CNN）',
  rnn: '循环神经网络（RNN）',
  lstm: '长短期记忆网络（LSTM）',
  gru: '门控循环单元网络（GRU）',
  som: '自组织映射（SOM）',
};

export const zhDataMethod: DataMethodMessages = {
  taskName: (t) =>
    ({
      classify: '分类',
      regress: '回归',
      forecast: '时间序列预测',
      image: '图像分类',
      text: '文本分类',
      cluster: '聚类',
    })[t] ?? t,
  modelName: (m) =>
    ({
      ...zhModelShort,
      mlp: '多层感知机（MLP，即 BP 神经网络）',
      fasttext: 'fastText 式词元嵌入平均模型',
    })[m] ?? m.toUpperCase(),
  whyModel: (m, inputs, trainRows) =>
    ({
      mlp: `数据为含 ${inputs} 个输入变量的表格数据，不具有时间或空间结构，全连接网络是此类数据的标准神经网络模型，能够刻画线性模型无法表达的非线性关系与变量间交互作用；训练样本仅 ${trainRows} 条，故采用小规模网络并配合早停以抑制过拟合`,
      cnn: '输入为图像，卷积层在不同位置共享权重，能以远少于全连接网络的参数学习局部特征',
      lstm: '数据为序列，长短期记忆网络的输入门、遗忘门与输出门能在较长的时间跨度上保留信息，缓解梯度消失问题',
      gru: '数据为序列，门控循环单元能在较长的时间跨度上保留信息，且参数少于 LSTM',
      fasttext:
        '在小规模文本数据上，对词元嵌入取平均后接线性层（Joulin 等，2016）的效果与循环网络相当或更好，而计算量小得多；在真实的中文与英文数据集上的测试中，它优于词嵌入 + LSTM 网络和词袋基准模型',
      rnn: '数据为较短的序列，简单循环网络是最简单的序列模型',
    })[m] ?? '该网络是 nnm 针对此任务与数据的默认选择',
  dataIntro: (file, encoding, delimiter, rows, cols) =>
    `数据文件 \`${file}\`（编码 ${encoding}，分隔符 \`${delimiter}\`）：共 ${rows} 行、${cols} 列。`,
  colType: (t) =>
    ({
      number: '数值型',
      category: '类别型',
      text: '文本型',
      id: '编号',
      date: '日期型',
      constant: '常数列',
      empty: '空列',
    })[t] ?? t,
  role: (r) => ({ target: '目标变量', input: '输入特征', unused: '未使用' })[r] ?? r,
  imputedIntro: '缺失值均依据训练集进行填补：',
  imputed: (column, count, value) => {
    const med = /^median (.*)$/.exec(value);
    const mode = /^most frequent (.*)$/.exec(value);
    const how = med ? `中位数 ${med[1]}` : mode ? `众数 ${mode[1]}` : `\`${value}\``;
    return `\`${column}\`：${count} 个缺失值，以${how}填补`;
  },
  notesIntro: '数据读取与准备过程中的程序提示：',
  translateNote: noteZh,
  notesUntranslated: '以下提示尚无中文译文，保留英文原文：',
  preprocessingIntro:
    '下表中的全部统计量（中位数、均值、标准差、类别水平）均仅由训练集计算，并原样用于测试集，避免测试集信息泄漏到训练过程。',
  prep: {
    numeric: (fill, mean, std, missing) => [
      `${missing ? `缺失值以中位数 ${n(fill)} 填补；` : ''}Z-score 标准化`,
      `均值 ${n(mean)}，标准差 ${n(std)}`,
    ],
    onehot: (levels, fill, missing) => [
      `${missing ? `缺失值以众数"${fill}"填补；` : ''}独热编码`,
      `${levels} 个类别水平`,
    ],
    targetClasses: (classes) => ['类别编码，Softmax 输出', `${classes} 类`],
    targetScaled: (mean, std) => ['Z-score 标准化，预测值反标准化回原单位', `均值 ${n(mean)}，标准差 ${n(std)}`],
  },
  split: (kind, train, test, frac, seed, file) =>
    kind === 'file'
      ? `单独的测试文件 \`${file ?? ''}\`（${test} 行），数据文件中全部 ${train} 条有标签样本用于训练`
      : kind === 'chronological'
        ? `最后 ${test} 期作为测试集，其前 ${train} 期用于训练`
        : `以随机种子 ${seed} 进行${kind === 'stratified' ? '分层' : ''}随机划分：训练集 ${train} 条，测试集 ${test} 条（占 ${Math.round((frac ?? 0) * 100)}%）`,
  method: (a) => [
    `**模型选择。** 采用${a.model}，理由是${a.why}。`,
    `**网络结构。** ${a.inputs} 个输入 → ${a.chain
      .split(' → ')
      .map((l) => `\`${l}\``)
      .join(' → ')} → ${a.outputs} 个输出（${a.loss}），可训练参数共 ${a.params} 个。`,
    `**训练方法。** 采用 ${optimizerName(a.optimizer)} 优化器，初始学习率 ${a.lr}（验证损失停滞时减半），批大小 ${a.batch}，L2 正则化系数 ${a.decay}，最大训练轮数 ${a.maxEpochs}，梯度范数裁剪阈值为 ${a.clip}。`,
    `**数据划分。** 测试集：${a.split}。${a.ensemble}`,
    a.task === 'forecast'
      ? `**数据变换。** 用训练集的统计量对序列依次作变换（${[a.transforms?.log ? '对数变换' : '', a.transforms?.seasonalLag ? `滞后 ${a.transforms.seasonalLag} 的季节差分` : '', a.transforms?.diff ? '一阶差分' : '', '标准化'].filter(Boolean).join('、')}），使趋势与季节性不主导网络的学习；每个预测值再按相同步骤逆变换回原始量纲。${a.strategy === 'direct' ? '多步预测采用直接方式，即网络由一个窗口一次输出未来各期的预测值。' : '多步预测采用递推方式，即把每一步的预测值作为下一步的输入。'}${a.covariates?.length ? `窗口同时读入协变量 ${a.covariates.map((c) => `“${c}”`).join('、')} 作为额外通道，各自用训练集统计量标准化，并作与序列相同的差分；${a.strategy === 'direct' ? '由于其未来值未知，只使用预测起点之前的协变量值。' : '由于其未来值未知，网络对每个通道都作一步预测，多步预测时把全部通道的预测值递推输入。'}` : ''}`
      : a.task === 'text'
        ? `**分词。** 文本${a.tokens === 'char' ? '按字切分（中文无需分词器）' : '按词切分'}；词表由训练集建立，词表外的词记为统一的未知词。`
        : `**数据标准化。** ${a.scaling ?? `${a.task === 'regress' ? '输入变量与目标变量' : '输入变量'}均用训练集的均值与标准差作 Z-score 标准化（见预处理表）。`}`,
    `**早停。** ${a.stopping}`,
    `**随机种子。** 数据划分、权重初始化、样本打乱与 Dropout 的全部随机性均由随机种子 ${a.seed} 决定。`,
  ],
  lossName: (task) =>
    task === 'regress' || task === 'forecast' ? '损失函数为标准化目标的均方误差' : '损失函数为 Softmax 交叉熵',
};
