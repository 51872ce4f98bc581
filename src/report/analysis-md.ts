// Report sections for the analyses of issue #9, kept apart from markdown.ts so that file can change
// freely: the network against its best baseline, cross-validation / backtest, repeated seeds and
// input sensitivity. Each section reads only metrics.json fields and returns markdown lines.

import type { CvSummary, ManyRuns, RepeatsSummary, Scalars } from '../metrics/aggregate.js';
import { verdict } from './claims.js';
import { messages } from './i18n/index.js';
import { num } from './numbers.js';
import type { RunSummary } from './types.js';

const LOWER_IS_BETTER = new Set(['rmse', 'mae', 'mape']);

export type AnalysisLang = 'en' | 'zh';

const T = {
  en: {
    baselines: '## Baselines',
    baselinesIntro: 'Every baseline was fitted on the same training rows and inputs and scored on the same test rows.',
    baselineRow: (b: string) => `${b} (mean ± std)`,
    cv: '## Cross-validation',
    backtest: (k: number, w: string) =>
      `Rolling-origin backtest with ${k} origins: each fold trains on every period before its test window (of ${w} periods) and forecasts it; the last fold is the main test part.`,
    kfold: (stratified: boolean, k: number) =>
      `${stratified ? 'Stratified ' : ''}${k}-fold cross-validation of the whole labelled data: each fold is the test part once, the network (and every baseline) is refitted on the rest.`,
    foldHead: 'fold',
    trainRows: 'train rows',
    testRows: 'test rows',
    meanStd: 'mean ± std',
    model: 'model',
    stdNote: 'std is the sample standard deviation over the folds (n − 1).',
    repeats: '## Repeated runs',
    repeatsIntro: (n: number, seeds: string, splitVaries: boolean) =>
      `The whole run repeated with ${n} seeds (${seeds}), the options unchanged. ${splitVaries ? 'The seed also draws the test split, so each repeat is scored on different test rows: the spread shows the luck of the split as well as of the initial weights, the validation folds and the shuffling.' : 'The test part is the same in every repeat (it does not depend on the seed); the spread shows the luck of the initial weights, the validation folds and the shuffling.'}`,
    seed: 'seed',
    capFolds: 'Test metrics of every fold',
    capModels: 'Cross-validated metrics of the network and the baselines (mean ± std over the folds)',
    capRepeats: 'Test metrics of every seed',
    capSens: 'Input sensitivity: permutation importance and MIV',
    sens: '## Input sensitivity',
    sensIntro: (metric: string, base: string, reps: number, miv: string) =>
      `Permutation importance: the drop of the test ${metric} (${base}) when one input column is shuffled across the test rows, mean ± std of ${reps} seeded shuffles. MIV (mean impact value): the ${miv}; numeric inputs only.`,
    sensHead: ['rank', 'input', 'permutation importance', 'MIV', 'MIV rank'],
  },
  zh: {
    baselines: '## 基准模型对比',
    baselinesIntro: '所有基准模型均使用与神经网络相同的训练样本与输入变量拟合，并在相同的测试样本上评价。',
    baselineRow: (b: string) => `${b}（均值 ± 标准差）`,
    cv: '## 交叉验证',
    backtest: (k: number, w: string) =>
      `滚动起点回测，共 ${k} 个起点：每一折用测试窗口（${w} 期）之前的全部数据训练并预测该窗口，最后一折即主测试集。`,
    kfold: (stratified: boolean, k: number) =>
      `对全部有标签数据作${stratified ? '分层' : ''} ${k} 折交叉验证：每一折轮流作为测试集，神经网络（及各基准模型）在其余数据上重新拟合。`,
    foldHead: '折',
    trainRows: '训练样本数',
    testRows: '测试样本数',
    meanStd: '均值 ± 标准差',
    model: '模型',
    stdNote: '标准差为各折结果的样本标准差（分母 n − 1）。',
    repeats: '## 多次重复实验',
    repeatsIntro: (n: number, seeds: string, splitVaries: boolean) =>
      `在参数不变的情况下，用 ${n} 个随机种子（${seeds}）重复整个建模过程。${splitVaries ? '随机种子同时决定测试集的划分，因此每次重复在不同的测试样本上评价：结果的离散程度既反映数据划分的随机性，也反映初始权重、验证折与样本打乱的随机性。' : '各次重复的测试集相同（与随机种子无关）：结果的离散程度反映初始权重、验证折与样本打乱带来的随机性。'}`,
    seed: '随机种子',
    capFolds: '各折测试集评价指标',
    capModels: '本文模型与基准模型的交叉验证评价指标（各折均值 ± 标准差）',
    capRepeats: '各随机种子的测试集评价指标',
    capSens: '输入变量灵敏度：置换重要性与平均影响值（MIV）',
    sens: '## 灵敏度分析',
    sensIntro: (metric: string, base: string, reps: number, miv: string) =>
      `置换重要性：在测试集上随机打乱某一输入变量后测试${metric}（原值 ${base}）的下降量，取 ${reps} 次带种子打乱的均值 ± 标准差。MIV（平均影响值）：输入变量增加 10% 与减少 10% 时${miv.includes('class probabilities') ? '各类别预测概率' : '预测值'}变化的平均；仅适用于数值型输入变量。`,
    sensHead: ['排序', '输入变量', '置换重要性', 'MIV', 'MIV 排序'],
  },
};

const n4 = (v: number | undefined | null): string => num(v);
/** A table cell: the raw number; formatTable() (numbers.ts) gives the column its digits. */
const raw = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '—');

/** A metric column header in the report's language ("one_step_rmse" -> "one-step RMSE" / "单步 RMSE"). */
function label(k: string, lang: AnalysisLang): string {
  const m = messages(lang);
  const h = /^(one_step|multi_step)_(.+)$/.exec(k);
  return h ? `${m.horizonRow(h[1])} ${m.metric(h[2])}` : m.metric(k);
}

/** The metrics a table shows per task (keys of the flattened scalar metrics). */
function headline(task: string): string[] {
  if (task === 'forecast') return ['one_step_rmse', 'multi_step_rmse', 'multi_step_mae', 'multi_step_mape'];
  if (task === 'regress') return ['rmse', 'mae', 'mape', 'r2'];
  return ['accuracy', 'macro_f1', 'precision', 'recall'];
}

/** "The network beats the best baseline by …" for classify/regress (forecast has its own line). */
export function bestBaselineLines(s: RunSummary, lang: AnalysisLang = 'en'): string[] {
  const t = T[lang];
  const m = s.metrics;
  if (s.task !== 'classify' && s.task !== 'regress') return [];
  const key = s.task === 'classify' ? 'accuracy' : 'rmse';
  const entries = Object.entries(m.baselines).filter(([, b]) => typeof b[key] === 'number');
  if (!entries.length) return [];
  const lower = LOWER_IS_BETTER.has(key);
  const [name, best] = entries.reduce((a, b) =>
    (lower ? Number(b[1][key]) < Number(a[1][key]) : Number(b[1][key]) > Number(a[1][key])) ? b : a,
  );
  const mine = Number(m.test[key]);
  const theirs = Number(best[key]);
  const msgs = messages(lang);
  const line = verdict(msgs, { key, higher: !lower }, mine, theirs, msgs.interp.baselineName(name));
  return [t.baselines, '', `${t.baselinesIntro}${lang === 'zh' ? '' : ' '}${line}`, ''];
}

function meanStdCell(mean: Scalars, std: Scalars, k: string): string {
  return `${raw(mean[k])} ± ${raw(std[k])}`;
}

function baselineRows(r: ManyRuns, keys: string[], lang: AnalysisLang): string[] {
  return Object.entries(r.baselines).map(
    ([b, v]) =>
      `| ${T[lang].baselineRow(messages(lang).baselineRow(b))} | ${keys.map((k) => meanStdCell(v.mean, v.std, k)).join(' | ')} |`,
  );
}

export function cvLines(s: RunSummary, lang: AnalysisLang = 'en'): string[] {
  const t = T[lang];
  const cv = s.metrics.cv as CvSummary | undefined;
  if (!cv) return [];
  const keys = headline(s.task).filter((k) => k in cv.mean);
  const what =
    cv.method === 'rolling-origin backtest'
      ? t.backtest(cv.k, String(cv.folds[0]?.test_rows ?? '?'))
      : t.kfold(cv.method === 'stratified k-fold', cv.k);
  return [
    t.cv,
    '',
    what,
    '',
    `Table: ${t.capFolds}`,
    `| ${t.foldHead} | ${t.trainRows} | ${t.testRows} | ${keys.map((k) => label(k, lang)).join(' | ')} |`,
    `|---:|---:|---:|${keys.map(() => '---:').join('|')}|`,
    ...cv.folds.map(
      (f) =>
        `| ${f.fold} | ${f.train_rows ?? ''} | ${f.test_rows ?? ''} | ${keys.map((k) => raw(f.test[k])).join(' | ')} |`,
    ),
    `| **${t.meanStd}** |  |  | ${keys.map((k) => `**${meanStdCell(cv.mean, cv.std, k)}**`).join(' | ')} |`,
    '',
    `Table: ${t.capModels}`,
    `| ${t.model} | ${keys.map((k) => label(k, lang)).join(' | ')} |`,
    `|---|${keys.map(() => '---:').join('|')}|`,
    `| ${t.baselineRow(messages(lang).modelRow(s.model))} | ${keys.map((k) => meanStdCell(cv.mean, cv.std, k)).join(' | ')} |`,
    ...baselineRows(cv, keys, lang),
    '',
    t.stdNote,
    '',
  ];
}

export function repeatsLines(s: RunSummary, lang: AnalysisLang = 'en'): string[] {
  const t = T[lang];
  const r = s.metrics.repeats as RepeatsSummary | undefined;
  if (!r) return [];
  const keys = headline(s.task).filter((k) => k in r.mean);
  return [
    t.repeats,
    '',
    t.repeatsIntro(
      r.seeds.length,
      r.seeds.join(', '),
      s.splitInfo ? s.splitInfo.kind === 'random' || s.splitInfo.kind === 'stratified' : s.task !== 'forecast',
    ),
    '',
    `Table: ${t.capRepeats}`,
    `| ${t.seed} | ${keys.map((k) => label(k, lang)).join(' | ')} |`,
    `|---:|${keys.map(() => '---:').join('|')}|`,
    ...r.runs.map((x) => `| ${x.seed} | ${keys.map((k) => raw(x.test[k])).join(' | ')} |`),
    `| **${t.meanStd}** | ${keys.map((k) => `**${meanStdCell(r.mean, r.std, k)}**`).join(' | ')} |`,
    '',
  ];
}

export interface SensitivityJson {
  metric: string;
  repeats: number;
  base: number;
  miv: string;
  features: {
    feature: string;
    permutation_importance: number;
    permutation_std: number;
    miv: number | null;
    rank_permutation: number;
    rank_miv: number | null;
  }[];
}

export function sensitivityLines(s: RunSummary, lang: AnalysisLang = 'en'): string[] {
  const t = T[lang];
  const sj = s.metrics.sensitivity as SensitivityJson | undefined;
  if (!sj) return [];
  const rows = [...sj.features].sort((a, b) => a.rank_permutation - b.rank_permutation);
  const metric = sj.metric === 'r2' ? 'R²' : sj.metric;
  return [
    t.sens,
    '',
    t.sensIntro(lang === 'zh' ? (metric === 'accuracy' ? '准确率' : metric) : metric, n4(sj.base), sj.repeats, sj.miv),
    '',
    `Table: ${t.capSens}`,
    `| ${t.sensHead.join(' | ')} |`,
    '|---:|---|---:|---:|---:|',
    ...rows.map(
      (f) =>
        `| ${f.rank_permutation} | ${f.feature} | ${raw(f.permutation_importance)} ± ${raw(f.permutation_std)} | ${raw(f.miv)} | ${f.rank_miv ?? '—'} |`,
    ),
    '',
  ];
}

/** Every analysis section that has data, in report order, with the stem of its tables' files. */
export function analysisSections(s: RunSummary, lang: AnalysisLang = 'en'): { id: string; lines: string[] }[] {
  return [
    { id: 'baselines', lines: bestBaselineLines(s, lang) },
    { id: 'cv', lines: cvLines(s, lang) },
    { id: 'repeats', lines: repeatsLines(s, lang) },
    { id: 'sensitivity', lines: sensitivityLines(s, lang) },
  ].filter((x) => x.lines.length);
}
