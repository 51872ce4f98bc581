// One entry point for every table nnm reads: CSV/TSV text (sync) or an .xlsx sheet (async).
// `tableReader` pre-reads the spreadsheets among the given files so that jobs keep a sync reader.

import { type LoadProgress, loadTable, type RawTable } from './load.js';

/** .xlsx by its name; the spreadsheet reader itself is loaded only when one is read (start-up time). */
export function isSpreadsheet(file: string): boolean {
  return /\.xlsx$/i.test(file);
}

async function loadSpreadsheet(file: string, sheet?: string): Promise<RawTable> {
  const excel = await import('./excel.js');
  return excel.loadSpreadsheet(file, sheet);
}

export type TableReader = (file: string) => RawTable;

export async function readTable(file: string, sheet?: string): Promise<RawTable> {
  return isSpreadsheet(file) ? loadSpreadsheet(file, sheet) : loadTable(file);
}

/** A sync reader: spreadsheets among `files` are read now; any other file is read as text when first
 *  asked, and kept (the task inference, the job and its --cv folds read the same table once). */
export async function tableReader(files: (string | undefined)[], sheet?: string, onProgress?: LoadProgress): Promise<TableReader> {
  const pre = new Map<string, RawTable>();
  for (const f of files) if (f !== undefined && isSpreadsheet(f) && !pre.has(f)) pre.set(f, await loadSpreadsheet(f, sheet));
  return (file) => {
    let t = pre.get(file);
    if (!t) pre.set(file, (t = loadTable(file, onProgress)));
    return t;
  };
}
