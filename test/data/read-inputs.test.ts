// Tables as contest data really come: thousands separators, title lines above the header, files that
// cannot be read for a reason worth naming, mixed encodings, sheets far larger than their zip.

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/data/encoding.js';
import { type FileOps, readDataFile } from '../../src/data/file-read.js';
import { detectGrouping } from '../../src/data/grouping.js';
import { loadTable, parseTable } from '../../src/data/load.js';
import { readTable } from '../../src/data/read.js';
import { inferSchema } from '../../src/data/schema.js';
import { checkWorkbook, MAX_XML_BYTES } from '../../src/data/xlsx-guard.js';
import { UserError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';
import { sheetRows, writeXlsx } from '../helpers/zip.js';

function errorLine(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e.format();
    throw e;
  }
  return 'no error';
}

async function asyncErrorLine(f: () => Promise<unknown>): Promise<string> {
  try {
    await f();
  } catch (e) {
    if (e instanceof UserError) return e.format();
    throw e;
  }
  return 'no error';
}

describe('thousands separators', () => {
  it.each([
    [['1,016', '12', '2,345.5'], false, 'comma'],
    [['1.016,5', '12,25', '2.345'], false, 'dot'],
    [['1.016,5', '3'], true, 'dot'],
    [['1 016', '999', '12 345'], false, 'space'],
    [['1\u202f016', '2\u00a0345,5'], false, 'space'],
    [['1,016', 'NA', ''], false, 'comma'],
    // not grouped: already plain numbers, decimals, ungrouped thousands, categories
    [['1.016', '2.345'], false, undefined],
    [['1,016', '2,345'], true, undefined], // decimal commas in a ';' file: 1.016
    [['1,5', '12,25'], false, undefined],
    [['1,016', '1016'], false, undefined],
    [['1,016', 'abc'], false, undefined],
    [['12', '345'], false, undefined],
    [['1,0166'], false, undefined],
  ])('%j (decimal comma %s) -> %s', (cells, decimalComma, style) => {
    expect(detectGrouping(cells, decimalComma)).toBe(style);
  });

  it('a quoted "1,016" column in a comma CSV is numeric, said in a note; categories stay', () => {
    const t = parseTable('price,kind,y\n"1,016",a,1\n"2,345.5",b,2\n987,a,3\n"12,000",c,4\n', 'p.csv');
    expect(t.columns[0]).toEqual(['1016', '2345.5', '987', '12000']);
    expect(t.columns[1]).toEqual(['a', 'b', 'a', 'c']);
    const s = inferSchema(t);
    expect(s.columns.map((c) => c.type)).toEqual(['number', 'category', 'number']);
    expect(s.columns[0].max).toBe(12000);
    expect(t.notes).toContain(
      'column "price": numbers written with thousands separators (like "1,016") read as numbers',
    );
  });

  it('"1.016,5" with ";" beside a decimal-comma column: both numeric, the decimal commas still detected', () => {
    const t = parseTable('a;b;c\n1.016,5;1,5;x\n2.000;2,25;y\n3,75;3;x\n', 's.csv');
    expect(t.decimalComma).toBe(true);
    expect(t.columns[0]).toEqual(['1016.5', '2000', '3.75']);
    expect(t.columns[1]).toEqual(['1,5', '2,25', '3']);
    const s = inferSchema(t);
    expect(s.columns.map((c) => c.type)).toEqual(['number', 'number', 'category']);
    expect(s.columns[1].min).toBe(1.5);
  });

  it('space and narrow no-break space groups', () => {
    const t = parseTable('v,w\n1 016,1\n2\u202f500,2\n37,3\n', 'n.csv');
    expect(t.columns[0]).toEqual(['1016', '2500', '37']);
  });
});

describe('the header row', () => {
  const body = '编号,面积,产量\n1,12.5,300\n2,13,320\n3,11.5,290\n';

  it.each([
    ['one title line', `附件1 某地区数据\n${body}`, 1],
    ['a title line padded with empty cells (Excel CSV)', `附件1 某地区数据,,\n${body}`, 1],
    ['a title and a units line', `附件1 某地区数据,,\n单位：吨,,\n\n${body}`, 2],
  ])('%s is skipped with a note', (_name, text, skipped) => {
    const t = parseTable(text, 'a.csv');
    expect(t.names).toEqual(['编号', '面积', '产量']);
    expect(t.nRows).toBe(3);
    expect(t.notes.join('\n')).toMatch(
      new RegExp(`skipped the title line${skipped > 1 ? 's' : ''} row 1 \\("附件1 某地区数据"\\)`),
    );
  });

  it('a title line does not throw off the delimiter guess (quoted cells, tabs)', () => {
    const t = parseTable('Table 1\r\n"x0"\t"y"\r\n"12,5"\t"1"\r\n"0.1"\t"2"\r\n', 'q.tsv');
    expect(t.delimiter).toBe('\t');
    expect(t.names).toEqual(['x0', 'y']);
    expect(t.columns[0]).toEqual(['12,5', '0.1']);
  });

  it.each([
    ['a one-column table', 'y\n1\n2\n3\n', ['y']],
    ['a header with one name over numbers', 'y,,\n1,2,3\n4,5,6\n', ['y', 'column_2', 'column_3']],
    ['an ordinary table', 'a,b\n1,2\n', ['a', 'b']],
  ])('%s keeps its first row as the header', (_name, text, names) => {
    expect(parseTable(text, 'b.csv').names).toEqual(names);
  });

  it('--header-row N counts rows as a spreadsheet does (blank ones too)', () => {
    const t = parseTable(`说明,共三列,见下,x\n\n${body}`, 'c.csv', 'utf-8', undefined, { headerRow: 3 });
    expect(t.names).toEqual(['编号', '面积', '产量']);
    expect(t.notes.join('\n')).toContain('read row 3 as the header (--header-row)');
    expect(errorLine(() => parseTable(body, 'c.csv', 'utf-8', undefined, { headerRow: 9 }))).toMatch(
      /^c\.csv: --header-row 9 is past the end: the file has \d+ row/,
    );
  });

  it('an .xlsx sheet with a title row', async () => {
    const f = join(tempDir(), 'title.xlsx');
    writeXlsx(f, { 附件1: sheetRows([['附件1 某地区数据'], ['编号', '产量', '面积'], [1, 300, 12], [2, 320, 13]]) });
    const t = await readTable(f);
    expect(t.names).toEqual(['编号', '产量', '面积']);
    expect(t.nRows).toBe(2);
  });
});

describe('file-system failures name their cause', () => {
  const dir = tempDir();
  it('a folder', () => {
    mkdirSync(join(dir, 'folder.csv'));
    expect(errorLine(() => loadTable(join(dir, 'folder.csv')))).toMatch(/folder\.csv: is a folder, not a data file; /);
  });
  it('a missing file and a path through a file', () => {
    expect(errorLine(() => loadTable(join(dir, 'none.csv')))).toMatch(/none\.csv: file not found; check the path/);
    writeFileSync(join(dir, 'plain.csv'), 'a\n1\n');
    expect(errorLine(() => loadTable(join(dir, 'plain.csv', 'x.csv')))).toMatch(
      /x\.csv: file not found \(a part of the path is a file, not a folder\)/,
    );
  });
  it.skipIf(process.getuid?.() === 0)('permission denied', () => {
    const f = join(dir, 'secret.csv');
    writeFileSync(f, 'a,b\n1,2\n');
    chmodSync(f, 0o000);
    expect(errorLine(() => loadTable(f))).toMatch(
      /secret\.csv: permission denied \(nnm may not read it\); check the file's permissions/,
    );
  });
  it('a FIFO is refused at once, not waited on', () => {
    const f = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [f]);
    expect(errorLine(() => loadTable(f))).toMatch(
      /pipe\.csv: is a named pipe \(FIFO\), not a regular file; save the data to a file first/,
    );
  });
  it('a device is never read', () => {
    expect(errorLine(() => loadTable('/dev/zero'))).toBe(
      '/dev/zero: is a device, not a data file; give a .csv or .xlsx file',
    );
  });
  const fakeFile = (size: number, delivered: number, code?: string): FileOps => ({
    open: () => 7,
    fstat: () => ({
      size,
      isFile: () => true,
      isDirectory: () => false,
      isFIFO: () => false,
      isCharacterDevice: () => false,
      isBlockDevice: () => false,
      isSocket: () => false,
    }),
    read: (_fd, buf, offset, length, position) => {
      if (code) throw Object.assign(new Error(code), { code });
      const n = Math.max(0, Math.min(length, delivered - position));
      buf.fill(0x61, offset, offset + n);
      return n;
    },
    close: () => {},
  });
  it('a file that shrinks, grows or fails while it is read', () => {
    expect(errorLine(() => readDataFile('v.csv', 100, fakeFile(50, 20)))).toBe(
      'v.csv: changed while it was read (50 bytes when opened, 20 read); read it again once no program is writing or moving it',
    );
    expect(errorLine(() => readDataFile('v.csv', 100, fakeFile(50, 80)))).toMatch(
      /^v\.csv: changed while it was read \(it grew\)/,
    );
    expect(errorLine(() => readDataFile('v.csv', 100, fakeFile(50, 50, 'EIO')))).toMatch(
      /^v\.csv: could not be read \(an input\/output error of the disk\)/,
    );
    expect(errorLine(() => readDataFile('v.csv', 100, fakeFile(500, 500)))).toMatch(/^v\.csv: is too large/);
    expect(readDataFile('v.csv', 100, fakeFile(50, 50)).toString()).toBe('a'.repeat(50));
  });
});

describe('bounded reads', () => {
  it('--max-cells refuses a larger table in one line', () => {
    const text = `a,b\n${'1,2\n'.repeat(20)}`;
    expect(errorLine(() => parseTable(text, 'big.csv', 'utf-8', undefined, { maxCells: 30 }))).toMatch(
      /^big\.csv: row \d+: has more than 30 cells \(rows x columns\), the limit that keeps nnm within memory; raise it with --max-cells 60/,
    );
    expect(parseTable(text, 'big.csv', 'utf-8', undefined, { maxCells: 40 }).nRows).toBe(20);
  });

  it('a small .xlsx with one cell at XFD1048576 is refused before the reader allocates', async () => {
    const f = join(tempDir(), 'stray.xlsx');
    writeXlsx(f, {
      Sheet1: `${sheetRows([
        ['a', 'b'],
        [1, 2],
      ])}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`,
    });
    const before = process.memoryUsage().rss;
    expect(await asyncErrorLine(() => readTable(f))).toMatch(
      /stray\.xlsx: sheet "Sheet1" has a cell at XFD1048576: 1,048,576 rows x 16,384 columns is more than the limit of 25,000,000 cells; delete stray cells/,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 2 ** 20);
  });

  it('a workbook without sheets, and a sheet XML that unpacks past the limit', async () => {
    const dir = tempDir();
    writeXlsx(join(dir, 'empty.xlsx'), {});
    expect(await asyncErrorLine(() => readTable(join(dir, 'empty.xlsx')))).toBe(
      `${join(dir, 'empty.xlsx')}: the workbook has no sheets; open it in Excel, add the data to a sheet and save it again`,
    );
    // 8 MB of spaces deflate to a few KB: a zip bomb in the sheet XML (checked against a 4 MB limit
    // here; the real one is 512 MB).
    writeXlsx(join(dir, 'bomb.xlsx'), { Sheet1: `${sheetRows([['a'], [1]])}${' '.repeat(8 * 2 ** 20)}` });
    const bomb = readFileSync(join(dir, 'bomb.xlsx'));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await asyncErrorLine(() => checkWorkbook(bomb, 'bomb.xlsx', undefined, 1000, 4 * 2 ** 20))).toBe(
      'bomb.xlsx: unpacks to more than 4 MB of XML (xl/worksheets/sheet1.xml); save the sheet you need as CSV, or remove what it does not need',
    );
    expect(MAX_XML_BYTES).toBe(512 * 2 ** 20);
  }, 60_000);

  it('an .xlsx of 130,000 rows reads (no argument spread over its rows)', async () => {
    const f = join(tempDir(), 'long.xlsx');
    const rows: (string | number)[][] = [['x', 'y']];
    for (let i = 1; i <= 130_000; i++) rows.push([i, i % 7]);
    writeXlsx(f, { Sheet1: sheetRows(rows) });
    const t = await readTable(f);
    expect(t.nRows).toBe(130_000);
    expect(t.columns[0][129_999]).toBe('130000');
  }, 120_000);
});

describe('mixed encodings', () => {
  // "男" and "女" in GBK: C4 D0, C5 AE.
  const gbkLine = Buffer.from([0x33, 0x2c, 0xc4, 0xd0, 0x0a]);
  it('a UTF-8 file with one GBK line: the line is named and read as GBK, the rest as UTF-8', () => {
    const buf = Buffer.concat([Buffer.from('编号,性别\n1,男\n2,女\n', 'utf8'), gbkLine, Buffer.from('4,女\n', 'utf8')]);
    const d = decode(buf, 'm.csv');
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toBe('编号,性别\n1,男\n2,女\n3,男\n4,女\n');
    expect(d.notes).toEqual([
      'warning: the file is UTF-8 but line(s) 4 are not: read them as GBK/GB18030; check them (mixed encodings usually come from pasting between files)',
    ]);
  });
  it('a GBK file stays GBK without a warning; a clean UTF-8 file has no notes', () => {
    const gbk = Buffer.concat([Buffer.from('a,b\n'), gbkLine, gbkLine]);
    expect(decode(gbk, 'g.csv')).toEqual({ text: 'a,b\n3,男\n3,男\n', encoding: 'gb18030', notes: [] });
    expect(decode(Buffer.from('a,b\n1,男\n'), 'u.csv').notes).toEqual([]);
  });
  it('the warning reaches the table notes', () => {
    const f = join(tempDir(), 'mixed.csv');
    writeFileSync(f, Buffer.concat([Buffer.from('编号,性别\n1,男\n2,女\n', 'utf8'), gbkLine]));
    const t = loadTable(f);
    expect(t.columns[1]).toEqual(['男', '女', '男']);
    expect(t.notes[0]).toMatch(/^warning: the file is UTF-8 but line\(s\) 4 are not/);
  });
});
