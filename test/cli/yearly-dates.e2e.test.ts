// Yearly series keep the input's way of writing time: ISO dates in (1871-01-01) give ISO dates out in
// predictions.csv, forecast.csv and `nnm predict`; bare years in (1871) give bare years out.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

function yearly(style: 'iso' | 'year'): string {
  const dir = tempDir();
  const rows = Array.from({ length: 60 }, (_, i) => {
    const y = 1900 + i;
    return `${style === 'iso' ? `${y}-01-01` : y},${(100 + 3 * i + 10 * Math.sin(i / 2)).toFixed(2)}`;
  });
  const file = join(dir, `${style}.csv`);
  writeFileSync(file, `year,value\n${rows.join('\n')}\n`);
  return file;
}

const firstCells = (path: string): string[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0]);

describe('yearly time labels', () => {
  it.each([
    ['iso', /^\d{4}-01-01$/],
    ['year', /^\d{4}$/],
  ] as const)('%s input', async (style, want) => {
    const out = join(tempDir(), 'run');
    const file = yearly(style);
    const r = await runCli([
      'train',
      file,
      '--task',
      'forecast',
      '--epochs',
      '5',
      '--horizon',
      '2',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const predicted = firstCells(join(out, 'predictions.csv'));
    const future = firstCells(join(out, 'forecast.csv'));
    for (const cell of [...predicted, ...future]) expect(cell).toMatch(want);
    expect(future[0].slice(0, 4)).toBe('1960');
    const p = await runCli([
      'predict',
      join(out, 'model.nnm.json'),
      file,
      '--horizon',
      '1',
      '--out',
      join(out, 'p.csv'),
    ]);
    expect(p.code).toBe(0);
    for (const cell of firstCells(join(out, 'p.csv'))) expect(cell).toMatch(want);
  });
});
