// report.docx of real runs (classification, regression, forecast, cluster; English and Chinese),
// read back by unzipping word/document.xml: real Word tables in the three-line style holding the
// metrics table's cells, the PNG figures, the Chinese fonts. Converted to PDF where LibreOffice exists.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pngSize } from '../../src/report/docx.js';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';
import { unzipEntry, zipNames } from '../helpers/zip.js';

const office = ['libreoffice', 'soffice'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
const text = (xml: string): string =>
  xml
    .replace(
      /<w:p[ >][\s\S]*?<\/w:p>/g,
      (p) => `${[...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')}\n`,
    )
    .replace(/<[^>]+>/g, '');
/** Equal text, or the same number (the cluster report's Markdown is not yet column-formatted). */
const sameCell = (a: string, b: string): boolean =>
  a === b ||
  (a.trim() !== '' &&
    Math.abs(Number(a.replace('−', '-')) - Number(b.replace('−', '-'))) <=
      1e-3 * Math.abs(Number(b.replace('−', '-'))) + 1e-12);
const unescape = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

async function run(file: string, args: string[]): Promise<string> {
  const dir = join(tempDir(), 'docx');
  const r = await runCli(['train', SAMPLE(file), '--out', dir, '--quiet', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

describe('report.docx', () => {
  it.each([
    ['classify', 'iris.csv', ['--epochs', '5'], 'en'],
    ['classify', 'iris.csv', ['--epochs', '5'], 'zh'],
    ['regress', 'diabetes.csv', ['--epochs', '5'], 'en'],
    ['forecast', 'airpassengers.csv', ['--epochs', '3'], 'zh'],
    ['cluster', 'iris.csv', ['--task', 'cluster', '--epochs', '5'], 'en'],
  ])('%s (%s, %s): opens and holds the metrics table as a Word table', async (name, file, args, lang) => {
    const dir = await run(file, [...args, '--lang', lang]);
    const zip = readFileSync(join(dir, 'report.docx'));
    const xml = unzipEntry(zip, 'word/document.xml')!.toString('utf8');
    expect(xml).toContain('<w:tbl>');
    expect(xml).not.toMatch(/<w:left w:val="single"|<w:insideV w:val="single"/); // no vertical rules
    // Every cell of tables/metrics.md, in order, inside one Word table.
    const metricsMd =
      name === 'cluster'
        ? readFileSync(join(dir, 'report.md'), 'utf8')
            .split(/\n(?=#)/)
            .find((sec) => sec.includes('|'))!
        : readFileSync(join(dir, 'tables/metrics.md'), 'utf8');
    const all = metricsMd.split('\n');
    const from = all.findIndex((l) => l.startsWith('|'));
    const to = all.findIndex((l, i) => i > from && !l.startsWith('|'));
    const md = all.slice(from, to < 0 ? undefined : to).filter((l) => !l.startsWith('|---'));
    const cells = md.flatMap((l) =>
      l
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim().replace(/`/g, '').replace(/\*\*/g, '')),
    );
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) =>
      unescape(text(m[0])).split('\n').filter(Boolean),
    );
    expect(
      tables.some((t) => t.length === cells.length && t.every((c, i) => sameCell(c, cells[i]))),
      `${cells.join(' | ')}`,
    ).toBe(true);
    // The three-line style: a thick rule over the header, a thin one under it.
    expect(xml).toMatch(/<w:top w:val="single" w:color="000000" w:sz="12"\/>/);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="6"\/>/);
    // The same figures as the run folder's PNGs.
    const pngs = existsSync(join(dir, 'figures'))
      ? readdirSync(join(dir, 'figures')).filter((f) => f.endsWith('.png'))
      : [];
    expect(zipNames(zip).filter((n) => n.startsWith('word/media/') && n.endsWith('.png')).length).toBe(pngs.length);
    expect((xml.match(/<w:drawing>/g) ?? []).length).toBe(pngs.length);
    const doc = unescape(text(xml));
    const md2 = readFileSync(join(dir, 'report.md'), 'utf8');
    for (const h of [...md2.matchAll(/^##+ (.*)$/gm)].map((m) => m[1].replace(/`/g, ''))) expect(doc).toContain(h);
    if (lang === 'zh') expect(unzipEntry(zip, 'word/styles.xml')!.toString('utf8')).toMatch(/w:eastAsia="SimSun"/);
    if (office) {
      const out = join(dir, 'pdf');
      const r = spawnSync(office, ['--headless', '--convert-to', 'pdf', '--outdir', out, join(dir, 'report.docx')], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status, r.stderr).toBe(0);
      expect(existsSync(join(out, 'report.pdf'))).toBe(true);
    }
  });

  it('reads the size of a PNG from its header', () => {
    const png = Buffer.alloc(24);
    png.writeUInt32BE(640, 16);
    png.writeUInt32BE(480, 20);
    expect(pngSize(png)).toEqual({ width: 640, height: 480 });
  });
});
