import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/data/read.js';
import { inferSchema } from '../../src/data/schema.js';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';
import { csvToXlsx, writeRows } from '../helpers/xlsx.js';

describe('Excel input', () => {
  it('reads numbers as values, dates as ISO strings, empty cells as missing', async () => {
    const f = join(tempDir(), 'sales.xlsx');
    await writeRows(
      [
        ['date', 'units', 'region'],
        [new Date(Date.UTC(2024, 0, 31)), 12.5, 'north'],
        [new Date(Date.UTC(2024, 1, 29)), null, 'south'],
        [new Date(Date.UTC(2024, 2, 31)), 7, null],
      ],
      f,
    );
    const t = await readTable(f);
    expect(t.names).toEqual(['date', 'units', 'region']);
    expect(t.columns).toEqual([
      ['2024-01-31', '2024-02-29', '2024-03-31'],
      ['12.5', '', '7'],
      ['north', 'south', ''],
    ]);
    const s = inferSchema(t);
    expect(s.columns.map((c) => c.type)).toEqual(['date', 'number', 'category']);
    expect(s.columns[1].missing).toBe(1);
  });

  it('picks a sheet by --sheet and names the sheets when it does not exist', async () => {
    const f = join(tempDir(), 'book.xlsx');
    await writeRows(
      [
        ['a', 'b'],
        [1, 2],
      ],
      f,
      'Data',
    );
    expect((await readTable(f, { sheet: 'Data' })).nRows).toBe(1);
    await expect(readTable(f, { sheet: 'Nope' })).rejects.toThrow(/has no sheet "Nope"/);
    const r = await runCli(['train', f, '--sheet', 'Nope', '--out', join(tempDir(), 'r')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sheets: Data');
  });

  it('an .xlsx copy of iris trains to the same metrics as the CSV', async () => {
    const dir = tempDir();
    const xlsx = join(dir, 'iris.xlsx');
    await csvToXlsx(SAMPLE('iris.csv'), xlsx);
    const a = await runCli(['train', SAMPLE('iris.csv'), '--out', join(dir, 'csv'), '--json', '--quiet']);
    const b = await runCli(['train', xlsx, '--out', join(dir, 'xlsx'), '--json', '--quiet']);
    expect(b.code).toBe(0);
    const strip = (s: string) => {
      const m = JSON.parse(s);
      delete m.train.seconds;
      delete m.train.samples_per_second;
      delete m.data.file;
      return m;
    };
    expect(strip(b.stdout)).toEqual(strip(a.stdout));
    const model = join(dir, 'csv', 'model.nnm.json');
    const fromXlsx = await runCli(['predict', model, xlsx]);
    expect(fromXlsx.code).toBe(0);
    expect(fromXlsx.stdout).toBe((await runCli(['predict', model, SAMPLE('iris.csv')])).stdout);
    const inspected = JSON.parse((await runCli(['inspect', xlsx, '--json'])).stdout);
    expect(inspected.suggestion).toMatchObject({ task: 'classify', target: 'species' });
  });
});
