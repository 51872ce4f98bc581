// The files of a compare run folder from a CompareResult: compare.csv (every scalar metric, mean and
// std over seeds), the ranked table (tables/compare.tex + .md through the report's Table writers),
// the figures (the ranking metric per model with each seed's value; for forecasts every model's
// test forecast in one plot) and report.md, in English or Chinese.

import type { Lang } from '../config/options.js';
import { toCsv } from '../report/csv.js';
import { chartBase, seriesSpec } from '../report/figures/charts.js';
import type { FigureDef } from '../report/figures/plan.js';
import { type Table, toLatex, toMarkdownTable } from '../report/tables.js';
import type { CompareModel, CompareResult } from './compare.js';

const SHOWN: Record<string, string[]> = {
  classify: ['accuracy', 'macro_f1'],
  image: ['accuracy', 'macro_f1'],
  text: ['accuracy', 'macro_f1'],
  regress: ['rmse', 'mae', 'r2'],
  forecast: ['one_step_rmse', 'multi_step_rmse', 'multi_step_mape'],
};

const T = {
  en: {
    title: 'Model comparison',
    rank: 'Rank',
    model: 'Model',
    params: 'Parameters',
    seconds: 'Seconds / seed',
    p: 'p (Holm)',
    pAbs: 'p, absolute loss (Holm)',
    verdict: 'Verdict',
    best: 'best',
    worse: (a: number) => `worse than the best at ${a * 100}%`,
    same: (a: number) => `not distinguishable from the best at ${a * 100}%`,
    untested: 'not tested (no per-row predictions)',
    criterion: {
      'dm-squared': () => 'one-step RMSE (seed-averaged)',
      'dm-absolute': () => 'one-step MAE (seed-averaged)',
      wilcoxon: () => 'MAE (seed-averaged)',
      mcnemar: () => 'accuracy (seed vote)',
      'paired-t': (k: string) => `${k} (fold mean)`,
    },
    baseline: 'baseline',
    caption: (r: CompareResult) =>
      `Models on the same ${r.cv ? 'folds' : 'test part'} (${seedText('en', r)}); mean ± std; ${r.test.kind === 'dm-squared' ? 'Diebold–Mariano' : r.test.kind === 'wilcoxon' ? 'Wilcoxon' : r.test.kind === 'mcnemar' ? 'McNemar' : 'paired t'} test against the best, Holm-adjusted`,
    figMetric: (m: string) => `${m} per model (dots: seeds; bar: mean)`,
    figForecast: 'Test-part forecasts of every model (seed-averaged, multi-step)',
    intro: (r: CompareResult) =>
      `Every model was trained on the same ${r.cv ? `${r.cv} folds` : 'training part'} of ${r.data} and scored on the same ${r.cv ? 'test folds' : 'test part'} (split seed ${r.splitSeed}); each network with ${r.seeds.length} training seed(s) (${r.seeds.join(', ')}). The baselines do not depend on the training seed.`,
    testLine: (r: CompareResult) =>
      `Significance: ${r.test.note}; Holm correction over the ${Math.max(0, r.models.filter((m) => m.test).length - 1)} comparison(s), α = ${r.test.alpha}.`,
    bestLine: (b: string) => `Best by the test's criterion: **${b}**.`,
    x: 'Model',
    time: 'Period',
    value: 'Value',
    actual: 'actual',
  },
  zh: {
    title: '模型对比',
    rank: '排名',
    model: '模型',
    params: '参数量',
    seconds: '每个种子用时（秒）',
    p: 'p 值（Holm）',
    pAbs: '绝对损失 p 值（Holm）',
    verdict: '结论',
    best: '最优',
    worse: (a: number) => `在 ${a * 100}% 水平上显著劣于最优模型`,
    same: (a: number) => `在 ${a * 100}% 水平上与最优模型无显著差异`,
    untested: '未检验（无逐行预测）',
    criterion: {
      'dm-squared': () => '一步 RMSE（种子平均）',
      'dm-absolute': () => '一步 MAE（种子平均）',
      wilcoxon: () => 'MAE（种子平均）',
      mcnemar: () => '准确率（种子投票）',
      'paired-t': (k: string) => `${k}（各折均值）`,
    },
    baseline: '基线',
    caption: (r: CompareResult) =>
      `同一${r.cv ? '交叉验证折' : '测试集'}上的模型对比（${seedText('zh', r)}）；均值 ± 标准差；与最优模型的${r.test.kind === 'dm-squared' ? ' Diebold–Mariano ' : r.test.kind === 'wilcoxon' ? ' Wilcoxon ' : r.test.kind === 'mcnemar' ? ' McNemar ' : '配对 t '}检验，Holm 校正`,
    figMetric: (m: string) => `各模型的 ${m}（点：各随机种子；横线：均值）`,
    figForecast: '各模型在测试段的预测（种子平均，多步）',
    intro: (r: CompareResult) =>
      `所有模型使用 ${r.data} 的同一${r.cv ? ` ${r.cv} 折划分` : '训练集'}训练，并在同一${r.cv ? '测试折' : '测试集'}上评估（划分种子 ${r.splitSeed}）；每个网络使用 ${r.seeds.length} 个训练种子（${r.seeds.join('、')}）。基线模型与训练种子无关。`,
    testLine: (r: CompareResult) =>
      `显著性检验：${ZH_NOTE[r.test.kind](r.metric)}；对 ${Math.max(0, r.models.filter((m) => m.test).length - 1)} 次比较作 Holm 校正，α = ${r.test.alpha}。`,
    bestLine: (b: string) => `按检验准则的最优模型：**${b}**。`,
    x: '模型',
    time: '时期',
    value: '数值',
    actual: '实际值',
  },
} as const;

const ZH_NOTE: Record<string, (metric: string) => string> = {
  'dm-squared': () =>
    '对种子平均预测的一步测试误差作 Diebold–Mariano 检验（Harvey–Leybourne–Newbold 小样本修正，h = 1），与均方误差最小的模型比较；同时给出绝对误差损失的 p 值',
  'dm-absolute': () => '对一步测试误差作 Diebold–Mariano 检验（绝对误差损失）',
  wilcoxon: () => '对种子平均预测的逐行绝对误差作 Wilcoxon 符号秩检验，与平均绝对误差最小的模型比较',
  mcnemar: () =>
    '对逐行是否预测正确作 McNemar 检验（不一致行少于 25 时用精确二项检验；网络在多数种子正确时记为正确），与准确率最高的模型比较',
  'paired-t': (metric) => `对各折的 ${metric} 作配对 t 检验（网络取各种子平均），与均值最优的模型比较`,
};

function seedText(lang: Lang, r: CompareResult): string {
  return lang === 'zh'
    ? `${r.seeds.length} 个种子${r.cv ? `，${r.cv} 折` : ''}`
    : `${r.seeds.length} seed(s)${r.cv ? `, ${r.cv} folds` : ''}`;
}

const num = (v: number | undefined | null, digits = 4): string =>
  v === undefined || v === null || !Number.isFinite(v) ? '—' : String(Number(v.toPrecision(digits)));
const pText = (p: number | null | undefined): string =>
  p === null || p === undefined ? '—' : p < 1e-4 ? '<0.0001' : p.toFixed(4);

/** The test's criterion of a model on its seed-averaged prediction (the rank order), as the table shows it. */
function criterionText(r: CompareResult, m: CompareModel): string {
  if (!m.test) return '—';
  return num(r.test.kind === 'dm-squared' ? Math.sqrt(m.test.criterion) : m.test.criterion);
}

export function verdictOf(m: CompareModel, lang: Lang, alpha: number): string {
  const t = T[lang];
  if (!m.test) return t.untested;
  return m.test.best ? t.best : m.test.distinguishable ? t.worse(alpha) : t.same(alpha);
}

export function compareTable(r: CompareResult, lang: Lang): Table {
  const t = T[lang];
  const shown = SHOWN[r.task] ?? [r.metric];
  const dm = r.test.kind === 'dm-squared';
  const header = [
    t.rank,
    t.model,
    ...shown,
    t.criterion[r.test.kind](r.metric),
    t.params,
    t.seconds,
    t.p,
    ...(dm ? [t.pAbs] : []),
    t.verdict,
  ];
  const rows = r.models.map((m, i) => [
    String(i + 1),
    m.kind === 'baseline' ? `${m.name} (${t.baseline})` : m.name,
    ...shown.map((k) =>
      m.kind === 'network' && r.seeds.length > 1 ? `${num(m.mean[k])} ± ${num(m.std[k], 2)}` : num(m.mean[k]),
    ),
    criterionText(r, m),
    m.params === null ? '—' : m.members && m.members > 1 ? `${m.params} × ${m.members}` : String(m.params),
    m.seconds === null ? '—' : m.seconds.toFixed(1),
    pText(m.test?.pAdjusted),
    ...(dm ? [pText(m.test?.pAbsoluteAdjusted)] : []),
    verdictOf(m, lang, r.test.alpha),
  ]);
  return {
    id: 'compare',
    caption: t.caption(r),
    header,
    align: ['r', 'l', ...shown.map(() => 'r' as const), 'r', 'r', 'r', 'r', ...(dm ? ['r' as const] : []), 'l'],
    rows,
  };
}

/** Every scalar metric's mean and std, the time, the parameters and the test, one row per model. */
export function compareCsv(r: CompareResult): string {
  const keys = [...new Set(r.models.flatMap((m) => Object.keys(m.mean)))];
  const header = [
    'rank',
    'model',
    'kind',
    ...keys.flatMap((k) => [`${k}_mean`, `${k}_std`]),
    'seeds',
    'seconds_per_seed',
    'params',
    'test',
    'statistic',
    'p',
    'p_holm',
    'p_absolute_loss',
    'p_absolute_loss_holm',
    'verdict',
  ];
  const rows = r.models.map((m, i) => [
    i + 1,
    m.name,
    m.kind,
    ...keys.flatMap((k) => [m.mean[k], m.std[k]]),
    m.runs.length,
    m.seconds ?? '',
    m.params ?? '',
    m.test ? r.test.kind : '',
    m.test?.statistic ?? '',
    m.test?.pValue ?? '',
    m.test?.pAdjusted ?? '',
    m.test?.pAbsolute ?? '',
    m.test?.pAbsoluteAdjusted ?? '',
    verdictOf(m, 'en', r.test.alpha),
  ]);
  return toCsv(header, rows);
}

export function compareFigures(r: CompareResult, lang: Lang): FigureDef[] {
  const t = T[lang];
  const points = r.models
    .flatMap((m) => m.runs.map((run) => ({ model: m.name, value: run.metrics[r.metric] })))
    .filter((p) => Number.isFinite(p.value));
  const means = r.models
    .filter((m) => Number.isFinite(m.mean[r.metric]))
    .map((m) => ({ model: m.name, value: m.mean[r.metric] }));
  const order = r.models.map((m) => m.name);
  const x = { field: 'model', type: 'nominal', title: t.x, sort: order, axis: { labelAngle: -30 } };
  const spec = chartBase(
    {
      layer: [
        {
          data: { values: means },
          mark: { type: 'tick', color: '#222', thickness: 2, size: 26 },
          encoding: { x, y: { field: 'value', type: 'quantitative', title: r.metric, scale: { zero: false } } },
        },
        {
          data: { values: points },
          mark: { type: 'circle', size: 48, opacity: 0.7, color: '#4c78a8' },
          encoding: { x, y: { field: 'value', type: 'quantitative', title: r.metric } },
        },
      ],
    },
    Math.min(560, Math.max(240, 48 * order.length)),
    280,
  );
  const figs: FigureDef[] = [
    { id: 'compare_metric', caption: t.figMetric(r.metric), source: { kind: 'vega-lite', spec } },
  ];
  if (r.forecast) {
    const f = r.forecast;
    const baselines = new Set(r.models.filter((m) => m.kind === 'baseline').map((m) => m.name));
    const series = [
      { name: t.actual, x: f.x, y: f.actual },
      ...f.paths.map((p) => ({ name: p.name, x: f.x, y: p.y, dash: baselines.has(p.name) })),
    ];
    figs.push({
      id: 'compare_forecasts',
      caption: t.figForecast,
      source: { kind: 'vega-lite', spec: seriesSpec(series, { x: t.time, y: t.value }) },
    });
  }
  return figs;
}

export function compareMarkdown(
  r: CompareResult,
  lang: Lang,
  table: Table,
  figs: { id: string; caption: string }[],
): string {
  const t = T[lang];
  const L = [`# ${t.title}`, '', t.intro(r), '', `**${table.caption}**`, '', toMarkdownTable(table), '', t.testLine(r)];
  if (r.test.best) L.push('', t.bestLine(r.test.best));
  for (const f of figs) L.push('', `![${f.caption}](figures/${f.id}.png)`, '', `*${f.caption}*`);
  return `${L.join('\n')}\n`;
}

export function compareTexts(r: CompareResult, lang: Lang): { table: Table; tex: string; md: string } {
  const table = compareTable(r, lang);
  return { table, tex: toLatex(table), md: `**${table.caption}**\n\n${toMarkdownTable(table)}\n` };
}
