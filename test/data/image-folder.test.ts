import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadImageFolder } from '../../src/data/image-folder.js';
import { Rng } from '../../src/engine/rng.js';
import { tempDir } from '../helpers/cli.js';
import { drawShape, encodeJpeg, encodePng } from '../helpers/images.js';

describe('loadImageFolder', () => {
  it('grey PNG and JPEG images of two sizes -> grey, the median size, classes from the sub-folders', () => {
    const dir = tempDir();
    const rng = new Rng(3);
    for (const [cls, S] of [
      ['a', 8],
      ['a', 16],
      ['b', 16],
      ['b', 8],
      ['b', 16],
    ] as const) {
      mkdirSync(join(dir, cls), { recursive: true });
      const px = drawShape('circle', S, rng, true);
      writeFileSync(
        join(dir, cls, `${S}-${rng.int(1e6)}.${S === 8 ? 'png' : 'jpg'}`),
        S === 8 ? encodePng(px, S) : encodeJpeg(px, S),
      );
    }
    writeFileSync(join(dir, 'b', 'notes.txt'), 'not an image');
    const notes: string[] = [];
    const set = loadImageFolder(dir, {}, (m) => notes.push(m));
    expect(set.colour).toBe('grey');
    expect(set.shape).toEqual([1, 16, 16]);
    expect(set.n).toBe(5);
    expect(set.labels).toEqual(['a', 'a', 'b', 'b', 'b']);
    expect(notes.join('\n')).toContain('1 file(s) that are not .png/.jpg/.jpeg were ignored');
    for (const v of set.x) expect(v >= 0 && v <= 255).toBe(true);
    const small = loadImageFolder(dir, { size: 4 }, () => undefined);
    expect(small.shape).toEqual([1, 4, 4]);
    // Area averaging keeps the background (~215) in the corners and the dark shape in the middle.
    expect(small.x[0]).toBeGreaterThan(150);
    expect(small.x[5]).toBeLessThan(120);
  });
});

describe('loadImagesLike (predict-time replay)', () => {
  it('reads a flat, unlabelled folder with the trained colour and size', async () => {
    const { loadImagesLike } = await import('../../src/data/image-folder.js');
    const dir = tempDir();
    const rng = new Rng(5);
    writeFileSync(join(dir, 'b.png'), encodePng(drawShape('square', 10, rng), 10));
    writeFileSync(join(dir, 'a.jpg'), encodeJpeg(drawShape('circle', 14, rng), 14));
    const r = loadImagesLike(dir, 'rgb', 12);
    expect(r.n).toBe(2);
    expect(r.ids).toEqual(['a.jpg', 'b.png']);
    expect(r.labels).toBeUndefined();
    expect(r.x).toHaveLength(2 * 3 * 12 * 12);
  });
});
