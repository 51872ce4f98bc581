// Excel (.xlsx) input: the first sheet, or one named by --sheet, read into the same RawTable a CSV
// gives: numbers as their shortest decimal text, dates as ISO strings (YYYY-MM-DD, or with the time
// when it is not midnight), booleans as true/false, empty cells as "". Reading is async (the library
// unzips in a stream), so callers pre-read spreadsheets with `tableReader` and hand a sync reader down.
// NOTE: read-excel-file (maintained, 4 small dependencies), not the npm `xlsx` package, whose registry
// versions carry known advisories and are no longer published there.

import { statSync } from 'node:fs';
import { readSheet, InvalidInputError, SheetNotFoundError } from 'read-excel-file/node';
import { UserError } from '../errors.js';
import { rawTableFromRows, type RawTable } from './load.js';

export async function loadSpreadsheet(file: string, sheet?: string): Promise<RawTable> {
  try {
    if (statSync(file).isDirectory()) throw new UserError({ file, message: 'is a folder, not a data file', hint: 'give a .xlsx or .csv file' });
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError({ file, message: 'file not found', hint: 'check the path (run `ls` in that folder) or quote a name with spaces' });
  }
  let rows: unknown[][];
  try {
    rows = (await readSheet(file, sheet ?? 1)) as unknown[][];
  } catch (e) {
    if (e instanceof SheetNotFoundError) {
      const names = (e as SheetNotFoundError & { sheets?: string[] }).sheets ?? [];
      throw new UserError({ file, message: `has no sheet "${sheet}"`, hint: names.length ? `sheets: ${names.join(', ')}` : 'check --sheet' });
    }
    if (e instanceof InvalidInputError || (e instanceof Error && e.name === 'InvalidSpreadsheetError')) {
      throw new UserError({ file, message: `is not a readable .xlsx workbook (${e.message})`, hint: 'save it from Excel as .xlsx (an old .xls must be re-saved) or as CSV UTF-8' });
    }
    throw e;
  }
  // A sheet's rows differ in length and may hold empty rows: pad to the widest used column, drop empty rows.
  const cells = rows.map((r) => r.map(cellText)).filter((r, i) => i === 0 || r.some((c) => c !== ''));
  const width = Math.max(0, ...cells.map((r) => r.reduce((w, c, i) => (c !== '' ? i + 1 : w), 0)));
  const text = cells.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  const notes: string[] = [];
  if (sheet === undefined) notes.push('read the first sheet of the workbook (use --sheet NAME for another)');
  return rawTableFromRows(text, file, { delimiter: 'xlsx', encoding: 'utf-8', notes });
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', '').replace('T', ' ');
  }
  return String(v).trim();
}
