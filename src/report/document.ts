// The report as a list of blocks (headings, paragraphs, tables, figures, code), built once from a
// RunSummary and a message catalogue, then written as Markdown (markdown.ts) and HTML (html.ts).
// Inline markup inside text: `code` and **bold**.

import { rocCurve } from '../metrics/curves.js';
import type { Messages } from './i18n/index.js';
import { baselineStatusLines } from './baseline-status.js';
import { buildTables } from './report-tables.js';
import { analysisSections } from './analysis-md.js';
import { ensembleClaim, scalingClaim, stoppingClaim, verdict } from './claims.js';
import { cjkSpacing } from './i18n/spacing.js';
import { linesToBlocks } from './md-blocks.js';
import { num } from './numbers.js';
import type { Table } from './tables.js';
import type { RunSummary } from './types.js';

export type Block =
  | { kind: 'h1' | 'h2' | 'h3'; text: string }
  | { kind: 'p'; text: string }
  | { kind: 'quote'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'code'; text: string }
  | { kind: 'table'; caption: string; table: Table }
  | { kind: 'figure'; caption: string; id: string };

export interface FigureRef {
  id: string;
  caption: string;
}

export function buildDocument(
  s: RunSummary,
  m: Messages,
  figures: FigureRef[],
  tables: Table[] = buildTables(s, m),
  extraNotes: string[] = [],
): Block[] {
  const w = writer(m, tables);
  w.B.push({ kind: 'h1', text: m.title(s.model.toUpperCase(), m.taskName(s.task), s.target) });
  if (s.metrics.train.interrupted) w.B.push({ kind: 'quote', text: m.interrupted });
  dataSection(w, s, m);
  methodSection(w, s, m, figures);
  resultsSection(w, s, m, tables, figures, extraNotes);
  for (const sec of analysisSections(s, m.lang)) w.B.push(...linesToBlocks(sec.lines, `${sec.id}-`));
  w.B.push(
    { kind: 'h2', text: m.h.repro },
    { kind: 'code', text: s.command },
    { kind: 'p', text: m.repro(s.nnmVersion, s.seed, s.audit.sha256) },
  );
  return m.lang === 'zh' ? w.B.map(spaceBlock) : w.B;
}

/** The blocks being built, with placers that number tables and figures in the order they are placed. */
interface Writer {
  B: Block[];
  /** Place the table with this id, if there is one. */
  table: (id: string) => void;
  figure: (f: FigureRef) => void;
  has: (id: string) => boolean;
}

function writer(m: Messages, tables: Table[]): Writer {
  const B: Block[] = [];
  let tableNo = 0;
  let figNo = 0;
  const table = (id: string): void => {
    const t = tables.find((x) => x.id === id);
    if (t) B.push({ kind: 'table', caption: m.tableRef(++tableNo, t.caption), table: t });
  };
  const figure = (f: FigureRef): void => {
    B.push({ kind: 'figure', id: f.id, caption: m.figureRef(++figNo, f.caption) });
  };
  return { B, table, figure, has: (id) => tables.some((t) => t.id === id) };
}

/** Section 1: the data audit, imputation, notes and preprocessing. */
function dataSection(w: Writer, s: RunSummary, m: Messages): void {
  const { B } = w;
  B.push({ kind: 'h2', text: m.h.data }, { kind: 'h3', text: m.h.audit });
  const a = s.audit;
  B.push({
    kind: 'p',
    text: m.dataIntro(
      a.file,
      a.encoding,
      a.delimiter === '\t' ? '\\t' : a.delimiter,
      a.rows,
      a.columns.reduce((k, c) => k + Number(/\((\d+) pixel columns\)/.exec(c.name)?.[1] ?? 1), 0),
    ),
  });
  w.table('data');
  if (a.imputed.length)
    B.push(
      { kind: 'p', text: m.imputedIntro },
      { kind: 'list', items: a.imputed.map((i) => m.imputed(i.column, i.count, i.value)) },
    );
  const notes = [...new Set(s.notes)];
  B.push(...noteBlocks(notes, m, m.notesIntro));
  if (w.has('preprocessing')) {
    B.push({ kind: 'h3', text: m.h.preprocessing }, { kind: 'p', text: m.preprocessingIntro });
    w.table('preprocessing');
  }
}

/** Section 2: the method paragraphs, the network (table and diagram) and the hyperparameters. */
function methodSection(w: Writer, s: RunSummary, m: Messages, figures: FigureRef[]): void {
  const { B } = w;
  B.push({ kind: 'h2', text: m.h.method });
  for (const p of methodParagraphs(s, m)) B.push({ kind: 'p', text: p });
  B.push({ kind: 'h3', text: m.h.network });
  w.table('network');
  const net = figures.find((f) => f.id === 'network');
  if (net) w.figure(net);
  B.push({ kind: 'h3', text: m.h.hyper });
  w.table('hyperparameters');
}

/** Section 3: the metrics and their reading, any further tables, the other figures and the writer's notes. */
function resultsSection(
  w: Writer,
  s: RunSummary,
  m: Messages,
  tables: Table[],
  figures: FigureRef[],
  extraNotes: string[],
): void {
  const { B } = w;
  B.push({ kind: 'h2', text: m.h.results });
  w.table('metrics');
  const interp = interpretation(s, m);
  if (interp.length) B.push({ kind: 'list', items: interp });
  for (const t of tables.filter(
    (x) => !['data', 'preprocessing', 'network', 'hyperparameters', 'metrics'].includes(x.id),
  ))
    w.table(t.id);
  const rest = figures.filter((f) => f.id !== 'network');
  if (rest.length) {
    B.push({ kind: 'h3', text: m.h.figures });
    for (const f of rest) w.figure(f);
  }
  if (extraNotes.length) B.push({ kind: 'quote', text: extraNotes.join(' ') });
}

/** Chinese spacing on every text of a block (not code blocks). */
function spaceBlock(b: Block): Block {
  switch (b.kind) {
    case 'list':
      return { ...b, items: b.items.map(cjkSpacing) };
    case 'table':
      return {
        ...b,
        caption: cjkSpacing(b.caption),
        table: {
          ...b.table,
          caption: cjkSpacing(b.table.caption),
          header: b.table.header.map(cjkSpacing),
          rows: b.table.rows.map((r) => r.map(cjkSpacing)),
        },
      };
    case 'figure':
      return { ...b, caption: cjkSpacing(b.caption) };
    case 'code':
      return b;
    default:
      return { ...b, text: cjkSpacing(b.text) };
  }
}

/** The data notes as report blocks: translated ones as a list under `intro`, any without a
 *  translation (Chinese reports) quoted under their own heading. */
export function noteBlocks(notes: string[], m: Messages, intro: string): Block[] {
  if (!notes.length) return [];
  const known = notes.map((x) => m.translateNote(x));
  const untranslated = notes.filter((_, i) => known[i] === null);
  const out: Block[] = [];
  if (untranslated.length < notes.length)
    out.push({ kind: 'p', text: intro }, { kind: 'list', items: known.filter((x): x is string => x !== null) });
  if (untranslated.length)
    out.push({ kind: 'p', text: m.notesUntranslated }, { kind: 'code', text: untranslated.join('\n') });
  return out;
}

function methodParagraphs(s: RunSummary, m: Messages): string[] {
  const h = s.hyper;
  const d = s.metrics.data;
  const t = s.metrics.train;
  const si = s.splitInfo;
  const split = si ? m.split(si.kind, si.train, si.test, si.testFraction, s.seed, si.file) : s.split;
  const inputs = Number(d.inputs ?? s.inShape?.reduce((p, x) => p * x, 1) ?? 0);
  const last = s.layers[s.layers.length - 1];
  return m.method({
    model: m.modelName(s.model),
    why: m.whyModel(s.model, inputs, Number(d.train_rows ?? si?.train ?? 0)),
    inputs,
    outputs: last ? last.outShape.reduce((p, x) => p * x, 1) : 0,
    hidden: String(h.hidden ?? '—'),
    dropout: Number(h.dropout ?? 0),
    loss: m.lossName(s.task),
    params: s.paramCount,
    optimizer: String(h.optimizer ?? '—'),
    lr: Number(h.lr),
    batch: Number(h.batch_size),
    decay: Number(h.weight_decay ?? 0),
    maxEpochs: Number(h.epochs),
    split,
    val: Number(d.val_rows ?? si?.val ?? 0),
    members: Number(t.members ?? h.ensemble ?? 1),
    seed: s.seed,
    task: s.task,
    stopping: stoppingClaim(s, m.lang),
    scaling: scalingClaim(s, m.lang),
    ensemble: ensembleClaim(s, m.lang, Number(d.val_rows ?? si?.val ?? 0)),
    chain: s.layers.map((l) => l.description).join(' → '),
    clip: Number(h.clip_norm ?? 5),
    transforms: d.transform as { log: boolean; seasonalLag: number; diff: number } | undefined,
    tokens: typeof d.tokens === 'string' ? d.tokens : undefined,
    strategy: typeof h.strategy === 'string' ? h.strategy : undefined,
    covariates: Array.isArray(d.covariates) ? d.covariates.map(String) : undefined,
  });
}

/** Lower is better for error metrics; the primary metric of a task and where it sits in a metrics block. */
function primary(task: string): { key: string; path?: string; higher: boolean } {
  if (task === 'regress') return { key: 'rmse', higher: false };
  if (task === 'forecast') return { key: 'rmse', path: 'multi_step', higher: false };
  return { key: 'accuracy', higher: true };
}

function interpretation(s: RunSummary, m: Messages): string[] {
  const out: string[] = [];
  const test = s.metrics.test;
  const I = m.interp;
  if (typeof test.r2 === 'number') out.push(I.r2(test.r2, s.target));
  if (typeof test.mape === 'number') {
    // NOTE: Lewis's scale grades percentage errors; it says nothing when the model is worse than the
    // mean (R² < 0) or the target crosses zero (percentages of values near 0 are meaningless).
    const actual = (s.predictions?.actual ?? []).filter((v): v is number => typeof v === 'number');
    const crosses = actual.some((v) => v > 0) && actual.some((v) => v < 0);
    const worse = typeof test.r2 === 'number' && test.r2 < 0;
    out.push(worse || crosses ? I.mapeUngraded(test.mape, worse ? 'r2' : 'sign') : I.mape(test.mape));
  }
  if (typeof test.accuracy === 'number' && s.metrics.baselines.majority)
    out.push(I.accuracy(test.accuracy, Number(s.metrics.baselines.majority.accuracy)));
  const pm = primary(s.task);
  const pick = (block: Record<string, unknown>): number =>
    Number(pm.path ? (block[pm.path] as Record<string, unknown> | undefined)?.[pm.key] : block[pm.key]);
  const mine = pick(test);
  for (const [name, b] of Object.entries(s.metrics.baselines)) {
    const theirs = pick(b);
    if (Number.isFinite(mine) && Number.isFinite(theirs)) out.push(verdict(m, pm, mine, theirs, I.baselineName(name)));
  }
  out.push(...baselineStatusLines(s.metrics.baselines, m));
  const per = test.per_class as { label: string; f1: number; support: number }[] | undefined;
  if (typeof test.macro_f1 === 'number') out.push(I.macroF1(test.macro_f1));
  if (per?.length) {
    // NOTE: reduce, not Math.max(...): a spread over many classes can overflow the call stack.
    const max = per.reduce((m, c) => Math.max(m, c.support), -Infinity);
    const min = per.reduce((m, c) => Math.min(m, c.support), Infinity);
    if (min > 0 && max / min >= 3) out.push(I.imbalance(Math.round(max / min)));
    if (per.length > 2) {
      const weakest = per.reduce((w, c) => (c.f1 < w.f1 ? c : w));
      out.push(
        per.every((c) => num(c.f1, 3) === num(weakest.f1, 3))
          ? I.equalF1(weakest.f1)
          : I.weakest(weakest.label, weakest.f1),
      );
    }
    const labels = test.labels as string[] | undefined;
    const p = s.predictions;
    if (labels?.length === 2 && p?.probabilities)
      out.push(
        I.auc(
          rocCurve(
            p.probabilities.map((r) => r[1]),
            p.actual.map((y) => String(y) === labels[1]),
          ).auc,
        ),
      );
  }
  return out;
}
