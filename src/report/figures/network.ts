// The network diagram, drawn as SVG directly (a stack of boxes joined by arrows is not a chart, and
// hand-placed boxes stay readable for any number of layers): one box per layer with its
// description, output shape and parameter count, the input on top.

import { FONT_STACK } from './charts.js';

export interface DiagramLayer {
  description: string;
  outShape: number[];
  params: number;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function colour(description: string): string {
  const kind = description.split('(')[0].toLowerCase();
  if (kind.includes('dense')) return '#dbe9f6';
  if (kind.includes('conv')) return '#fde2c8';
  if (kind.includes('lstm') || kind.includes('gru') || kind.includes('rnn')) return '#e3d7ef';
  if (kind.includes('activation')) return '#dcefd9';
  return '#eeeeee';
}

export function networkDiagramSvg(
  inShape: number[] | undefined,
  layers: DiagramLayer[],
  total: number,
  t: { inputLayer: string; output: string; params: string; total: string },
): string {
  const W = 460;
  const boxW = 340;
  const boxH = 40;
  const gap = 18;
  const x0 = (W - boxW) / 2;
  const rows: { title: string; sub: string; fill: string }[] = [];
  if (inShape) rows.push({ title: t.inputLayer, sub: `${t.output} ${inShape.join('×')}`, fill: '#fff6cc' });
  for (const l of layers)
    rows.push({
      title: l.description,
      sub: `${t.output} ${l.outShape.join('×')} · ${t.params} ${l.params}`,
      fill: colour(l.description),
    });
  const H = 16 + rows.length * (boxH + gap) + 16;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${esc(FONT_STACK)}">`,
  );
  out.push(
    '<defs><marker id="nnm-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
  );
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  rows.forEach((r, i) => {
    const y = 16 + i * (boxH + gap);
    out.push(`<rect x="${x0}" y="${y}" width="${boxW}" height="${boxH}" rx="6" fill="${r.fill}" stroke="#555"/>`);
    out.push(`<text x="${W / 2}" y="${y + 17}" font-size="13" text-anchor="middle" fill="#111">${esc(r.title)}</text>`);
    out.push(`<text x="${W / 2}" y="${y + 32}" font-size="11" text-anchor="middle" fill="#444">${esc(r.sub)}</text>`);
    if (i < rows.length - 1)
      out.push(
        `<line x1="${W / 2}" y1="${y + boxH}" x2="${W / 2}" y2="${y + boxH + gap - 1}" stroke="#555" stroke-width="1.4" marker-end="url(#nnm-arrow)"/>`,
      );
  });
  out.push(
    `<text x="${W / 2}" y="${H - 4}" font-size="11" text-anchor="middle" fill="#333">${esc(`${t.total} ${t.params}: ${total}`)}</text>`,
  );
  out.push('</svg>');
  return out.join('\n');
}
