// 中文消息目录：与英文目录同一类型（Messages），缺一条即编译失败。术语取数学建模竞赛论文的常用说法
// （训练集/验证集/测试集、标准化、独热编码、均方根误差、决定系数、混淆矩阵、早停、随机种子等）。
// 各条目按报告章节分在 zh/ 下的文件中，与 en/ 一一对应，在此按报告顺序合并。

import type { Messages } from './en.js';
import { zhDataMethod } from './zh/data-method.js';
import { zhResults } from './zh/results.js';
import { zhTables } from './zh/tables.js';

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
  ...zhDataMethod,
  ...zhTables,
  ...zhResults,
};
