import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTable, parseTable } from '../../src/data/load.js';
import { inferSchema } from '../../src/data/schema.js';
import { UserError } from '../../src/errors.js';

const fx = (n: string): string => join(__dirname, '../fixtures', n);

function errorLine(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e.format();
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('loading', () => {
  it('reads GBK with Chinese headers', () => {
    const t = loadTable(fx('gbk.csv'));
    expect(t.encoding).toBe('gb18030');
    expect(t.names).toEqual(['身高', '体重', '类别']);
    expect(new Set(t.columns[2])).toEqual(new Set(['正常', '偏胖']));
  });

  it('strips a UTF-8 BOM', () => {
    const t = loadTable(fx('bom.csv'));
    expect(t.names[0]).toBe('a');
    expect(t.encoding).toBe('utf-8');
  });

  it('sniffs ";" and reads decimal commas', () => {
    const t = loadTable(fx('semicolon-decimal.csv'));
    expect(t.delimiter).toBe(';');
    expect(t.decimalComma).toBe(true);
    const s = inferSchema(t);
    expect(s.columns.map((c) => c.type)).toEqual(['number', 'number', 'number']);
    expect(s.columns[2].max).toBeCloseTo(20.5, 9);
  });

  it('sniffs tabs and renames duplicate or empty header names', () => {
    const t = parseTable('x\tx\t\n1\t2\t3\n4\t5\t6\n', 'mem.tsv');
    expect(t.delimiter).toBe('\t');
    expect(t.names).toEqual(['x', 'x_2', 'column_3']);
    expect(t.notes.length).toBe(2);
  });

  it('keeps a quoted field with a newline and CRLF line ends', () => {
    const t = parseTable('a,b\r\n"line1\nline2",2\r\n"x, y",3\r\n', 'mem.csv');
    expect(t.nRows).toBe(2);
    expect(t.columns[0][0]).toBe('line1\nline2');
    expect(t.columns[0][1]).toBe('x, y');
  });

  it('mixed CRLF and LF line ends do not merge rows', () => {
    const t = parseTable('a,b\r\n1,2\n3,4\r\n5,6\n', 'mem.csv');
    expect(t.nRows).toBe(3);
    expect(t.columns[1]).toEqual(['2', '4', '6']);
  });

  it.each([
    [
      'ragged.csv',
      'ragged.csv: row 3: has 2 fields but the header has 3; fill in the missing fields (empty cells are fine: a,,c)',
    ],
    ['header-only.csv', 'header-only.csv: has a header line but no data rows; add data rows below the header'],
    ['empty.csv', 'empty.csv: the file is empty; give a CSV with a header line and data rows'],
    [
      'binary.csv',
      'binary.csv: is not a text file (it contains binary data); save the sheet as CSV (UTF-8) or give the .xlsx file',
    ],
  ])('%s gives one clear line', (name, line) => {
    expect(errorLine(() => loadTable(fx(name)))).toBe(`${fx(name).replace(name, '')}${line}`);
  });

  it('a missing file and a folder', () => {
    expect(errorLine(() => loadTable('/nope/data.csv'))).toMatch(/^\/nope\/data\.csv: file not found; /);
    expect(errorLine(() => loadTable(__dirname))).toContain('is a folder, not a data file');
  });
});

describe('schema inference', () => {
  it('numbers, categories, missing cells', () => {
    const s = inferSchema(loadTable(fx('missing.csv')));
    expect(s.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['a', 'number', 6],
      ['b', 'category', 8],
      ['c', 'number', 0],
      ['y', 'number', 0],
    ]);
  });

  it('a stray non-number in a numeric column names row and column', () => {
    expect(errorLine(() => inferSchema(loadTable(fx('non-numeric.csv'))))).toBe(
      `${fx('non-numeric.csv')}: row 42, column "b": "12;5" is not a number; fix the cell, or leave it empty to have it imputed`,
    );
  });

  it.each([
    ['id\n1\n2\n3\n4', 'id'],
    ['date\n2020-01-01\n2020-02-01\n2020-03-01', 'date'],
    ['year\n1990\n1991\n1992', 'date'],
    ['k\n5\n5\n5', 'constant'],
    ['k\nNA\n\n?', 'empty'],
    ['review\nthis product is great and works\nterrible quality do not buy it\nok value for the money spent', 'text'],
    ['c\nred\nblue\nred', 'category'],
    ['p\n10%\n20%\n5%', 'number'],
  ])('%j -> %s', (csv, type) => {
    const t = parseTable(`${csv}\n`, 'mem.csv');
    expect(inferSchema(t).columns[0].type).toBe(type);
  });
});
