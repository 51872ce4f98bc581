// Which row is the header. `--header-row N` names it (1-based, as a spreadsheet counts rows, blank
// rows included); otherwise title lines above it are detected and skipped: contest attachments often
// start with a line such as "附件1 某地区数据" (one filled cell, or far fewer than the header), then the
// header. A title line is only skipped when the row after it looks like a header: at least two filled
// cells, none of them a number, and at least three times as many filled cells as the title.

import { UserError } from '../errors.js';

/** Rows (cells as text) in file order; blank rows are dropped here, after they were counted. */
export interface RowSink {
  add(row: string[]): void;
}

/** At most this many title lines are skipped automatically. */
const MAX_TITLE_LINES = 3;
const NUMBER = /^[-+]?(\d[\d,. \u00a0\u202f]*|\.\d+)([eE][-+]?\d+)?%?$/;

const filled = (row: string[]): number => row.reduce((n, c) => (c.trim() !== '' ? n + 1 : n), 0);

/** A header: at least two filled cells, none of them a number. */
function isHeaderLike(row: string[]): boolean {
  return filled(row) >= 2 && row.every((c) => c.trim() === '' || !NUMBER.test(c.trim()));
}

/** A title line above `header`: one filled cell, or at most a third as many as the header. */
function isTitleOf(row: string[], header: string[]): boolean {
  const f = filled(row);
  const g = filled(header);
  return f < g && (f === 1 || 3 * f <= g);
}

/** How many leading rows are title lines: the first header-like row with only titles above it. */
function titleLines(rows: string[][]): number {
  for (let i = 1; i <= Math.min(MAX_TITLE_LINES, rows.length - 1); i++) {
    const header = rows[i];
    if (isHeaderLike(header) && rows.slice(0, i).every((r) => isTitleOf(r, header))) return i;
  }
  return 0;
}

function preview(row: string[]): string {
  const text = row
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .join(' ');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Feeds `sink` from the header on. Explicit: rows 1..N-1 are dropped. Auto: the first few non-blank
 * rows are held until the header is decided. Notes say what was skipped.
 */
export class HeaderPicker implements RowSink {
  private rowNo = 0;
  private pending: { row: string[]; no: number }[] = [];
  private decided: boolean;

  constructor(
    private readonly sink: RowSink,
    private readonly file: string,
    private readonly notes: string[],
    private readonly headerRow?: number,
  ) {
    this.decided = headerRow === undefined ? false : true;
  }

  add(row: string[]): void {
    const no = ++this.rowNo;
    if (this.headerRow !== undefined && no < this.headerRow) return;
    if (row.every((c) => c.trim() === '')) return;
    if (this.decided) {
      this.sink.add(row);
      return;
    }
    this.pending.push({ row, no });
    if (this.pending.length > MAX_TITLE_LINES + 1) this.decide();
  }

  /** Call once after the last row. */
  finish(): void {
    if (this.headerRow !== undefined) {
      if (this.rowNo < this.headerRow) {
        throw new UserError({
          file: this.file,
          message: `--header-row ${this.headerRow} is past the end: the file has ${this.rowNo} row(s)`,
          hint: 'give the row number of the header line, as a spreadsheet shows it',
        });
      }
      if (this.headerRow > 1)
        this.notes.push(
          `read row ${this.headerRow} as the header (--header-row); row numbers in messages count the header as row 1`,
        );
    }
    if (!this.decided) this.decide();
  }

  private decide(): void {
    this.decided = true;
    const p = this.pending;
    const skip = titleLines(p.map((x) => x.row));
    if (skip > 0) {
      const lines = p
        .slice(0, skip)
        .map((x) => `row ${x.no} ("${preview(x.row)}")`)
        .join(', ');
      this.notes.push(
        `skipped the title line${skip > 1 ? 's' : ''} ${lines} above the header (row ${p[skip].no}); use --header-row N to choose the header; row numbers in messages count the header as row 1`,
      );
    }
    for (const x of p.slice(skip)) this.sink.add(x.row);
    this.pending = [];
  }
}
