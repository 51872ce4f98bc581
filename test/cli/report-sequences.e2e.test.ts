// Reports of forecast and text runs: the task-specific method text, figures, and a Chinese version
// without untranslated English sentences.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';
import { englishRuns } from '../helpers/english.js';

describe('reports of sequence tasks', () => {
  it('forecast: transformations and recursive forecasts explained; forecast figures; Chinese clean', async () => {
    const out = join(tempDir(), 'air');
    const r = await runCli([
      'train',
      SAMPLE('airpassengers.csv'),
      '--task',
      'forecast',
      '--ensemble',
      '2',
      '--epochs',
      '20',
      '--horizon',
      '6',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('The series was transformed (log, then seasonal difference at lag 12, then standardisation)');
    expect(md).toContain('LSTM(1 -> 32, T=12) → Dense(32 -> 1)');
    expect(md).toContain('gradients clipped to norm 1');
    for (const f of ['forecast_test', 'forecast_future', 'residual_acf', 'loss', 'network']) {
      expect(existsSync(join(out, 'figures', `${f}.svg`))).toBe(true);
      expect(existsSync(join(out, 'figures', `${f}.png`))).toBe(true);
    }
    const zh = await runCli(['report', out, '--lang', 'zh']);
    expect(zh.code).toBe(0);
    const zmd = readFileSync(join(out, 'report.md'), 'utf8');
    expect(zmd).toContain('对数变换、滞后 12 的季节差分、标准化');
    expect(englishRuns(zmd.replace(/```[\s\S]*?```/g, ''))).toEqual([]);
  });

  it('text: the token explanation, in English and Chinese', async () => {
    const out = join(tempDir(), 'txt');
    const r = await runCli([
      'train',
      join(__dirname, '../fixtures/reviews-zh.csv'),
      '--task',
      'text',
      '--ensemble',
      '1',
      '--epochs',
      '5',
      '--lang',
      'zh',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const zmd = readFileSync(join(out, 'report.md'), 'utf8');
    expect(zmd).toContain('文本按字切分（中文无需分词器）');
    expect(englishRuns(zmd)).toEqual([]);
    await runCli(['report', out, '--lang', 'en']);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('Texts were split into characters');
  });
});
