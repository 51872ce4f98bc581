// report.html: one self-contained file (inline CSS, figures as SVG data URIs, no scripts, no
// external requests), so it can be mailed or opened offline. Data URIs rather than inline <svg>
// keep each figure's internal ids (clip paths, markers) from clashing with another's.

import type { Block } from './document.js';
import { FONT_STACK } from './figures/charts.js';
import type { Table } from './tables.js';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Escape, then `code` -> <code>, **bold** -> <strong>. */
function inline(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.length >= 2 && part.startsWith('`') && part.endsWith('`')
        ? `<code>${esc(part.slice(1, -1))}</code>`
        : esc(part).replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>'),
    )
    .join('');
}

function table(t: Table, caption: string): string {
  const cell = (tag: string, s: string, i: number): string =>
    `<${tag}${t.align[i] === 'r' ? ' class="num"' : ''}>${inline(s)}</${tag}>`;
  const rows = t.rows.map(
    (r, k) =>
      `<tr${t.ruleAfter?.includes(k - 1) ? ' class="rule"' : ''}>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`,
  );
  return `<table id="tab-${t.id}"><caption>${inline(caption)}</caption><thead><tr>${t.header.map((h, i) => cell('th', h, i)).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const CSS = `body{font-family:${FONT_STACK};max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#222}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.1rem}
table{border-collapse:collapse;margin:1rem auto;border-top:2px solid #000;border-bottom:2px solid #000}
thead tr{border-bottom:1px solid #000}tr.rule{border-top:1px solid #000}th,td{padding:.25rem .8rem;text-align:left}.num{text-align:right}
caption{caption-side:top;padding:.3rem;font-weight:bold}figure{margin:1.2rem 0;text-align:center}figure img{max-width:100%;height:auto}
figcaption{font-size:.92rem;color:#333;margin-top:.3rem}pre{background:#f6f6f6;padding:.6rem;overflow-x:auto;white-space:pre-wrap}
code{font-family:Consolas,Menlo,"DejaVu Sans Mono",monospace;font-size:.9em}blockquote{border-left:4px solid #e0a800;margin:1rem 0;padding:.3rem 1rem;background:#fff8e1}`;

export function renderHtml(blocks: Block[], lang: string, svgs: Map<string, string>): string {
  const body: string[] = [];
  let title = 'nnm';
  for (const b of blocks) {
    switch (b.kind) {
      case 'h1':
        title = b.text.replace(/`/g, '');
        body.push(`<h1>${inline(b.text)}</h1>`);
        break;
      case 'h2':
        body.push(`<h2>${inline(b.text)}</h2>`);
        break;
      case 'h3':
        body.push(`<h3>${inline(b.text)}</h3>`);
        break;
      case 'p':
        body.push(`<p>${inline(b.text)}</p>`);
        break;
      case 'quote':
        body.push(`<blockquote>${inline(b.text)}</blockquote>`);
        break;
      case 'list':
        body.push(`<ul>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</ul>`);
        break;
      case 'code':
        body.push(`<pre><code>${esc(b.text)}</code></pre>`);
        break;
      case 'table':
        body.push(table(b.table, b.caption));
        break;
      case 'figure': {
        const svg = svgs.get(b.id);
        if (!svg) break;
        const uri = `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
        body.push(
          `<figure id="fig-${b.id}"><img src="${uri}" alt="${esc(b.caption)}"><figcaption>${inline(b.caption)}</figcaption></figure>`,
        );
        break;
      }
      default: {
        const never: never = b;
        throw new Error(`unknown block ${JSON.stringify(never)}`);
      }
    }
  }
  return `<!DOCTYPE html>\n<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${esc(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n${body.join('\n')}\n</body>\n</html>\n`;
}
