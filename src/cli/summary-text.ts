// The words of the terminal summary (summary.ts) in English and Chinese: `--lang zh` switches the
// console as it switches the report. Baseline names in Chinese come from the report's own table.

import type { Lang } from '../config/options.js';
import { messages } from '../report/i18n/index.js';

export type Outcome = 'beats' | 'ties' | 'loses';
export type Horizon = 'one_step' | 'multi_step';

export interface SummaryText {
  metric: (flat: string, horizon?: Horizon) => string;
  baseline: (name: string) => string;
  verdict: (outcome: Outcome, best: string, metric: string, value: string) => string;
  verdictLine: (verdict: string, horizon?: Horizon) => string;
  test: string;
  verdictLabel: string;
  macroF1: string;
  close: string;
  clusters: string;
  kmeans: string;
  db: string;
  meanBaselines: (list: string) => string;
  notBeatOnAverage: (names: string) => string;
  cvLabel: (method: string, k: number) => string;
  seedsLabel: (n: number) => string;
  trainedOne: (epochs: number, best: number, seconds: number) => string;
  trained: string;
  trainedMany: (nets: number, epochs: number, each: string, best: string, mean: string, averaged: number) => string;
  seconds: (s: number) => string;
  runFolder: string;
  runFolderFiles: string;
}

const EN: SummaryText = {
  metric: (flat, h) =>
    h
      ? `${h === 'one_step' ? 'one' : 'multi'}-step RMSE`
      : ({ rmse: 'RMSE', silhouette: 'silhouette', accuracy: 'accuracy' } as Record<string, string>)[flat],
  baseline: (name) => name.replace(/_/g, ' '),
  verdict: (outcome, best, metric, value) =>
    `${{ beats: 'beats', ties: 'ties', loses: 'does NOT beat' }[outcome]} the best baseline (${best}: ${metric} ${value})`,
  verdictLine: (v, h) => `the network ${v}${h ? ` on the ${h === 'one_step' ? 'one' : 'multi'}-step forecast` : ''}`,
  test: 'test',
  verdictLabel: 'verdict',
  macroF1: 'macro F1',
  close: ')',
  clusters: 'clusters',
  kmeans: 'k-means',
  db: 'Davies-Bouldin',
  meanBaselines: (list) => `   (baselines, mean: ${list}`,
  notBeatOnAverage: (names) => `; on average the network does NOT beat ${names}`,
  cvLabel: (method, k) => `${method}, ${k} folds`,
  seedsLabel: (n) => `${n} seeds`,
  trained: 'trained',
  trainedOne: (epochs, best, seconds) => `${epochs} epochs (best ${best}) in ${seconds}s`,
  trainedMany: (nets, epochs, each, best, mean, averaged) =>
    `${nets} networks, ${epochs} epochs in all (${each} each on average; best epochs ${best}, mean ${mean}${averaged < nets ? `; ${averaged} averaged, the interrupted one left out` : ''})`,
  seconds: (s) => ` in ${s}s`,
  runFolder: 'run folder',
  runFolderFiles:
    '(report.html, report.md, report.docx, figures/, tables/, metrics.json, predictions.csv, model.nnm.json)',
};

const CV_ZH: Record<string, string> = {
  'stratified k-fold': '分层 k 折交叉验证',
  'k-fold': 'k 折交叉验证',
  'rolling-origin backtest': '滚动起点回测',
};

const ZH: SummaryText = {
  metric: (flat, h) =>
    h
      ? `${h === 'one_step' ? '单步' : '多步'}预测 RMSE`
      : ({ rmse: 'RMSE', silhouette: '轮廓系数', accuracy: '准确率' } as Record<string, string>)[flat],
  baseline: (name) => messages('zh').interp.baselineName(name),
  verdict: (outcome, best, metric, value) =>
    `${{ beats: '优于', ties: '持平于', loses: '未能优于' }[outcome]}最佳基准（${best}：${metric} ${value}）`,
  verdictLine: (v, h) => `${h ? `在${h === 'one_step' ? '单步' : '多步'}预测上，` : ''}本文模型${v}`,
  test: '测试集',
  verdictLabel: '结论',
  macroF1: '宏平均 F1',
  close: '）',
  clusters: '簇数',
  kmeans: 'k 均值',
  db: 'Davies–Bouldin 指数',
  meanBaselines: (list) => `  （基准的平均值：${list}`,
  notBeatOnAverage: (names) => `；平均而言本文模型未能优于${names}`,
  cvLabel: (method, k) => `${CV_ZH[method] ?? method}，${k} 折`,
  seedsLabel: (n) => `${n} 个随机种子`,
  trained: '训练',
  trainedOne: (epochs, best, seconds) => `共 ${epochs} 轮（最佳第 ${best} 轮），用时 ${seconds} 秒`,
  trainedMany: (nets, epochs, each, best, mean, averaged) =>
    `${nets} 个网络，共 ${epochs} 轮（平均每个 ${each} 轮；最佳轮次 ${best}，均值 ${mean}${averaged < nets ? `；取 ${averaged} 个平均，被中断的一个未计入` : ''}）`,
  seconds: (s) => `，用时 ${s} 秒`,
  runFolder: '运行目录',
  runFolderFiles:
    '（report.html、report.md、report.docx、figures/、tables/、metrics.json、predictions.csv、model.nnm.json）',
};

export function summaryText(lang: Lang): SummaryText {
  return lang === 'zh' ? ZH : EN;
}
