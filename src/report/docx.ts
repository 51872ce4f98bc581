// report.docx: the report's blocks as a Word document, for teams that write their paper in Word.
// Same sections as report.md/html; tables are real Word tables in the three-line style (a thick rule
// above and below, a thin one under the header, no vertical rules); figures are the PNGs. Fonts:
// Times New Roman for Latin text and SimSun (宋体) / SimHei (黑体, headings) for Chinese, set as the
// eastAsia font so Word picks the right one per character. Built with the `docx` package.

import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table as DocxTable,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import type { Block } from './document.js';
import type { Table } from './tables.js';

const LATIN = 'Times New Roman';
const MONO = 'Consolas';
const fonts = (lang: string, heading = false): { ascii: string; hAnsi: string; eastAsia: string; cs: string } => {
  const east = lang === 'zh' ? (heading ? 'SimHei' : 'SimSun') : LATIN;
  return { ascii: LATIN, hAnsi: LATIN, eastAsia: east, cs: LATIN };
};

/** Inline `code` and **bold** as runs. */
function runs(text: string, opts: { bold?: boolean; size?: number } = {}): TextRun[] {
  return text
    .split(/(`[^`]*`|\*\*[^*]+\*\*)/)
    .filter((p) => p !== '')
    .map((p) => {
      if (p.length >= 2 && p.startsWith('`') && p.endsWith('`'))
        return new TextRun({ text: p.slice(1, -1), font: MONO, size: opts.size });
      if (p.length >= 4 && p.startsWith('**') && p.endsWith('**'))
        return new TextRun({ text: p.slice(2, -2), bold: true, size: opts.size });
      return new TextRun({ text: p, bold: opts.bold, size: opts.size });
    });
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const rule = (size: number): { style: 'single'; size: number; color: string } => ({
  style: BorderStyle.SINGLE,
  size,
  color: '000000',
});

/** A three-line table: thick top and bottom rules, a thin rule under the header (and before a total row). */
function wordTable(t: Table): DocxTable {
  const last = t.rows.length - 1;
  const cell = (text: string, i: number, r: number): TableCell =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: t.align[i] === 'r' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: runs(text, { bold: r < 0, size: 20 }),
        }),
      ],
      borders: {
        top: r < 0 ? rule(12) : t.ruleAfter?.includes(r - 1) ? rule(4) : NONE,
        bottom: r < 0 ? rule(6) : r === last ? rule(12) : NONE,
        left: NONE,
        right: NONE,
      },
      margins: { left: 80, right: 80, top: 20, bottom: 20 },
    });
  return new DocxTable({
    alignment: AlignmentType.CENTER,
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows: [
      new TableRow({ tableHeader: true, children: t.header.map((h, i) => cell(h, i, -1)) }),
      ...t.rows.map((row, r) => new TableRow({ children: row.map((c, i) => cell(c, i, r)) })),
    ],
  });
}

/** Width and height of a PNG from its IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

const MAX_WIDTH = 560; // px at 96 dpi: about 14.8 cm, inside A4 margins

function figure(png: Uint8Array, caption: string): Paragraph[] {
  const { width, height } = pngSize(png);
  const w = Math.min(MAX_WIDTH, width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type: 'png',
          data: png,
          transformation: { width: w, height: Math.round((height * w) / width) },
        }),
      ],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: runs(caption, { size: 20 }) }),
  ];
}

function blockToDocx(b: Block, pngs: Map<string, Uint8Array>): (Paragraph | DocxTable)[] {
  switch (b.kind) {
    case 'h1':
      return [new Paragraph({ heading: HeadingLevel.TITLE, children: runs(b.text) })];
    case 'h2':
      return [new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(b.text) })];
    case 'h3':
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(b.text) })];
    case 'p':
      return [new Paragraph({ children: runs(b.text), spacing: { after: 120 } })];
    case 'quote':
      return [
        new Paragraph({
          children: runs(b.text),
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'E0A800', space: 8 } },
          indent: { left: 240 },
        }),
      ];
    case 'list':
      return b.items.map((i) => new Paragraph({ children: runs(i), bullet: { level: 0 } }));
    case 'code':
      return b.text
        .split('\n')
        .map((l) => new Paragraph({ children: [new TextRun({ text: l, font: MONO, size: 18 })] }));
    case 'table':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          spacing: { before: 200, after: 60 },
          children: runs(b.caption, { bold: true, size: 20 }),
        }),
        wordTable(b.table),
        new Paragraph({ children: [] }),
      ];
    case 'figure': {
      const png = pngs.get(b.id);
      return png ? figure(png, b.caption) : [];
    }
    default: {
      const never: never = b;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

export async function renderDocx(blocks: Block[], lang: string, pngs: Map<string, Uint8Array>): Promise<Uint8Array> {
  const heading = { run: { font: fonts(lang, true), bold: true, color: '000000' } };
  const doc = new Document({
    creator: 'nnm',
    title:
      blocks.find((b) => b.kind === 'h1')?.kind === 'h1'
        ? (blocks.find((b) => b.kind === 'h1') as { text: string }).text.replace(/`/g, '')
        : 'nnm',
    styles: {
      default: { document: { run: { font: fonts(lang), size: 22 } } },
      paragraphStyles: [
        {
          id: 'Title',
          name: 'Title',
          basedOn: 'Normal',
          next: 'Normal',
          ...heading,
          paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } },
        },
        {
          id: 'Heading1',
          name: 'Heading 1',
          basedOn: 'Normal',
          next: 'Normal',
          run: { ...heading.run, size: 30 },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        {
          id: 'Heading2',
          name: 'Heading 2',
          basedOn: 'Normal',
          next: 'Normal',
          run: { ...heading.run, size: 26 },
          paragraph: { spacing: { before: 200, after: 100 } },
        },
      ],
    },
    sections: [{ children: blocks.flatMap((b) => blockToDocx(b, pngs)) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
