// report.md: the report's blocks as Markdown; figures are linked from figures/ (SVG).

import type { Block } from './document.js';
import { toMarkdownTable } from './tables.js';

export function renderMarkdown(blocks: Block[]): string {
  const L: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'h1':
        L.push(`# ${b.text}`, '');
        break;
      case 'h2':
        L.push(`## ${b.text}`, '');
        break;
      case 'h3':
        L.push(`### ${b.text}`, '');
        break;
      case 'p':
        L.push(b.text, '');
        break;
      case 'quote':
        L.push(`> ${b.text}`, '');
        break;
      case 'list':
        L.push(...b.items.map((i) => `- ${i}`), '');
        break;
      case 'code':
        L.push('```', b.text, '```', '');
        break;
      case 'table':
        L.push(`**${b.caption}**`, '', toMarkdownTable(b.table), '');
        break;
      case 'figure':
        L.push(`![${b.caption.replace(/[[\]]/g, '')}](figures/${b.id}.svg)`, '', `*${b.caption}*`, '');
        break;
      default: {
        const never: never = b;
        throw new Error(`unknown block ${JSON.stringify(never)}`);
      }
    }
  }
  return L.join('\n');
}
