import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPixelCsv } from '../../src/data/image-csv.js';
import { tempDir } from '../helpers/cli.js';

function csv(lines: string[]): string {
  const f = join(tempDir(), 'img.csv');
  writeFileSync(f, `${lines.join('\n')}\n`);
  return f;
}

describe('loadPixelCsv', () => {
  it('12 pixel columns with --image-shape 2x2x3: pixel-major (H, W, C) cells become channel planes (C, H, W)', () => {
    const header = ['id', ...Array.from({ length: 12 }, (_, i) => `v${i}`), 'y'];
    const f = csv([
      header.join(','),
      ['a1', ...Array.from({ length: 12 }, (_, i) => i), 'cat'].join(','),
      ['a2', ...Array.from({ length: 12 }, () => 1), 'dog'].join(','),
    ]);
    const notes: string[] = [];
    const s = loadPixelCsv(f, { imageShape: [2, 2, 3], want: 'image' }, (m) => notes.push(m));
    expect(s.kind).toBe('image');
    expect(s.shape).toEqual([3, 2, 2]);
    // pixel p, channel c was cell p*3 + c: the R plane is cells 0, 3, 6, 9.
    expect(Array.from(s.x.subarray(0, 12))).toEqual([0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11]);
    expect(s.labels).toEqual(['cat', 'dog']);
    expect(s.ids).toEqual(['a1', 'a2']);
    expect(s.source).toMatchObject({ kind: 'pixels', labelColumn: 'y', idColumn: 'id' });
    expect(notes.join('\n')).toContain('label column: "y" (by its name');
  });

  it('48 columns = 4x4 RGB triples is inferred as 4x4x3', () => {
    const header = [...Array.from({ length: 48 }, (_, i) => `p${i}`), 'label'];
    const f = csv([header.join(','), [...Array.from({ length: 48 }, () => 200), 'x'].join(',')]);
    expect(loadPixelCsv(f, { want: 'image' }, () => undefined).shape).toEqual([3, 4, 4]);
  });

  it('with --model cnn and no task, a square count of negative values is a signal', () => {
    const header = [...Array.from({ length: 16 }, (_, i) => `t${i}`), 'label'];
    const f = csv([header.join(','), [...Array.from({ length: 16 }, (_, i) => Math.sin(i)), 'x'].join(',')]);
    const s = loadPixelCsv(f, { want: 'auto' }, () => undefined);
    expect(s.kind).toBe('signal');
    expect(s.shape).toEqual([1, 16]);
  });
});
