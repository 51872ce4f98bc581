// The bad-input corpus (test/fixtures/corpus/): every file either trains to finite outputs (exit 0)
// or fails with exit 2 and exactly one stderr line naming the file (row/column where it applies)
// and a fix. Never a stack trace, never exit 1.

import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';
import { expectFiniteRun } from '../helpers/finite.js';

const CORPUS = (name: string): string => resolve(__dirname, '../fixtures/corpus', name);
const FAST = ['--epochs', '3', '--ensemble', '1', '--sensitivity', 'off', '--quiet'];

type Case = [name: string, file: string, args: string[], expected: 'ok' | RegExp];
const CASES: Case[] = [
  ['empty file', CORPUS('empty.csv'), [], /empty\.csv: the file is empty; give a CSV/],
  ['header only', CORPUS('header-only.csv'), [], /header-only\.csv: has a header line but no data rows; add data rows/],
  ['one data row', CORPUS('one-row.csv'), [], /one-row\.csv: .*one class only.*; a model needs at least two/],
  ['ragged rows', CORPUS('ragged.csv'), [], /ragged\.csv: row 3: has 2 fields but the header has 3; fill in/],
  ['binary garbage', CORPUS('binary.csv'), [], /binary\.csv: is not a text file.*; save the sheet as CSV/],
  ['duplicate header names', CORPUS('duplicate-header.csv'), [], 'ok'],
  [
    'all-missing target',
    CORPUS('all-missing-target.csv'),
    [],
    /all-missing-target\.csv: column "y": the target column is empty; choose the target/,
  ],
  [
    'a single class',
    CORPUS('single-class.csv'),
    [],
    /single-class\.csv: .*one class only \("yes"\); a model needs at least two/,
  ],
  [
    'an Inf cell',
    CORPUS('inf-values.csv'),
    [],
    /inf-values\.csv: row 9, column "a": "inf" is not a finite number; replace it/,
  ],
  ['1e30 and -1e-30 values', CORPUS('huge-values.csv'), [], 'ok'],
  ['constant columns', CORPUS('constant-columns.csv'), [], 'ok'],
  ['a quoted field with newlines', CORPUS('quoted-newline.csv'), [], 'ok'],
  ['CRLF line ends', CORPUS('crlf.csv'), [], 'ok'],
  ['UTF-8 BOM', CORPUS('bom.csv'), [], 'ok'],
  ['GBK with Chinese header', CORPUS('gbk.csv'), ['--target', '类别'], 'ok'],
  ['semicolons with decimal commas', CORPUS('semicolon-decimal.csv'), [], 'ok'],
  [
    'a directory',
    CORPUS('a-folder'),
    [],
    /a-folder: has no class sub-folders; put the images of each class in their own sub-folder/,
  ],
  ['a missing path', CORPUS('no-such-file.csv'), [], /no-such-file\.csv: file not found; check the path/],
  [
    'a target that does not exist',
    SAMPLE('iris.csv'),
    ['--target', 'spcies'],
    /iris\.csv: has no column "spcies" \(--target\); did you mean "species"\?/,
  ],
  [
    'a target index out of range',
    CORPUS('regress.csv'),
    ['--target', '9'],
    /regress\.csv: --target 9 is out of range.*; use a number from 1 to 3/,
  ],
  [
    '--epochs 0',
    CORPUS('regress.csv'),
    ['--epochs', '0'],
    /^error: --epochs must be a whole number from 1 to 100000, got "0"; e\.g\./,
  ],
  [
    '--test-size 1.5',
    CORPUS('regress.csv'),
    ['--test-size', '1.5'],
    /^error: --test-size must be a number above 0 and up to 0\.9/,
  ],
  ['--lr -1', CORPUS('regress.csv'), ['--lr', '-1'], /^error: --lr must be a number above 0/],
  ['--batch-size abc', CORPUS('regress.csv'), ['--batch-size', 'abc'], /^error: --batch-size must be a whole number/],
  ['--ensemble 50 on 32 training rows', CORPUS('regress.csv'), ['--ensemble', '50'], 'ok'],
];

describe('nnm train over the bad-input corpus', () => {
  it.each(CASES)('%s', async (_name, file, args, expected) => {
    const out = join(tempDir(), 'run');
    const r = await runCli(['train', file, ...FAST, ...args, '--out', out]);
    if (expected === 'ok') {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expectFiniteRun(out);
      return;
    }
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(lines[0]).not.toMatch(/\bat .*\.[jt]s:\d+/);
    if (!args.some((a) => a.startsWith('--') && /^error: --/.test(lines[0])))
      expect(lines[0]).toContain(basename(file));
    expect(existsSync(join(out, 'metrics.json'))).toBe(false);
  });
});
