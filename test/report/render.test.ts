import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFonts, systemFontDirs } from '../../src/report/figures/fonts.js';
import { forecastFigures } from '../../src/report/figures/plan.js';
import { renderFigures } from '../../src/report/figures/render.js';
import { messages } from '../../src/report/i18n/index.js';
import { SAMPLE } from '../helpers/cli.js';
import { writeAtomic } from '../../src/report/files.js';

describe('forecast figures render from plain arrays', () => {
  it('airpassengers: test part with one-step and multi-step forecasts, future band, residual ACF', async () => {
    const rows = readFileSync(SAMPLE('airpassengers.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const x = rows.map((r) => r[0]);
    const y = rows.map((r) => Number(r[1]));
    const n = y.length - 24;
    const season = (i: number): number => y[i - 12] * (y[n - 1] / y[n - 13]); // a seasonal-naive stand-in
    const oneStep = y.slice(n).map((_, k) => y[n + k - 12] * 1.1);
    const multiStep = y.slice(n).map((_, k) => season(n + k));
    const future = Array.from({ length: 12 }, (_, k) => `1961-${String(k + 1).padStart(2, '0')}-01`);
    const mean = y.slice(-12).map((v) => v * 1.1);
    const figs = forecastFigures(
      {
        history: { x: x.slice(0, n), y: y.slice(0, n) },
        test: { x: x.slice(n), actual: y.slice(n), oneStep, multiStep },
        future: { x: future, mean, lower: mean.map((v) => v * 0.9), upper: mean.map((v) => v * 1.1), level: 0.95 },
        residuals: y.slice(n).map((v, k) => v - oneStep[k]),
      },
      messages('zh'),
      '乘客数（千人）',
    );
    const out = await renderFigures(figs, findFonts(systemFontDirs(process.platform, process.env, homedir())));
    expect(out.map((f) => f.id)).toEqual(['forecast_test', 'series_full', 'forecast_future', 'residual_acf']);
    for (const f of out) {
      expect(f.svg).toMatch(/^<svg/);
      expect(f.png.length).toBeGreaterThan(1000);
    }
    expect(out[0].svg).toContain('多步预测');
    expect(out[2].svg).toContain('未来预测');
    expect(out[3].svg).toContain('自相关系数');
    // for a human look (test-artifacts/ is gitignored)
    for (const f of out) writeAtomic(join(__dirname, '../../test-artifacts', `${f.id}.png`), f.png);
  });
});
