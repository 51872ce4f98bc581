// Read a delimited text file into a raw table of strings, column by column.
// Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK, which
// Excel writes in China). Delimiter sniffed among , ; tab |. With ';' a decimal comma is allowed.

import { readFileSync, statSync } from 'node:fs';
import Papa from 'papaparse';
import { UserError } from '../errors.js';

export interface RawTable {
  file: string;
  names: string[];
  /** columns[c][r]: the cell of data row r (0-based, header excluded) in column c, trimmed. */
  columns: string[][];
  nRows: number;
  delimiter: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
  /** Cells like "12,5" are numbers (delimiter ';' and comma decimals seen). */
  decimalComma: boolean;
  notes: string[];
}

export function readTextFile(file: string): { text: string; encoding: RawTable['encoding'] } {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new UserError({ file, message: 'file not found', hint: 'check the path (run `ls` in that folder) or quote a name with spaces' });
  }
  if (st.isDirectory()) {
    throw new UserError({ file, message: 'is a folder, not a data file', hint: 'give a .csv file (a folder of images needs --task image)' });
  }
  const buf = readFileSync(file);
  return decode(buf, file);
}

export function decode(buf: Buffer, file: string): { text: string; encoding: RawTable['encoding'] } {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  const sample = buf.subarray(0, Math.min(buf.length, 65536));
  let nul = 0;
  for (const b of sample) if (b === 0) nul++;
  if (nul > 0) {
    throw new UserError({ file, message: 'is not a text file (it contains binary data)', hint: 'save the sheet as CSV (UTF-8) or give the .xlsx file' });
  }
  const body = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    return { text: new TextDecoder('gb18030').decode(body), encoding: 'gb18030' };
  }
}

export function loadTable(file: string): RawTable {
  const { text, encoding } = readTextFile(file);
  return parseTable(text, file, encoding);
}

export function parseTable(text: string, file: string, encoding: RawTable['encoding'] = 'utf-8'): RawTable {
  if (text.trim() === '') throw new UserError({ file, message: 'the file is empty', hint: 'give a CSV with a header line and data rows' });
  // NOTE: line ends are unified first: papaparse takes the first one it sees as the only one, so a
  // file edited by two tools (CRLF and LF mixed) would otherwise merge rows.
  const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), {
    header: false,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t', '|'],
  });
  const delimiter = parsed.meta.delimiter || ',';
  const quoteErr = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteErr) {
    throw new UserError({ file, row: (quoteErr.row ?? 0) + 1, message: 'a quoted field is never closed', hint: 'close the quote (") or remove it' });
  }
  const t = rawTableFromRows(parsed.data, file, { delimiter, encoding, notes: [] });
  const decimalComma = delimiter === ';' && t.columns.some((col) => col.some((v) => /^[-+]?\d+,\d+$/.test(v)));
  if (decimalComma) t.notes.push('decimal commas read as decimal points (the delimiter is ";")');
  return { ...t, decimalComma };
}

/** Rows of cell text (header first) -> RawTable: unique names, trimmed cells, ragged rows refused. */
export function rawTableFromRows(
  data: string[][], file: string, meta: { delimiter: string; encoding: RawTable['encoding']; notes: string[] },
): RawTable {
  const { delimiter, encoding } = meta;
  if (data.length === 0 || data[0].every((h) => h.trim() === '')) throw new UserError({ file, message: 'the file is empty', hint: 'give a table with a header line and data rows' });
  const header = data[0].map((h) => h.trim());
  const nRows = data.length - 1;
  if (nRows < 1) throw new UserError({ file, message: 'has a header line but no data rows', hint: 'add data rows below the header' });
  const notes = meta.notes;
  const names = uniqueNames(header, notes);
  const C = names.length;
  for (let r = 1; r < data.length; r++) {
    const n = data[r].length;
    if (n !== C) {
      throw new UserError({
        file,
        row: r + 1,
        message: `has ${n} field${n === 1 ? '' : 's'} but the header has ${C}`,
        hint: n > C ? `quote cells that contain "${delimiter === '\t' ? '\\t' : delimiter}" or remove the extra fields` : 'fill in the missing fields (empty cells are fine: a,,c)',
      });
    }
  }
  const columns: string[][] = names.map(() => new Array<string>(nRows));
  for (let r = 0; r < nRows; r++) {
    const row = data[r + 1];
    for (let c = 0; c < C; c++) columns[c][r] = row[c].trim();
  }
  return { file, names, columns, nRows, delimiter, encoding, decimalComma: false, notes };
}

function uniqueNames(header: string[], notes: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h, i) => {
    let name = h === '' ? `column_${i + 1}` : h;
    if (h === '') notes.push(`column ${i + 1} has no name; called it "${name}"`);
    const k = seen.get(name) ?? 0;
    seen.set(name, k + 1);
    if (k > 0) {
      const renamed = `${name}_${k + 1}`;
      notes.push(`the header name "${name}" appears more than once; column ${i + 1} is called "${renamed}"`);
      name = renamed;
    }
    return name;
  });
}
