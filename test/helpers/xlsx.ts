// Write .xlsx fixtures with write-excel-file (the sister writer of read-excel-file), numbers as
// numbers and ISO dates as date cells, so tests read what Excel would hand us.

import { readFileSync } from 'node:fs';
import writeXlsxFile from 'write-excel-file/node';

type Cell = string | number | Date | null;

export async function csvToXlsx(csvPath: string, xlsxPath: string, sheet = 'Sheet1'): Promise<void> {
  const lines = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
  const rows: Cell[][] = lines.map((l, i) =>
    l.split(',').map((c) => (i > 0 && c !== '' && !Number.isNaN(Number(c)) ? Number(c) : c === '' ? null : c)),
  );
  await writeRows(rows, xlsxPath, sheet);
}

export async function writeRows(rows: Cell[][], xlsxPath: string, sheet = 'Sheet1'): Promise<void> {
  const data = rows.map((r) =>
    r.map((v) =>
      v instanceof Date ? { value: v, type: Date, format: 'yyyy-mm-dd' } : v === null ? null : { value: v },
    ),
  );
  await writeXlsxFile(data as never, { sheet }).toFile(xlsxPath);
}
