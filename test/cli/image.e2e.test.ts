import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { writeShapeFolder } from '../helpers/images.js';

describe('nnm train on images (in-process)', () => {
  let dir = '';
  beforeAll(() => {
    dir = writeShapeFolder(join(tempDir(), 'shapes'), 40, 1);
  });

  it('a folder of PNG and JPEG shapes trains from the path alone, >= 0.9 test accuracy', async () => {
    const out = join(tempDir(), 'run');
    const r = await runCli(['train', dir, '--out', out, '--json']);
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.task).toBe('image');
    expect(m.model).toBe('cnn');
    expect(m.data.input_shape).toBe('12x12x3');
    expect(m.test.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.stderr).toContain('120 images in 3 classes, RGB, resized to 12x12');
    const pred = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split('\n');
    expect(pred[0]).toBe('file,actual,predicted,p_circle,p_square,p_triangle');
    const model = JSON.parse(readFileSync(join(out, 'model.nnm.json'), 'utf8'));
    expect(model.pipeline).toMatchObject({
      kind: 'image',
      shape: [3, 12, 12],
      source: { kind: 'folder', colour: 'rgb', size: 12 },
      scaling: { kind: 'range', min: 0, max: 255 },
      classes: ['circle', 'square', 'triangle'],
    });
    for (const f of ['metrics.json', 'history.csv', 'config.json', 'report.md'])
      expect(existsSync(join(out, f))).toBe(true);
  });

  it('--model mlp flattens the pixels (a 5-network ensemble on small sets)', async () => {
    const out = join(tempDir(), 'run');
    const r = await runCli(['train', dir, '--task', 'image', '--model', 'mlp', '--out', out, '--json', '--quiet']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m).toMatchObject({ task: 'image', model: 'mlp', train: { members: 5 } });
    expect(m.test.accuracy).toBeGreaterThan(m.baselines.majority.accuracy);
    const model = JSON.parse(readFileSync(join(out, 'model.nnm.json'), 'utf8'));
    expect(model.architecture.inShape).toEqual([3, 12, 12]);
    expect(model.architecture.layers[0].kind).toBe('flatten');
  });
});

/** A small pixel CSV: label + `pixels` columns of 0..255 values. */
function pixelCsv(dir: string, pixels: number, rows = 20, bad?: { row: number; col: number; value: string }): string {
  const header = ['label', ...Array.from({ length: pixels }, (_, i) => `p${i}`)];
  const lines = [header.join(',')];
  for (let r = 0; r < rows; r++) {
    const cells = [String(r % 2), ...Array.from({ length: pixels }, (_, i) => String((r * 7 + i * 13) % 256))];
    if (bad && bad.row === r) cells[bad.col + 1] = bad.value;
    lines.push(cells.join(','));
  }
  const f = join(dir, 'pixels.csv');
  writeFileSync(f, `${lines.join('\n')}\n`);
  return f;
}

describe('nnm train on images: bad input is one clear line, exit 2', () => {
  const run = (args: string[]) => runCli(['train', ...args, '--out', join(tempDir(), 'r'), '--quiet']);

  it('a pixel count that fits no square shape, without --image-shape', async () => {
    const r = await run([pixelCsv(tempDir(), 10), '--task', 'image']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('10 pixel columns fit no square image shape; give the shape with --image-shape HxWxC');
  });

  it('--image-shape that does not match the pixel count', async () => {
    const r = await run([pixelCsv(tempDir(), 16), '--task', 'image', '--image-shape', '5x5x1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--image-shape 5x5x1 needs 25 pixel columns, the file has 16');
  });

  it('a non-numeric pixel names its row and column', async () => {
    const r = await run([pixelCsv(tempDir(), 16, 20, { row: 4, col: 3, value: 'x7' }), '--task', '图像']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/pixels\.csv: row 6, column "p3": "x7" is not a number/);
  });

  it('a corrupt image file is named', async () => {
    const dir = join(tempDir(), 'imgs');
    mkdirSync(join(dir, 'a'), { recursive: true });
    mkdirSync(join(dir, 'b'), { recursive: true });
    writeFileSync(
      join(dir, 'a', 'ok.png'),
      readFileSync(join(writeShapeFolder(join(tempDir(), 'src'), 1, 1, ['circle']), 'circle', '0.png')),
    );
    writeFileSync(
      join(dir, 'b', 'broken.png'),
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really a png')]),
    );
    const r = await run([dir, '--task', 'image']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${join(dir, 'b', 'broken.png')}: cannot be decoded as PNG`);
    writeFileSync(join(dir, 'b', 'broken.png'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3]));
    const j = await run([dir, '--task', 'image']);
    expect(j.code).toBe(2);
    expect(j.stderr).toContain(`${join(dir, 'b', 'broken.png')}: cannot be decoded as JPEG`);
  });

  it('an empty class folder is named', async () => {
    const dir = writeShapeFolder(join(tempDir(), 'shapes'), 2, 1, ['circle', 'square']);
    mkdirSync(join(dir, 'triangle'));
    const r = await run([dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${join(dir, 'triangle')}: the class folder holds no PNG or JPEG images`);
  });
});

describe('nnm train on 1-D signals with --model cnn', () => {
  it('rows of fixed-length signals train a Conv1d network', async () => {
    // Three classes of 32-step signals: a slow sine, a fast sine and a square wave, random phase and noise.
    let s = 12345;
    const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
    const lines = [[...Array.from({ length: 32 }, (_, t) => `t${t}`), 'kind'].join(',')];
    for (let i = 0; i < 90; i++) {
      const k = i % 3;
      const ph = u() * 2 * Math.PI;
      const v = Array.from({ length: 32 }, (_, t) => {
        const base =
          k === 0 ? Math.sin(t / 3 + ph) : k === 1 ? Math.sin(t * 1.3 + ph) : Math.sign(Math.sin(t / 3 + ph));
        return (base + (u() - 0.5) * 0.6).toFixed(3);
      });
      lines.push([...v, ['slow', 'fast', 'square'][k]].join(','));
    }
    const f = join(tempDir(), 'signals.csv');
    writeFileSync(f, `${lines.join('\n')}\n`);
    const out = join(tempDir(), 'run');
    const r = await runCli(['train', f, '--model', 'cnn', '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('read each row as a 1-D signal of 32 values');
    const m = JSON.parse(r.stdout);
    expect(m.data.signal).toBe(true);
    expect(m.test.accuracy).toBeGreaterThanOrEqual(0.9);
    const model = JSON.parse(readFileSync(join(out, 'model.nnm.json'), 'utf8'));
    expect(model.architecture.layers.map((l: { kind: string }) => l.kind)).toContain('conv1d');
    expect(model.pipeline).toMatchObject({ kind: 'signal', shape: [1, 32], scaling: { kind: 'standard' } });
  });
});
