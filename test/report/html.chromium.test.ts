// report.html in a real browser: headless Chromium (Debian's package) driven by playwright-core.
// Skips cleanly when /usr/bin/chromium is absent; .ci/run installs it, so CI runs it.

import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(__dirname, '../../test-artifacts');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe.skipIf(!existsSync(CHROMIUM))('report.html in headless Chromium', () => {
  let browser: Browser;
  const runs: Record<string, string> = {};
  beforeAll(async () => {
    runs.classify = join(tempDir(), 'iris');
    runs.regress_zh = join(tempDir(), 'diabetes');
    expect(
      (await runCli(['train', SAMPLE('iris.csv'), '--out', runs.classify, '--quiet', '--ensemble', '1'])).code,
    ).toBe(0);
    expect(
      (
        await runCli([
          'train',
          SAMPLE('diabetes.csv'),
          '--out',
          runs.regress_zh,
          '--quiet',
          '--ensemble',
          '1',
          '--lang',
          'zh',
        ])
      ).code,
    ).toBe(0);
    runs.forecast = join(tempDir(), 'air');
    expect(
      (
        await runCli([
          'train',
          SAMPLE('airpassengers.csv'),
          '--task',
          'forecast',
          '--horizon',
          '12',
          '--out',
          runs.forecast,
          '--quiet',
          '--ensemble',
          '2',
        ])
      ).code,
    ).toBe(0);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(['classify', 'regress_zh', 'forecast'])(
    '%s: no console errors, every figure has a size, screenshot saved',
    async (name) => {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      const requests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
      });
      await page.goto(pathToFileURL(join(runs[name], 'report.html')).href, { waitUntil: 'load' });
      // (the tsconfig has no DOM lib: describe the image element structurally)
      type Img = {
        complete: boolean;
        naturalWidth: number;
        getBoundingClientRect(): { width: number; height: number };
      };
      const figs = await page.$$eval('figure img', (imgs) =>
        imgs.map((i) => {
          const img = i as unknown as Img;
          const r = img.getBoundingClientRect();
          return { complete: img.complete, natural: img.naturalWidth, w: r.width, h: r.height };
        }),
      );
      expect(figs.length).toBeGreaterThanOrEqual(4);
      for (const f of figs) {
        expect(f.complete).toBe(true);
        expect(f.natural).toBeGreaterThan(0);
        expect(f.w).toBeGreaterThan(0);
        expect(f.h).toBeGreaterThan(0);
      }
      expect(await page.$$eval('table', (t) => t.length)).toBeGreaterThanOrEqual(4);
      await page.screenshot({ path: join(ARTIFACTS, `report-${name}.png`), fullPage: true });
      expect(existsSync(join(ARTIFACTS, `report-${name}.png`))).toBe(true);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    },
  );
});
