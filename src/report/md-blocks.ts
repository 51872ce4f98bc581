// Markdown lines (headings, paragraphs, pipe tables, each optionally after a `Table: caption` line) to report blocks, so sections written as
// Markdown (report/analysis-md.ts) appear in report.md, report.html and tables/ alike.

import type { Block } from './document.js';
import { formatTable } from './numbers.js';

export function linesToBlocks(lines: string[], idPrefix: string): Block[] {
  const out: Block[] = [];
  let para: string[] = [];
  let n = 0;
  let caption: string | undefined;
  const flush = (): void => {
    if (para.length) out.push({ kind: 'p', text: para.join(' ') });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('### ')) {
      flush();
      out.push({ kind: 'h3', text: l.slice(4) });
    } else if (l.startsWith('# ')) {
      flush();
      out.push({ kind: 'h1', text: l.slice(2) });
    } else if (l.startsWith('- ')) {
      flush();
      const items: string[] = [];
      while (i < lines.length && lines[i].startsWith('- ')) items.push(lines[i++].slice(2));
      i--;
      out.push({ kind: 'list', items });
    } else if (l.startsWith('## ')) {
      flush();
      out.push({ kind: 'h2', text: l.slice(3) });
    } else if (l.startsWith('Table: ')) {
      flush();
      caption = l.slice(7);
    } else if (l.startsWith('|')) {
      flush();
      const rows: string[][] = [];
      while (i < lines.length && lines[i].startsWith('|')) rows.push(cells(lines[i++]));
      i--;
      const [header, sep, ...body] = rows;
      const align = (sep ?? []).map((c) => (c.endsWith(':') ? 'r' : 'l'));
      const cap =
        caption ??
        (out.length && out[out.length - 1].kind.startsWith('h')
          ? (out[out.length - 1] as { text: string }).text
          : header.join(', '));
      caption = undefined;
      const table = formatTable({ id: `${idPrefix}${++n}`, caption: cap, header, align, rows: body });
      out.push({ kind: 'table', caption: cap, table });
    } else if (l.trim() === '') flush();
    else para.push(l);
  }
  flush();
  return out;
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
}
