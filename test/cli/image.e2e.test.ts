import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { writeShapeFolder } from '../helpers/images.js';

describe('nnm train on images (in-process)', () => {
  it('a folder of PNG and JPEG shapes trains from the path alone, >= 0.9 test accuracy', async () => {
    const dir = writeShapeFolder(join(tempDir(), 'shapes'), 40, 1);
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
    expect(model.pipeline).toMatchObject({ kind: 'image', shape: [3, 12, 12], source: { kind: 'folder', colour: 'rgb', size: 12 }, scaling: { kind: 'range', min: 0, max: 255 }, classes: ['circle', 'square', 'triangle'] });
    for (const f of ['metrics.json', 'history.csv', 'config.json', 'report.md']) expect(existsSync(join(out, f))).toBe(true);
  });
});
