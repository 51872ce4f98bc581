// A run with a sensitivity analysis draws the permutation importance of every input (issue 15), sorted,
// in English and Chinese; a run without one draws no such figure.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

describe('importance figure', () => {
  it.each([
    ['en', 'Permutation importance of each input on the test rows: the drop in R²'],
    ['zh', '各输入变量在测试集上的置换重要性'],
  ])('--sensitivity on (%s)', async (lang, caption) => {
    const out = join(tempDir(), 'run');
    const r = await runCli([
      'train',
      SAMPLE('diabetes.csv'),
      '--sensitivity',
      'on',
      '--epochs',
      '20',
      '--lang',
      lang,
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'figures', 'importance.png'))).toBe(true);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain(caption);
    const svg = readFileSync(join(out, 'figures', 'importance.svg'), 'utf8');
    const sens = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).sensitivity;
    expect(sens.features).toHaveLength(10);
    const top = [...sens.features].sort((a, b) => b.permutation_importance - a.permutation_importance)[0].feature;
    expect(svg).toContain(top);
  });

  it('no sensitivity analysis, no figure', async () => {
    const out = join(tempDir(), 'run');
    const r = await runCli([
      'train',
      SAMPLE('iris.csv'),
      '--sensitivity',
      'off',
      '--epochs',
      '10',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'figures', 'importance.png'))).toBe(false);
  });
});
