// The part of the `docx` package (9.7) that report/docx.ts uses. NOTE: docx ships ESM type
// declarations with extension-less relative imports ("./file"), which TypeScript's NodeNext
// resolution cannot follow, so every export would be missing; this ambient module stands in for them.
// Option objects are kept as loose as docx's own where report/docx.ts does not need more.

declare module 'docx' {
  type Options = Record<string, unknown>;
  export const AlignmentType: { readonly LEFT: 'left'; readonly RIGHT: 'right'; readonly CENTER: 'center' };
  export const BorderStyle: { readonly SINGLE: 'single'; readonly NONE: 'none' };
  export const HeadingLevel: {
    readonly TITLE: 'Title';
    readonly HEADING_1: 'Heading1';
    readonly HEADING_2: 'Heading2';
  };
  export class TextRun {
    constructor(options: { text: string; bold?: boolean; size?: number; font?: string });
  }
  export class ImageRun {
    constructor(options: { type: 'png'; data: Uint8Array; transformation: { width: number; height: number } });
  }
  export class Paragraph {
    constructor(options: Options & { children?: (TextRun | ImageRun)[] });
  }
  export class TableCell {
    constructor(options: Options & { children: Paragraph[] });
  }
  export class TableRow {
    constructor(options: Options & { children: TableCell[] });
  }
  export class Table {
    constructor(options: Options & { rows: TableRow[] });
  }
  export class Document {
    constructor(options: Options & { sections: { children: (Paragraph | Table)[] }[] });
  }
  export const Packer: { toBuffer(doc: Document): Promise<Uint8Array> };
}
