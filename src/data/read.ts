// One entry point for every table nnm reads: CSV/TSV text (sync) or an .xlsx sheet (async).
// `tableReader` pre-reads the spreadsheets among the given files so that jobs keep a sync reader.

import { type LoadProgress, loadTable, type RawTable, type TableOptions } from './load.js';

/** How tables are read: the sheet of a workbook, the header row and the size limit. */
export interface ReadOptions extends TableOptions {
  sheet?: string;
}

/** The read options of a command's spec (train, predict, evaluate, inspect all carry these fields). */
export function readOptions(spec: { sheet?: string; headerRow?: number; maxCells?: number }): ReadOptions {
  return { sheet: spec.sheet, headerRow: spec.headerRow, maxCells: spec.maxCells };
}

/** .xlsx by its name; the spreadsheet reader itself is loaded only when one is read (start-up time). */
export function isSpreadsheet(file: string): boolean {
  return /\.xlsx$/i.test(file);
}

async function loadSpreadsheet(file: string, opts: ReadOptions): Promise<RawTable> {
  const excel = await import('./excel.js');
  return excel.loadSpreadsheet(file, opts);
}

export type TableReader = (file: string) => RawTable;

export async function readTable(file: string, opts: ReadOptions = {}): Promise<RawTable> {
  return isSpreadsheet(file) ? loadSpreadsheet(file, opts) : loadTable(file, opts);
}

/** A sync reader: spreadsheets among `files` are read now; any other file is read as text when first
 *  asked, and kept (the task inference, the job and its --cv folds read the same table once). */
export async function tableReader(
  files: (string | undefined)[],
  opts: ReadOptions = {},
  onProgress?: LoadProgress,
): Promise<TableReader> {
  const pre = new Map<string, RawTable>();
  for (const f of files)
    if (f !== undefined && isSpreadsheet(f) && !pre.has(f)) pre.set(f, await loadSpreadsheet(f, opts));
  return (file) => {
    let t = pre.get(file);
    if (!t) pre.set(file, (t = loadTable(file, opts, onProgress)));
    return t;
  };
}
