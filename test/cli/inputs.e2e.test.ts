// Contest data as it comes, end to end (issues 14 and 22): thousands separators, a title line above
// the header, file-system failures with their real cause, a stray far-away xlsx cell, a GBK line in
// a UTF-8 file, formula-like labels in the CSVs nnm writes, a 1e300 cell at predict time, --horizon.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectFiniteRun } from '../helpers/finite.js';
import { sheetRows, writeXlsx } from '../helpers/zip.js';

const FAST = ['--epochs', '60', '--ensemble', '1', '--sensitivity', 'off', '--quiet'];

/** y = 0.01 x + noise over x in 500..5000, written with the given number format. */
function regressionCsv(format: (x: number) => string, sep = ','): string {
  const lines = [`x${sep}z${sep}y`];
  for (let i = 0; i < 120; i++) {
    const x = 500 + ((i * 373) % 4500);
    const z = (i * 7) % 10;
    lines.push(`${format(x)}${sep}${z}${sep}${(0.01 * x + 0.3 * z + ((i * 13) % 5) / 10).toFixed(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

function oneLineError(r: { code: number; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe('thousands separators', () => {
  it('"1,016" quoted in a comma CSV trains as a number, as well as the clean file, and says so', async () => {
    const dir = tempDir();
    const withSep = (x: number): string =>
      x >= 1000 ? `"${Math.floor(x / 1000)},${String(x % 1000).padStart(3, '0')}"` : String(x);
    writeFileSync(join(dir, 'sep.csv'), regressionCsv(withSep));
    writeFileSync(join(dir, 'clean.csv'), regressionCsv(String));
    const ins = await runCli(['inspect', join(dir, 'sep.csv'), '--json']);
    expect(JSON.parse(ins.stdout).columns[0]).toMatchObject({ name: 'x', type: 'number', min: 500 });
    const rmse: number[] = [];
    for (const name of ['sep.csv', 'clean.csv']) {
      const out = join(dir, `run-${name}`);
      const r = await runCli([
        'train',
        join(dir, name),
        '--task',
        'regress',
        ...FAST.filter((f) => f !== '--quiet'),
        '--out',
        out,
        '--json',
      ]);
      expect(r.code).toBe(0);
      if (name === 'sep.csv')
        expect(r.stderr).toContain(
          'column "x": numbers written with thousands separators (like "1,016") read as numbers',
        );
      expectFiniteRun(out);
      rmse.push(JSON.parse(r.stdout).test.rmse);
      expect(JSON.parse(readFileSync(join(out, 'model.nnm.json'), 'utf8')).pipeline.tabular.inputSize).toBe(2);
    }
    expect(Math.abs(rmse[0] - rmse[1])).toBeLessThan(1e-6);
    expect(readFileSync(join(dir, 'run-sep.csv', 'report.md'), 'utf8')).toContain('thousands separators');
  }, 120_000);
});

describe('a title line above the header', () => {
  it('a CUMCM attachment trains, and predict reads it too; --header-row picks the header', async () => {
    const dir = tempDir();
    const file = join(dir, '附件1.csv');
    writeFileSync(file, `附件1 某地区数据,,\n${regressionCsv(String).replace('x,z,y', '面积,编号,产量')}`);
    const out = join(dir, 'run');
    const r = await runCli(['train', file, '--target', '产量', ...FAST.filter((f) => f !== '--quiet'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('skipped the title line row 1 ("附件1 某地区数据") above the header (row 2)');
    const p = await runCli(['predict', join(out, 'model.nnm.json'), file, '--quiet']);
    expect(p.code).toBe(0);
    expect(p.stdout.trimEnd().split('\n')).toHaveLength(121);
    // A note line above the header that looks like a header: --header-row says which row it is.
    const notes = join(dir, 'notes.csv');
    writeFileSync(notes, `source: survey 2024,see, appendix\n${regressionCsv(String)}`);
    const bad = await runCli(['train', notes, ...FAST, '--out', join(dir, 'bad')]);
    expect(bad.code).toBe(2);
    const good = await runCli([
      'train',
      notes,
      '--header-row',
      '2',
      '--task',
      'regress',
      ...FAST,
      '--out',
      join(dir, 'good'),
    ]);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    const ins = await runCli(['inspect', notes, '--header-row', '2', '--json']);
    expect(JSON.parse(ins.stdout).columns.map((c: { name: string }) => c.name)).toEqual(['x', 'z', 'y']);
    const ev = await runCli([
      'evaluate',
      join(dir, 'good', 'model.nnm.json'),
      notes,
      '--header-row',
      '2',
      '--json',
      '--quiet',
    ]);
    expect(ev.code).toBe(0);
    oneLineError(
      await runCli(['inspect', notes, '--header-row', '0']),
      /^error: --header-row must be a whole number from 1 to 1000000, got "0"/,
    );
  }, 120_000);
});

describe('file-system failures and bounded inputs', () => {
  it('nnm inspect /dev/zero, a FIFO, a folder: exit 2 in one line naming the cause', async () => {
    const dir = tempDir();
    oneLineError(
      await runCli(['inspect', '/dev/zero']),
      /^error: \/dev\/zero: is a device, not a data file; give a \.csv or \.xlsx file$/,
    );
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    oneLineError(
      await runCli(['train', fifo, '--out', join(dir, 'r')]),
      /pipe\.csv: is a named pipe \(FIFO\), not a regular file/,
    );
    oneLineError(await runCli(['inspect', dir]), /: is a folder, not a data file/);
    oneLineError(await runCli(['predict', join(dir, 'none.json'), '/dev/zero']), /none\.json/);
  });

  it('a 5 KB xlsx with one cell at XFD1048576 and a workbook without sheets', async () => {
    const dir = tempDir();
    const f = join(dir, 'stray.xlsx');
    writeXlsx(f, {
      Data: `${sheetRows([
        ['a', 'b', 'y'],
        [1, 2, 3],
        [2, 3, 4],
      ])}<row r="1048576"><c r="XFD1048576"><v>0</v></c></row>`,
    });
    expect(readFileSync(f).length).toBeLessThan(5 * 1024);
    oneLineError(
      await runCli(['inspect', f]),
      /stray\.xlsx: sheet "Data" has a cell at XFD1048576: .*more than the limit of 25,000,000 cells; delete stray cells far from the table/,
    );
    oneLineError(await runCli(['train', f, '--out', join(dir, 'r')]), /has a cell at XFD1048576/);
    const e = join(dir, 'empty.xlsx');
    writeXlsx(e, {});
    oneLineError(await runCli(['inspect', e]), /empty\.xlsx: the workbook has no sheets; /);
    oneLineError(await runCli(['inspect', f, '--sheet', 'Nope']), /stray\.xlsx: has no sheet "Nope"; sheets: Data/);
  });

  it('--max-cells refuses a larger CSV; a larger limit reads it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'd.csv'), regressionCsv(String));
    oneLineError(
      await runCli(['inspect', join(dir, 'd.csv'), '--max-cells', '100']),
      /d\.csv: row \d+: has more than 100 cells .*; raise it with --max-cells 200/,
    );
    expect((await runCli(['inspect', join(dir, 'd.csv'), '--max-cells', '1000'])).code).toBe(0);
  });
});

describe('encodings, formula injection, predict-time values', () => {
  it('one GBK line in a UTF-8 file is named in a warning and read correctly', async () => {
    const dir = tempDir();
    const lines = ['面积,性别,产量'];
    for (let i = 0; i < 60; i++) lines.push(`${i},${i % 2 ? '男' : '女'},${2 * i + (i % 2)}`);
    const gbk = Buffer.from([0x36, 0x30, 0x2c, 0xc4, 0xd0, 0x2c, 0x31, 0x32, 0x31, 0x0a]); // 60,男,121 in GBK
    const file = join(dir, 'mixed.csv');
    writeFileSync(file, Buffer.concat([Buffer.from(`${lines.join('\n')}\n`, 'utf8'), gbk]));
    const ins = await runCli(['inspect', file, '--json']);
    const j = JSON.parse(ins.stdout);
    expect(j.columns[1].levels.sort()).toEqual(['女', '男']);
    expect(j.notes).toContain(
      'warning: the file is UTF-8 but line(s) 62 are not: read them as GBK/GB18030; check them (mixed encodings usually come from pasting between files)',
    );
  });

  it('labels and ids like =HYPERLINK(…) are escaped in predictions.csv and predict output; numbers are not', async () => {
    const dir = tempDir();
    const labels = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", '@SUM(A1)', '-1.5'];
    const lines = ['id,x1,x2,label'];
    for (let i = 0; i < 80; i++)
      lines.push(
        `${i % 5 === 0 ? `"=1+${i}"` : `n${i}`},${(i % 4) * 3 + (i % 3) / 10},${i % 7},"${labels[i % 4].replace(/"/g, '""')}"`,
      );
    const file = join(dir, 'evil.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const out = join(dir, 'run');
    const r = await runCli(['train', file, '--target', 'label', ...FAST, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const csv of [
      readFileSync(join(out, 'predictions.csv'), 'utf8'),
      (await runCli(['predict', join(out, 'model.nnm.json'), file, '--quiet'])).stdout,
    ]) {
      const rows = Papa.parse<string[]>(csv.trimEnd()).data;
      const cells = rows.flat();
      expect(cells.filter((c) => /^[=+@\t\r]/.test(c))).toEqual([]);
      expect(cells.filter((c) => c.startsWith('-') && c !== '-1.5' && !/^-\d/.test(c))).toEqual([]);
      expect(rows[0]).toContain('p_=HYPERLINK("http://evil","x")');
      expect(cells).toContain(`'=HYPERLINK("http://evil","x")`);
      expect(cells).toContain('-1.5');
    }
  }, 120_000);

  it('a 1e300 cell at predict time is refused in one line; --horizon says its limit', async () => {
    const dir = tempDir();
    const train = join(dir, 'train.csv');
    writeFileSync(
      train,
      regressionCsv(String)
        .replace('x,z,y', 'x,z,label')
        .replace(/,([\d.]+)$/gm, (_m, y: string) => `,${Number(y) > 25 ? 'high' : 'low'}`),
    );
    const out = join(dir, 'run');
    expect((await runCli(['train', train, '--target', 'label', ...FAST, '--out', out])).code).toBe(0);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'x,z\n1000,3\n1e300,4\n');
    oneLineError(
      await runCli(['predict', join(out, 'model.nnm.json'), bad]),
      /bad\.csv: row 3, column "x": "1e300" is 7\.\de\+296 standard deviations from the mean of the training values \(mean .*\); fix the cell/,
    );
    writeFileSync(bad, 'x,z,label\n1000,3,low\n1e300,4,high\n');
    oneLineError(
      await runCli(['evaluate', join(out, 'model.nnm.json'), bad]),
      /bad\.csv: row 3, column "x": "1e300" is/,
    );
    oneLineError(
      await runCli(['predict', join(out, 'model.nnm.json'), '--horizon', '100000']),
      /^error: --horizon must be a whole number from 1 to 1000, got "100000"/,
    );
    oneLineError(
      await runCli(['train', train, '--task', 'forecast', '--horizon', '5000']),
      /^error: --horizon must be a whole number from 1 to 1000/,
    );
  }, 120_000);
});
