// 报告第 3 节（模型求解与检验）与第 4 节（可复现性）的中文消息：图题、坐标轴标签，以及测试集指标与基准模型的比较说明。

import { num } from '../../numbers.js';
import type { ResultsMessages } from '../en/results.js';

const n = (x: number, d = 4): string => num(x, d);

export const zhResults: ResultsMessages = {
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
    importance: (metric, repeats) =>
      `各输入变量在测试集上的置换重要性：随机打乱该变量取值后${({ r2: '决定系数 R² ', rmse: ' RMSE ', accuracy: '准确率' } as Record<string, string>)[metric] ?? metric}的变化（${repeats} 次打乱的平均，须线为 ± 一个标准差）；条形越长，该变量对网络越重要。`,
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
    input: '输入变量',
    importance: '置换重要性',
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
