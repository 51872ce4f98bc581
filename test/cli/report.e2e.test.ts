import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findCjkFont, systemFontDirs } from '../../src/report/figures/fonts.js';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';
import { englishRuns } from '../helpers/english.js';

const ROOT = resolve(__dirname, '../..');
const nonEmpty = (p: string): boolean => existsSync(p) && statSync(p).size > 0;
const cjkFont = findCjkFont(systemFontDirs(process.platform, process.env, homedir()));

function binaryIris(dir: string): string {
  const lines = readFileSync(SAMPLE('iris.csv'), 'utf8').trim().split('\n');
  const path = join(dir, 'iris2.csv');
  writeFileSync(path, [lines[0], ...lines.slice(1).filter((l) => !l.endsWith('setosa'))].join('\n') + '\n');
  return path;
}

describe('nnm train writes the report side of the run folder', () => {
  const runs = {
    classify: join(tempDir(), 'iris'),
    regress: join(tempDir(), 'diabetes'),
    binary: join(tempDir(), 'binary'),
  };
  beforeAll(async () => {
    expect(
      (await runCli(['train', SAMPLE('iris.csv'), '--out', runs.classify, '--quiet', '--ensemble', '2'])).code,
    ).toBe(0);
    expect(
      (
        await runCli([
          'train',
          SAMPLE('diabetes.csv'),
          '--out',
          runs.regress,
          '--quiet',
          '--ensemble',
          '2',
          '--lang',
          'zh',
        ])
      ).code,
    ).toBe(0);
    expect(
      (await runCli(['train', binaryIris(tempDir()), '--out', runs.binary, '--quiet', '--ensemble', '1'])).code,
    ).toBe(0);
  });

  const figures: [keyof typeof runs, string[]][] = [
    ['classify', ['loss', 'confusion_matrix', 'f1_per_class', 'network']],
    ['regress', ['loss', 'pred_vs_actual', 'residuals', 'network']],
    ['binary', ['loss', 'confusion_matrix', 'roc', 'f1_per_class', 'network']],
  ];
  it.each(figures)(
    '%s: every figure as SVG and PNG, every table as .tex and .md, summary.json, report.md/html',
    (run, ids) => {
      const dir = runs[run];
      for (const id of ids) {
        expect(nonEmpty(join(dir, 'figures', `${id}.svg`)), `${id}.svg`).toBe(true);
        expect(nonEmpty(join(dir, 'figures', `${id}.png`)), `${id}.png`).toBe(true);
        expect(
          readFileSync(join(dir, 'figures', `${id}.png`))
            .subarray(1, 4)
            .toString(),
        ).toBe('PNG');
      }
      for (const t of ['data', 'preprocessing', 'network', 'hyperparameters', 'metrics']) {
        expect(readFileSync(join(dir, 'tables', `${t}.tex`), 'utf8')).toContain('\\toprule');
        expect(nonEmpty(join(dir, 'tables', `${t}.md`))).toBe(true);
      }
      for (const f of ['summary.json', 'report.md', 'report.html']) expect(nonEmpty(join(dir, f))).toBe(true);
      const md = readFileSync(join(dir, 'report.md'), 'utf8');
      for (const id of ids) expect(md).toContain(`(figures/${id}.svg)`);
    },
  );

  it('the regression report in Chinese: no untranslated English sentences, axis labels in Chinese', () => {
    const md = readFileSync(join(runs.regress, 'report.md'), 'utf8');
    expect(md).toContain('决定系数 R²');
    expect(englishRuns(md)).toEqual([]);
    expect(englishRuns(readFileSync(join(runs.regress, 'report.html'), 'utf8'))).toEqual([]);
    expect(readFileSync(join(runs.regress, 'figures/pred_vs_actual.svg'), 'utf8')).toContain('预测值');
    expect(readFileSync(join(runs.regress, 'tables/metrics.tex'), 'utf8')).toContain('本文模型');
  });

  it.skipIf(!cjkFont)('Chinese PNG figures are drawn with a CJK font (no missing-font note)', () => {
    const md = readFileSync(join(runs.regress, 'report.md'), 'utf8');
    expect(md).not.toContain('未找到中文字体');
    expect(statSync(join(runs.regress, 'figures/loss.png')).size).toBeGreaterThan(5000);
  });

  it('nnm report RUN_DIR --lang zh rebuilds the report in Chinese without retraining', async () => {
    const model = readFileSync(join(runs.classify, 'model.nnm.json'), 'utf8');
    const metrics = readFileSync(join(runs.classify, 'metrics.json'), 'utf8');
    const r = await runCli(['report', runs.classify, '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('report.html');
    const md = readFileSync(join(runs.classify, 'report.md'), 'utf8');
    expect(md).toContain('# nnm 建模报告');
    expect(md).toContain('混淆矩阵');
    expect(englishRuns(md)).toEqual([]);
    expect(readFileSync(join(runs.classify, 'model.nnm.json'), 'utf8')).toBe(model);
    expect(readFileSync(join(runs.classify, 'metrics.json'), 'utf8')).toBe(metrics);
    expect(readFileSync(join(runs.classify, 'figures/confusion_matrix.svg'), 'utf8')).toContain('真实类别');
    // back to English; the default language is the run's own (en here)
    expect((await runCli(['report', runs.classify])).code).toBe(0);
    expect(readFileSync(join(runs.classify, 'report.md'), 'utf8')).toContain('## 3 Results (test part)');
  });

  it('nnm report on a folder that is not a run folder: exit 2, one line', async () => {
    const r = await runCli(['report', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/summary\.json: not found; give a run folder written by nnm train/);
    const bad = await runCli(['report', runs.classify, '--lang', 'fr']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang must be one of en, zh, got "fr"');
  });
});

describe('figure libraries load lazily', () => {
  it('nnm --help never loads vega, vega-lite or resvg', () => {
    const hook = join(tempDir(), 'hook.mjs');
    writeFileSync(
      hook,
      `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent('export async function resolve(s, c, n) { if (/vega|resvg/.test(s)) process.stderr.write("LOADED " + s + "\\\\n"); return n(s, c); }'));\n`,
    );
    const help = spawnSync(process.execPath, ['--import', hook, join(ROOT, 'bin/nnm.js'), '--help'], {
      encoding: 'utf8',
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('report');
    expect(help.stderr).not.toContain('LOADED');
    // the hook itself works: a command that writes figures does load them
    const train = spawnSync(
      process.execPath,
      [
        '--import',
        hook,
        join(ROOT, 'bin/nnm.js'),
        'train',
        SAMPLE('iris.csv'),
        '--out',
        join(tempDir(), 'r'),
        '--quiet',
        '--ensemble',
        '1',
        '--epochs',
        '5',
      ],
      { encoding: 'utf8' },
    );
    expect(train.status).toBe(0);
    expect(train.stderr).toContain('LOADED vega');
  });
});
