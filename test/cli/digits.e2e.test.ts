// Acceptance for the image task on sklearn's 8x8 digits (references: sklearn MLP 0.975, a small
// PyTorch CNN 0.971 test accuracy). Each run is one CNN of ~20 epochs (~5-15 s on one core).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transformImageInputs } from '../../src/data/image-replay.js';
import type { ImagePipeline } from '../../src/data/images.js';
import { argmaxRows } from '../../src/metrics/classification.js';
import { readModelFile } from '../../src/models/model-file.js';
import { predictEnsemble } from '../../src/train/ensemble.js';
import { fixedSplit, runCli, SAMPLE, tempDir } from '../helpers/cli.js';

describe('digits8x8 --task image with no other flags', () => {
  it('mean test accuracy over seeds 1..3 >= 0.97; the run folder records shape, scaling and throughput', async () => {
    const accs: number[] = [];
    for (let seed = 1; seed <= 3; seed++) {
      const out = join(tempDir(), 'run');
      const r = await runCli([
        'train',
        SAMPLE('digits8x8.csv'),
        '--task',
        'image',
        '--out',
        out,
        '--json',
        '--seed',
        String(seed),
      ]);
      expect(r.code).toBe(0);
      const m = JSON.parse(r.stdout);
      accs.push(m.test.accuracy);
      if (seed > 1) continue;
      expect(r.stderr).toContain('image shape 8x8x1 inferred from 64 pixel columns');
      expect(r.stderr).toContain('pixels scaled to [0, 1] from 0..16');
      expect(m).toMatchObject({
        task: 'image',
        model: 'cnn',
        data: { input_shape: '8x8x1', classes: 10, test_rows: 359 },
      });
      expect(m.test.confusion_matrix).toHaveLength(10);
      expect(m.test.accuracy).toBeGreaterThan(m.baselines.majority.accuracy);
      expect(m.train.samples_per_second).toBeGreaterThan(0);
      const model = JSON.parse(readFileSync(join(out, 'model.nnm.json'), 'utf8'));
      expect(model.pipeline).toMatchObject({
        kind: 'image',
        shape: [1, 8, 8],
        scaling: { kind: 'range', min: 0, max: 16 },
        source: { kind: 'pixels', labelColumn: 'label' },
      });
      expect(model.pipeline.source.columns).toHaveLength(64);
      expect(readFileSync(join(out, 'predictions.csv'), 'utf8').split('\n')[0]).toBe(
        'row,actual,predicted,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9',
      );
      const report = readFileSync(join(out, 'report.md'), 'utf8');
      // The grid of misclassified test images, one per wrong prediction (at most 24).
      const wrong = Math.round((1 - m.test.accuracy) * m.data.test_rows);
      if (wrong > 0) {
        const svg = readFileSync(join(out, 'figures', 'misclassified.svg'), 'utf8');
        expect(svg.match(/<g transform/g)?.length).toBe(Math.min(24, wrong));
        expect(report).toContain('misclassified test image(s)');
      }
      expect(report).toContain('A convolutional neural network (CNN)');
      expect(report).toContain('conv3x3(16) -> pool2 -> conv3x3(32)');
      const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
      expect(config).toMatchObject({ task: 'image', model: 'cnn', imageShape: '8x8x1', seed: 1 });
    }
    const mean = accs.reduce((s, a) => s + a, 0) / accs.length;
    expect(mean).toBeGreaterThanOrEqual(0.97);
  });

  it('on the shared fixed split (--test file) >= 0.97', async () => {
    const { train, test } = fixedSplit('digits8x8', tempDir());
    const out = join(tempDir(), 'r');
    const r = await runCli(['train', train, '--test', test, '--task', 'image', '--out', out, '--json', '--quiet']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.data.test_rows).toBe(360);
    expect(m.test.accuracy).toBeGreaterThanOrEqual(0.97);
    // The saved pipeline replays on the test file and reproduces predictions.csv (what predict will do).
    const { file, members } = readModelFile<ImagePipeline>(join(out, 'model.nnm.json'));
    const inputs = transformImageInputs(file.pipeline, test);
    const pred = argmaxRows(predictEnsemble(members, inputs.x, inputs.n, true), inputs.n, 10);
    const saved = readFileSync(join(out, 'predictions.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[2]);
    expect(Array.from(pred, (k) => file.pipeline.classes[k])).toEqual(saved);
    expect(inputs.labels).toHaveLength(360);
  });
});
