// 中文消息目录：与英文目录同一类型（Messages），缺一条即编译失败。术语取数学建模竞赛论文的常用说法
// （训练集/验证集/测试集、标准化、独热编码、均方根误差、决定系数、混淆矩阵、早停、随机种子等）。

import { num, optimizerName } from '../numbers.js';
import type { Messages } from './en.js';
import { noteZh } from './zh-notes.js';

const n = (x: number, d = 4): string => num(x, d);

/** Network names as Chinese papers write them (the LSTM is 长短期记忆网络; 门控循环单元 is the GRU). */
const zhModelShort: Record<string, string> = {
  mlp: '多层感知机（MLP）',
  cnn: '卷积神经网络（CNN）',
  rnn: '循环神经网络（RNN）',
  lstm: '长短期记忆网络（LSTM）',
  gru: '门控循环单元网络（GRU）',
  som: '自组织映射（SOM）',
};

export const zh: Messages = {
  lang: 'zh',
  title: (model, task, target) => `nnm 建模报告：基于 ${model} 的 \`${target}\` ${task}`,
  interrupted: '**训练被中断**：用户提前停止了训练，已保留目前为止最优的模型。',
  h: {
    data: '1 数据',
    audit: '1.1 数据审查',
    preprocessing: '1.2 数据预处理',
    method: '2 模型建立',
    network: '2.1 网络结构',
    hyper: '2.2 超参数设置',
    results: '3 模型求解与检验（测试集）',
    figures: '3.1 结果图示',
    repro: '4 可复现性说明',
  },
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
  fig: {
    loss: (best, members, loss) =>
      `训练集（实线）与验证集（虚线）损失随训练轮数的变化（${loss}）${members > 1 ? `：${members} 个集成网络各为一条细线，粗线为各轮仍在训练的网络的平均；点线标出第一个网络验证损失最小的第 ${best} 轮` : `；点线标出验证损失最小的第 ${best} 轮，模型保留该轮权重`}。`,
    predVsActual: (target, r, r2) =>
      `测试集 \`${target}\` 的预测值与真实值散点图，直线为 y = x（完美预测）；相关系数 r = ${n(r, 3)}，决定系数 R² = ${n(r2, 3)}。`,
    residuals: (target, mean, sd) =>
      `测试集 \`${target}\` 的残差（真实值 − 预测值）分布直方图；均值 ${n(mean, 3)}，标准差 ${n(sd, 3)}。`,
    confusion: '测试集混淆矩阵（行为真实类别，列为预测类别，数值为样本数）。',
    roc: (pos, auc) => `以"${pos}"为正类的测试集 ROC 曲线，AUC = ${n(auc, 3)}；对角线表示随机猜测。`,
    f1: '测试集各类别的 F1 值（括号内为样本数）。',
    misclassified: (n) => `测试集中被错误分类的 ${n} 幅图像，标注为“真实类别 → 预测类别”。`,
    network: (params) => `网络结构示意图：各层、输出形状与参数个数（共 ${params} 个参数）。`,
    forecastTest: (tail) =>
      `测试段与预测结果（前接训练段的最后 ${tail} 期）：单步预测（每点用其之前的真实历史预测）与多步预测（从测试段起点一次性递推预测）。`,
    seriesFull: '完整序列：训练段与测试段。',
    forecastFuture: (level) => `数据末端之后的预测${level ? `，阴影为 ${Math.round(level * 100)}% 预测区间` : ''}。`,
    acf: (bound) => `测试集单步预测残差的自相关系数；超出 ±${n(bound, 2)}（虚线）的滞后阶表明模型尚有未捕捉的规律。`,
  },
  axis: {
    epoch: '训练轮数',
    loss: '损失',
    actual: '真实值',
    predicted: '预测值',
    residual: '残差（真实值 − 预测值）',
    count: '频数',
    trueClass: '真实类别',
    predClass: '预测类别',
    fpr: '假正例率（FPR）',
    tpr: '真正例率（TPR）',
    class: '类别',
    f1: 'F1 值',
    lag: '滞后阶数',
    acf: '自相关系数',
    time: '时间',
    value: '数值',
    train: '训练集',
    validation: '验证集',
    history: '历史数据',
    testActual: '测试集真实值',
    oneStep: '单步预测',
    multiStep: '多步预测',
    forecast: '未来预测',
    interval: '预测区间',
    params: '参数',
    output: '输出',
    inputLayer: '输入层',
  },
  pngFontMissing:
    '本机未找到中文字体文件，PNG 图中的中文可能显示为方框（SVG 图不受影响）；请安装中文字体，例如 `apt-get install fonts-noto-cjk`。',
  interp: {
    r2: (r2, target) =>
      `决定系数 R² = ${n(r2, 3)}，即模型解释了测试集上 \`${target}\` 方差的 ${Math.max(0, Math.round(r2 * 100))}%（R² = 1 为完全拟合，R² = 0 相当于始终用均值预测${r2 < 0 ? '；本模型还不如均值预测' : ''}）。`,
    mapeUngraded: (mape, why) =>
      `平均绝对百分比误差 MAPE = ${n(mape, 3)}%，不作等级评价：${why === 'r2' ? 'R² 小于 0，模型不如直接用均值预测，较低的百分比误差会造成误导' : '目标值有正有负，接近 0 的值的百分比误差没有意义'}；请以 RMSE 和 MAE 为准。`,
    mape: (mape) =>
      `平均绝对百分比误差 MAPE = ${n(mape, 3)}%，按 Lewis（1982）的标准属于${mape < 10 ? '高精度预测' : mape < 20 ? '良好预测' : mape < 50 ? '可行预测' : '不准确预测'}（低于 10% 为高精度，10%–20% 为良好，20%–50% 为可行，高于 50% 为不准确）。`,
    lowerError: (metric, mine, theirs, pct, baseline) =>
      `本文模型优于${baseline}：其${metric}为 ${n(mine)}，比 ${n(theirs)} 降低了 ${pct}%。`,
    higherScore: (metric, mine, theirs, pp, baseline) =>
      `本文模型优于${baseline}：其${metric}为 ${n(mine)}，比 ${n(theirs)} 高出 ${n(pp, 3)} 个百分点。`,
    ties: (metric, v, baseline) => `本文模型与${baseline}持平（${metric}均为 ${n(v)}），在该测试集上未能表明其更优。`,
    notBeat: (metric, mine, theirs, baseline) =>
      `**本文模型未能优于${baseline}**（${metric}：${n(mine)}，基准为 ${n(theirs)}）；在得到更好的模型或更多数据之前，不宜声称该模型有效。`,
    metricInText: (k) => ({ accuracy: '准确率', rmse: 'RMSE', multi_step_rmse: '多步预测 RMSE' })[k] ?? k,
    baselineName: (b) =>
      ({
        majority: '多数类基准',
        mean: '均值基准',
        naive: '朴素预测基准',
        seasonal_naive: '季节朴素预测基准',
        drift: '漂移法基准',
        logistic_regression: '逻辑回归基准',
        knn_5: '5 近邻基准',
        naive_bayes: '多项式朴素贝叶斯基准',
        tfidf_logistic_regression: 'TF-IDF 逻辑回归基准',
        linear_regression: '最小二乘线性回归基准',
        holt: 'Holt 线性趋势法基准',
        gm11: '灰色模型 GM(1,1) 基准',
        kmeans: 'k 均值基准',
      })[b] ?? `基准模型 ${b}`,
    accuracy: (acc, base) => `准确率为 ${n(acc, 3)}，而始终预测训练集中最多的类别只能达到 ${n(base, 3)}。`,
    macroF1: (f1) =>
      `宏平均 F1 = ${n(f1, 3)}，它对每个类别的 F1 值等权平均，即使准确率较高，只要有某一类别被忽视，该值也会明显偏低。`,
    imbalance: (ratio) =>
      `**类别不平衡**：测试集中最大类别的样本数是最小类别的 ${ratio} 倍，应结合宏平均 F1 与混淆矩阵评价，而不能只看准确率。`,
    weakest: (label, f1) => `识别效果最差的类别为“${label}”（F1 = ${n(f1, 3)}）。`,
    equalF1: (f1) => `各类别的 F1 值相同（均为 ${n(f1, 3)}），不存在识别效果较差的类别。`,
    auc: (auc) =>
      `AUC = ${n(auc, 3)}，两类的区分能力${auc >= 0.9 ? '优秀' : auc >= 0.8 ? '良好' : auc >= 0.7 ? '一般' : '较差'}（0.5 相当于随机猜测，1 为完全区分）。`,
  },
  repro: (version, seed, sha) =>
    `nnm 版本 ${version}；随机种子 ${seed}；数据文件 SHA-256：\`${sha}\`。将运行目录中的 config.json 通过 --config 传回即可复现本次结果；对运行目录执行 \`nnm report\` 可重新生成本报告。`,
  htmlFigureFallback: '图',
};
