// Numbers as a paper prints them, the one formatter of report.md, report.html, tables/*.tex and
// report.docx. Sentences use num(): a few significant digits and a true minus sign (U+2212; LaTeX
// escaping turns it into $-$). Tables are built with raw numbers (String(v)) in their right-aligned
// columns and pass through formatTable() once: each column gets one number of decimals, chosen from
// its largest magnitude for `sig` significant digits, so the decimal points line up and "1" never
// sits beside "0.9667". A "mean ± std" cell shows its std with the mean's decimals; an exact zero
// spread is "± 0", and a non-zero spread that would round to zero keeps one significant digit.

import type { Table } from './tables.js';

export const MINUS = '\u2212';

const minus = (s: string): string => s.replace(/^-/, MINUS).replace(/e-/, `e${MINUS}`);

/** One number in running text: `sig` significant digits, trailing zeros dropped, a true minus. */
export function num(v: unknown, sig = 4): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return minus(String(v));
  return minus(String(Number(v.toPrecision(sig))));
}

/** Fixed decimals, with a true minus and no "−0.000". */
export function fixed(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : minus(s);
}

/** Decimals that give `sig` significant digits to the largest magnitude (0 for whole numbers). */
export function columnDecimals(values: number[], sig = 4): number {
  const finite = values.filter(Number.isFinite);
  if (!finite.length || finite.every(Number.isInteger)) return 0;
  const max = Math.max(...finite.map(Math.abs));
  if (max === 0) return 0;
  return Math.min(6, Math.max(0, sig - 1 - Math.floor(Math.log10(max))));
}

/** The std of a "mean ± std" cell at the column's decimals (see the header). */
export function spread(std: number, decimals: number): string {
  if (std === 0) return '0';
  const s = fixed(std, decimals);
  if (Number(s) !== 0) return s;
  return num(Number(std.toPrecision(1)), 1);
}

const NUMBER = /^[-−]?(\d+\.?\d*|\.\d+)(e[-−+]?\d+)?$/i;

interface Parsed {
  bold: boolean;
  mean: number;
  std?: number;
}

function parseCell(cell: string): Parsed | null {
  const t = cell.trim();
  const bold = t.startsWith('**') && t.endsWith('**') && t.length > 4;
  const body = (bold ? t.slice(2, -2) : t).replace(/−/g, '-').trim();
  const parts = body.split('±').map((p) => p.trim());
  if (parts.length > 2 || !parts.every((p) => NUMBER.test(p))) return null;
  return { bold, mean: Number(parts[0]), ...(parts.length === 2 ? { std: Number(parts[1]) } : {}) };
}

/** Format every right-aligned column of a table whose cells are numbers (or "mean ± std"). */
export function formatTable(t: Table, sig = 4): Table {
  const rows = t.rows.map((r) => [...r]);
  t.align.forEach((a, c) => {
    if (a !== 'r') return;
    const parsed = rows.map((r) => (r[c] === undefined ? null : parseCell(r[c])));
    const values = parsed.filter((p): p is Parsed => p !== null).map((p) => p.mean);
    if (!values.length) return;
    const d = columnDecimals(values, sig);
    parsed.forEach((p, i) => {
      if (!p) return;
      const text = p.std === undefined ? fixed(p.mean, d) : `${fixed(p.mean, d)} ± ${spread(p.std, d)}`;
      rows[i][c] = p.bold ? `**${text}**` : text;
    });
  });
  return { ...t, rows };
}

/** Optimisers as papers write them: Adam, SGD, RMSprop (not ADAM or RMSPROP). */
export function optimizerName(o: string): string {
  return (
    ({ adam: 'Adam', sgd: 'SGD', rmsprop: 'RMSprop', adamw: 'AdamW' } as Record<string, string>)[o.toLowerCase()] ?? o
  );
}
