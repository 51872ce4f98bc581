// Sentences rendered from recorded facts, never from a template that assumes one case: why each
// network stopped (metrics.json train.networks: patience / epoch limit / interrupted / diverged, and a
// retry after an early divergence), and how an ensemble's folds were cut and used (train.fold_rows,
// train.planned_members). Run folders from before these facts get a sentence with no verdict.

import type { NetworkFacts } from './types.js';
import type { Messages } from './i18n/index.js';
import { num } from './numbers.js';
import type { RunSummary } from './types.js';

type Lang = 'en' | 'zh';
type Reason = NetworkFacts['stop'];
const ORDER: Reason[] = ['patience', 'epoch_limit', 'diverged', 'interrupted'];

function listEn(xs: (string | number)[]): string {
  return xs.length <= 1 ? String(xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}
const listZh = (xs: (string | number)[]): string => xs.join('、');

interface Ctx {
  patience: number;
  limit: number;
  lr: number;
  single: boolean;
  total: number;
  unit: 'rows' | 'windows';
}

const EN = {
  who: (c: Ctx, nets: number[]): string =>
    c.single
      ? 'The network'
      : nets.length === c.total && nets.length > 2
        ? `All ${nets.length} networks`
        : nets.length === 1
          ? `Network ${nets[0]}`
          : `Networks ${listEn(nets)}`,
  reason: (c: Ctx, r: Reason, g: NetworkFacts[]): string => {
    const ep = listEn(g.map((x) => x.epochs));
    const many = g.length > 1;
    switch (r) {
      case 'patience':
        return `stopped early, at epoch${many ? 's' : ''} ${ep}, when the validation loss had not improved for ${c.patience} epochs (the patience)`;
      case 'epoch_limit':
        return `ran to the epoch limit of ${c.limit} epochs (the patience of ${c.patience} epochs never ran out)`;
      case 'interrupted':
        return `${many ? 'were' : 'was'} interrupted by the user after ${ep} epoch${g.every((x) => x.epochs === 1) ? '' : 's'}`;
      case 'diverged':
        return `stopped when the loss became NaN or infinite, after ${ep} finite epoch${g.every((x) => x.epochs === 1) ? '' : 's'}`;
      default: {
        const never: never = r;
        return never;
      }
    }
  },
  retried: (c: Ctx, n: NetworkFacts): string =>
    `${c.single ? 'The network' : `Network ${n.network}`} diverged in epoch 1 at learning rate ${c.lr} and was retrained once from the same seed at learning rate ${n.retried_lr}.`,
  best: (c: Ctx, nets: NetworkFacts[]): string =>
    c.single
      ? `the weights of its best validation epoch (${nets[0].best_epoch}) were kept.`
      : `each network kept the weights of its best validation epoch (${listEn(nets.map((x) => x.best_epoch))}).`,
  join: (parts: string[]): string => parts.map((p, i) => (i ? p.charAt(0).toLowerCase() + p.slice(1) : p)).join('; '),
  fallback: (epochs: number, best: number): string =>
    `The first network trained for ${epochs} epochs; the weights of its best validation epoch (${best}) were kept.`,
  folds: (c: Ctx, total: number, k: number, sizes: string, forecast: boolean): string =>
    `The training part (${total} ${c.unit}) was cut into ${k} ${forecast ? 'contiguous blocks' : 'folds'} of ${sizes} ${c.unit}`,
  allTrained: (k: number, forecast: boolean): string =>
    `; ${k} networks were each trained on the other ${k - 1} ${forecast ? 'block' : 'fold'}${k - 1 === 1 ? '' : 's'} and early-stopped on their own, and their outputs are averaged (a cross-validation ensemble).`,
  cutShort: (k: number, trained: number, last: number): string =>
    `; ${k} networks were planned, but training was interrupted in network ${last}: ${trained === 1 ? 'only that network was trained, cut short' : `networks 1–${trained} were trained, network ${last} cut short`}${k > trained ? `, and the other ${k - trained} never started` : ''}; the output is ${trained === 1 ? "that network's" : `the average of the ${trained - 1} finished network${trained - 1 === 1 ? '' : 's'} (network ${last}, cut short, is left out)`}.`,
  single: (val: number, unit: string): string =>
    `${val} training ${unit} were held out for validation (early stopping).`,
};

const ZH: typeof EN = {
  who: (c, nets) =>
    c.single
      ? '网络'
      : nets.length === c.total && nets.length > 2
        ? `全部 ${nets.length} 个网络`
        : nets.length === 1
          ? `第 ${nets[0]} 个网络`
          : `第 ${listZh(nets)} 个网络`,
  reason: (c, r, g) => {
    const ep = listZh(g.map((x) => x.epochs));
    switch (r) {
      case 'patience':
        return `因验证损失连续 ${c.patience} 轮（耐心值）未下降而早停，${g.length > 1 ? '分别' : ''}训练了 ${ep} 轮`;
      case 'epoch_limit':
        return `训练满最大轮数 ${c.limit} 轮（验证损失未出现连续 ${c.patience} 轮不下降）`;
      case 'interrupted':
        return `在训练 ${ep} 轮后被用户中断`;
      case 'diverged':
        return `在 ${ep} 轮有限损失之后损失变为 NaN 或无穷大，训练随即停止`;
      default: {
        const never: never = r;
        return never;
      }
    }
  },
  retried: (c, n) =>
    `${c.single ? '网络' : `第 ${n.network} 个网络`}在学习率 ${c.lr} 下第 1 轮即发散，已用同一随机种子、学习率 ${n.retried_lr} 重新训练一次。`,
  best: (c, nets) =>
    c.single
      ? `保留验证损失最小的第 ${nets[0].best_epoch} 轮的权重。`
      : `各网络分别保留验证损失最小一轮（第 ${listZh(nets.map((x) => x.best_epoch))} 轮）的权重。`,
  join: (parts) => parts.join('；'),
  fallback: (epochs, best) => `第一个网络共训练 ${epochs} 轮，保留验证损失最小的第 ${best} 轮的权重。`,
  folds: (c, total, k, sizes, forecast) =>
    `训练集（${total} ${c.unit === 'windows' ? '个窗口' : '条'}）${forecast ? '按时间顺序' : ''}分为 ${k} ${forecast ? '段' : '折'}，每${forecast ? '段' : '折'} ${sizes} ${c.unit === 'windows' ? '个窗口' : '条'}`,
  allTrained: (k, forecast) =>
    `；训练 ${k} 个网络，每个网络用其余 ${k - 1} ${forecast ? '段' : '折'}训练、用自己的一${forecast ? '段' : '折'}作验证集以早停，最终输出取 ${k} 个网络的平均（交叉验证集成）。`,
  cutShort: (k, trained, last) =>
    `；原计划训练 ${k} 个网络，但训练在第 ${last} 个网络时被中断：${trained === 1 ? '只训练了该网络' : `训练了第 1–${trained} 个网络`}（第 ${last} 个未训练完）${k > trained ? `，其余 ${k - trained} 个未开始` : ''}，${trained === 1 ? '最终输出取该网络的结果' : `最终输出取已训练完的 ${trained - 1} 个网络的平均（未训练完的第 ${last} 个网络不计入）`}。`,
  single: (val, unit) => `从训练集中留出 ${val} ${unit === 'windows' ? '个窗口' : '条'}作为验证集，用于早停。`,
};

function ctx(s: RunSummary, nets: number): Ctx {
  return {
    patience: Number(s.hyper.patience ?? 0),
    limit: Number(s.hyper.epochs ?? 0),
    lr: Number(s.hyper.lr ?? 0),
    single: nets === 1 && (s.metrics.train.planned_members ?? 1) === 1,
    total: nets,
    unit: s.task === 'forecast' ? 'windows' : 'rows',
  };
}

/** The early-stopping sentence: every network's stop reason, epochs and kept epoch, from the facts. */
export function stoppingClaim(s: RunSummary, lang: Lang): string {
  const T = lang === 'zh' ? ZH : EN;
  const t = s.metrics.train;
  const nets = t.networks;
  if (!nets?.length) return T.fallback(s.history.length, t.best_epoch);
  const c = ctx(s, nets.length);
  const groups = ORDER.map((r) => nets.filter((n) => n.stop === r)).filter((g) => g.length);
  const parts = groups.map(
    (g) =>
      `${T.who(
        c,
        g.map((n) => n.network),
      )}${lang === 'zh' ? '' : ' '}${T.reason(c, g[0].stop, g)}`,
  );
  const retries = nets.filter((n) => n.retried_lr !== undefined).map((n) => T.retried(c, n));
  const sentence = `${T.join(parts)}${lang === 'zh' ? '；' : '; '}${T.best(c, nets)}`;
  return [...retries, sentence].join(lang === 'zh' ? '' : ' ');
}

/** The validation / ensemble sentence: fold sizes, and which members were trained or cut short. */
export function ensembleClaim(s: RunSummary, lang: Lang, val: number): string {
  const T = lang === 'zh' ? ZH : EN;
  const t = s.metrics.train;
  const folds = t.fold_rows;
  const nets = t.networks ?? [];
  const c = ctx(s, nets.length || 1);
  const k = folds?.length ?? Number(t.members ?? 1);
  if (k <= 1 || !folds) return T.single(val, c.unit);
  const vals = folds.map((f) => f.val);
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  const sizes = lo === hi ? String(lo) : `${lo}–${hi}`;
  const total = folds[0].train + folds[0].val;
  const head = T.folds(c, total, k, sizes, s.task === 'forecast');
  const cut = nets.find((n) => n.stop === 'interrupted');
  return head + (cut ? T.cutShort(k, nets.length, cut.network) : T.allTrained(k, s.task === 'forecast'));
}

/**
 * Beats / ties / does not beat, as the reader sees the numbers (equal at 4 significant digits is a
 * tie). Error metrics win by an error reduction in %; accuracy wins by percentage points.
 */
export function verdict(
  m: Messages,
  pm: { key: string; path?: string; higher: boolean },
  mine: number,
  theirs: number,
  baseline: string,
): string {
  const I = m.interp;
  const metric = I.metricInText(pm.path ? `${pm.path}_${pm.key}` : pm.key);
  if (num(mine) === num(theirs)) return I.ties(metric, mine, baseline);
  const better = pm.higher ? mine > theirs : mine < theirs;
  if (!better) return I.notBeat(metric, mine, theirs, baseline);
  return pm.higher
    ? I.higherScore(metric, mine, theirs, (mine - theirs) * 100, baseline)
    : I.lowerError(metric, mine, theirs, Math.round((1 - mine / theirs) * 100), baseline);
}

/**
 * The scaling sentence of an image or signal run, from the note its job recorded (such runs have no
 * preprocessing table and are not z-scored column by column); undefined for tabular runs.
 */
export function scalingClaim(s: RunSummary, lang: Lang): string | undefined {
  for (const note of s.notes) {
    const px = /^pixels scaled to \[0, 1\] from ([^ ]+)\.\.([^ ]+)/.exec(note);
    if (px)
      return lang === 'zh'
        ? `像素值按训练集确定的取值范围 ${px[1]}..${px[2]} 线性缩放到 [0, 1]（未作逐列 Z-score 标准化）。`
        : `Pixel values were scaled linearly from their range ${px[1]}..${px[2]} to [0, 1] (no per-column z-scores).`;
    const sig = /^signals standardised with the training mean ([^ ]+) and standard deviation ([^ ]+)/.exec(note);
    if (sig)
      return lang === 'zh'
        ? `信号值用训练集的均值 ${sig[1]} 与标准差 ${sig[2]} 标准化。`
        : `Signal values were standardised with the training mean ${sig[1]} and standard deviation ${sig[2]}.`;
  }
  return undefined;
}
