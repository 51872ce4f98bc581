// --task text on bad input (issue 23): one line naming the file (and column), exit 2, nothing written —
// a text column empty in every row, a single class, no text column at all; a numbers column named
// explicitly trains (the user asked for it) and says how many rows had an empty text.

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

function csv(name: string, rows: string[]): string {
  const file = join(tempDir(), name);
  writeFileSync(file, `text,label\n${rows.join('\n')}\n`);
  return file;
}
const twice = (f: (i: number) => string[]): string[] => Array.from({ length: 30 }, (_, i) => f(i)).flat();

describe('nnm train --task text, bad input', () => {
  it.each([
    [
      'empty texts',
      csv(
        'empty.csv',
        twice(() => [',pos', ',neg']),
      ),
      ['--features', 'text'],
      /empty\.csv: column "text": is empty in every labelled row.*--features COLUMN/,
    ],
    [
      'one class',
      csv(
        'one.csv',
        twice((i) => [`good words ${i},pos`]),
      ),
      [],
      /one\.csv: column "label": the target has one class only \("pos"\)/,
    ],
    [
      'no text column',
      csv(
        'nums.csv',
        twice((i) => [`${i},pos`, `${3 * i},neg`]),
      ),
      [],
      /nums\.csv: has no text column; name it with --features COLUMN/,
    ],
  ])('%s', async (_name, file, extra, want) => {
    const out = join(tempDir(), 'run');
    const r = await runCli(['train', file, '--task', 'text', '--epochs', '2', '--out', out, ...extra]);
    expect(r.code).toBe(2);
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('error:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(want);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('a numbers column named with --features trains, and a few empty texts are said', async () => {
    const rows = twice((i) => [`${i},pos`, `${3 * i + 1000},neg`]);
    rows[4] = ',pos';
    const out = join(tempDir(), 'run');
    const r = await runCli([
      'train',
      csv('n.csv', rows),
      '--task',
      'text',
      '--features',
      'text',
      '--epochs',
      '2',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 row(s) have an empty "text" cell (first: row 6)');
    expect(existsSync(join(out, 'model.nnm.json'))).toBe(true);
  });
});
