// The human side of a run folder, from its RunSummary alone: figures/ (SVG + PNG), tables/
// (LaTeX + Markdown), report.md, report.html and report.docx, in English or Chinese. `nnm train` calls it after
// training and `nnm report` calls it on summary.json, so a report can be rebuilt without retraining.

import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { writeAtomic } from './files.js';
import { findFonts } from './figures/fonts.js';
import { messages, type ReportLang } from './i18n/index.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { runId, type Table, toLatex, toMarkdownTable } from './tables.js';
import { NETWORK_REPORT, type ReportPart } from './part.js';
import type { RunSummary } from './types.js';

export type { ReportPart } from './part.js';

export const SUMMARY_FILE = 'summary.json';

export interface ReportResult {
  /** Written files, relative to the run folder. */
  files: string[];
  /** Wall time of the figure rendering alone. */
  figureSeconds: number;
  /** Things the user should know (e.g. no CJK font for the PNGs). */
  notes: string[];
}

export function summaryJson(s: RunSummary): string {
  return `${JSON.stringify(s)}\n`;
}

/** Read a run folder's summary.json; a missing or foreign file is a user error. */
export function readSummary(dir: string): RunSummary {
  const path = join(dir, SUMMARY_FILE);
  if (!existsSync(path)) {
    throw new UserError({
      file: path,
      message: 'not found',
      hint: 'give a run folder written by nnm train (runs/...); folders from an older nnm need retraining',
    });
  }
  let s: RunSummary;
  try {
    s = JSON.parse(readFileSync(path, 'utf8')) as RunSummary;
  } catch (e) {
    if (e instanceof SyntaxError)
      throw new UserError({
        file: path,
        message: `is not valid JSON (${e.message})`,
        hint: 'rerun nnm train to write it again',
      });
    throw e;
  }
  if (typeof s.task !== 'string' || !Array.isArray(s.layers) || typeof s.metrics !== 'object' || !s.audit) {
    throw new UserError({
      file: path,
      message: 'is not an nnm run summary',
      hint: 'give a run folder written by nnm train',
    });
  }
  return s;
}

/** Every network's loss history from the run folder's history.csv (its `member` column), if any. */
export function memberHistories(dir: string): RunSummary['history'][] {
  const path = join(dir, 'history.csv');
  if (!existsSync(path)) return [];
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = head.split(',');
  const at = (name: string): number => cols.indexOf(name);
  if (at('member') < 0 || at('val_loss') < 0) return [];
  const out: RunSummary['history'][] = [];
  for (const l of lines) {
    const v = l.split(',').map(Number);
    (out[v[at('member')] - 1] ??= []).push({
      epoch: v[at('epoch')],
      train_loss: v[at('train_loss')],
      val_loss: v[at('val_loss')],
      lr: v[at('lr')],
    });
  }
  return out.filter(Boolean);
}

/** `name`: the run folder's name for the LaTeX labels (the writer may be filling a staging copy). */
export async function writeReport(
  dir: string,
  s: RunSummary,
  lang: ReportLang,
  fontDirs: string[],
  part: ReportPart = NETWORK_REPORT,
  name = basename(resolve(dir)),
): Promise<ReportResult> {
  const m = messages(lang);
  const figs = part.figures(s, m, memberHistories(dir));
  const files: string[] = [];
  const notes: string[] = [];
  const put = (name: string, content: string | Uint8Array): void => {
    writeAtomic(join(dir, name), content);
    files.push(name);
  };
  const fonts = findFonts(fontDirs);
  if (!fonts.cjk && /[\u3400-\u9fff]/.test(JSON.stringify(figs))) notes.push(m.pngFontMissing);
  const t0 = performance.now();
  // Lazy: vega, vega-lite and resvg load only when a report is written.
  const { renderFigures } = await import('./figures/render.js');
  const rendered = await renderFigures(figs, fonts);
  const figureSeconds = (performance.now() - t0) / 1000;
  for (const f of rendered) {
    put(`figures/${f.id}.svg`, f.svg);
    put(`figures/${f.id}.png`, f.png);
  }
  const tables = part.tables(s, m);
  const blocks = part.document(
    s,
    m,
    figs.map((f) => ({ id: f.id, caption: f.caption })),
    tables,
    notes,
  );
  // Every table of the report (the analysis sections' too) goes to tables/, labelled per run.
  const run = runId(name);
  const all = blocks.flatMap((b): Table[] => (b.kind === 'table' ? [b.table] : []));
  for (const t of all) {
    put(`tables/${t.id}.tex`, toLatex(t, run));
    put(`tables/${t.id}.md`, `**${t.caption}**\n\n${toMarkdownTable(t)}\n`);
  }
  put('report.md', renderMarkdown(blocks));
  put('report.html', renderHtml(blocks, lang, new Map(rendered.map((f) => [f.id, f.svg]))));
  // Lazy like the figures: the docx package loads only when a report is written.
  const { renderDocx } = await import('./docx.js');
  put('report.docx', await renderDocx(blocks, lang, new Map(rendered.map((f) => [f.id, f.png]))));
  return { files, figureSeconds, notes };
}
