// Excel (.xlsx) input: the first sheet, or one named by --sheet, read into the same RawTable a CSV
// gives: numbers as their shortest decimal text, dates as ISO strings (YYYY-MM-DD, or with the time
// when it is not midnight), booleans as true/false, empty cells as "". Reading is async (the library
// unzips in a stream), so callers pre-read spreadsheets with `tableReader` and hand a sync reader down.
// NOTE: read-excel-file (maintained, 4 small dependencies), not the npm `xlsx` package, whose registry
// versions carry known advisories and are no longer published there.

import { readSheet, InvalidInputError, SheetNotFoundError } from 'read-excel-file/node';
import { UserError } from '../errors.js';
import { readDataFile } from './file-read.js';
import { DEFAULT_MAX_CELLS, rawTableFromRows, type RawTable } from './load.js';
import type { ReadOptions } from './read.js';
import { checkWorkbook } from './xlsx-guard.js';

export async function loadSpreadsheet(file: string, opts: ReadOptions = {}): Promise<RawTable> {
  const { sheet, maxCells = DEFAULT_MAX_CELLS } = opts;
  const buf = readDataFile(file);
  await checkWorkbook(buf, file, sheet, maxCells);
  let rows: unknown[][];
  try {
    rows = await readSheet(buf, sheet ?? 1);
  } catch (e) {
    if (e instanceof SheetNotFoundError) {
      const names = (e as SheetNotFoundError & { sheets?: string[] }).sheets ?? [];
      throw new UserError({
        file,
        message: sheet === undefined ? 'the workbook has no sheets' : `has no sheet "${sheet}"`,
        hint: names.length ? `sheets: ${names.join(', ')}` : 'check --sheet',
      });
    }
    if (e instanceof InvalidInputError || (e instanceof Error && e.name === 'InvalidSpreadsheetError')) {
      throw new UserError({
        file,
        message: `is not a readable .xlsx workbook (${e.message})`,
        hint: 'save it from Excel as .xlsx (an old .xls must be re-saved) or as CSV UTF-8',
      });
    }
    throw e;
  }
  // A sheet's rows differ in length and may hold empty rows: pad to the widest used column (the header
  // picker drops empty rows). NOTE: a loop, not Math.max(...rows): 120k+ rows overflow the call stack.
  const cells = rows.map((r) => r.map(cellText));
  let width = 0;
  for (const r of cells) {
    for (let i = r.length - 1; i >= width; i--) {
      if (r[i] !== '') {
        width = i + 1;
        break;
      }
    }
  }
  const text = cells.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  const notes: string[] = [];
  if (sheet === undefined) notes.push('read the first sheet of the workbook (use --sheet NAME for another)');
  return rawTableFromRows(text, file, { delimiter: 'xlsx', encoding: 'utf-8', notes }, opts);
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', '').replace('T', ' ');
  }
  if (typeof v === 'string') return v.trim();
  return typeof v === 'bigint' ? v.toString() : (JSON.stringify(v) ?? '');
}
