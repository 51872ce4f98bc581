import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/report/i18n/index.js';
import { formatTable } from '../../src/report/numbers.js';
import { buildTables } from '../../src/report/report-tables.js';
import { LONGTABLE_ROWS, latexEscape, runId, type Table, toLatex, toMarkdownTable } from '../../src/report/tables.js';
import { tempDir } from '../helpers/cli.js';
import { classifySummary } from '../helpers/summary.js';

const GOLDEN = join(__dirname, 'golden');
const golden = (name: string): string => readFileSync(join(GOLDEN, name), 'utf8');

function onPath(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

describe('LaTeX tables', () => {
  it('escapes the LaTeX specials', () => {
    expect(latexEscape('a_b & 50% #1 $x$ ~ ^ {} \\')).toBe(
      'a\\_b \\& 50\\% \\#1 \\$x\\$ \\textasciitilde{} \\textasciicircum{} \\{\\} \\textbackslash{}',
    );
    expect(latexEscape('R² 4×4 a→b −1')).toBe('R$^2$ 4$\\times$4 a$\\rightarrow$b $-$1');
    expect(latexEscape('a<b>c')).toBe('a\\textless{}b\\textgreater{}c');
  });

  const en = buildTables(classifySummary(), messages('en'));
  it('builds the five tables of the paper in order', () => {
    expect(en.map((t) => t.id)).toEqual(['data', 'preprocessing', 'network', 'hyperparameters', 'metrics']);
  });

  it.each(['data', 'preprocessing', 'network', 'hyperparameters', 'metrics'])(
    '%s.tex matches the golden file (booktabs three-line table)',
    (id) => {
      const tex = toLatex(en.find((t) => t.id === id)!);
      expect(tex).toBe(golden(`${id}.tex`));
      expect(tex).toMatch(/\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/);
      expect(tex).not.toMatch(/\\hline|\|/);
    },
  );

  it('the Chinese metrics table matches its golden file', () => {
    const zh = buildTables(classifySummary(), messages('zh'));
    expect(toLatex(zh.find((t) => t.id === 'metrics')!)).toBe(golden('metrics.zh.tex'));
  });

  it('Markdown tables have one row per data row and right-aligned numbers', () => {
    const md = toMarkdownTable(en.find((t) => t.id === 'metrics')!);
    expect(md.split('\n')).toEqual([
      '| model | Accuracy | Macro F1 | Precision (macro) | Recall (macro) |',
      '|---|---:|---:|---:|---:|',
      '| MLP (nnm) | 0.7500 | 0.7333 | 0.7500 | 0.7500 |',
      '| baseline: majority class | 0.3333 | 0.1667 | 0.1111 | 0.3333 |',
    ]);
  });

  it('labels each table per run, from the run folder name made label-safe', () => {
    expect(runId('iris')).toBe('iris');
    expect(runId('Iris MLP_2026-01-02T03:04')).toBe('iris-mlp-2026-01-02t03-04');
    expect(runId('鸢尾花')).toBe('run');
    expect(
      toLatex(
        en.find((t) => t.id === 'metrics')!,
        'iris',
      ),
    ).toContain('\\label{tab:iris-metrics}');
    expect(
      toLatex(
        en.find((t) => t.id === 'metrics')!,
        'air',
      ),
    ).toContain('\\label{tab:air-metrics}');
  });

  it('a long table is a longtable (it breaks across pages), never a table float', () => {
    const long: Table = {
      id: 'data',
      caption: 'c',
      header: ['a', 'b'],
      align: ['l', 'r'],
      rows: Array.from({ length: LONGTABLE_ROWS + 1 }, (_, i) => [`p${i}`, String(-i)]),
    };
    const tex = toLatex(formatTable(long), 'digits');
    expect(tex).toMatch(/^\\begin\{longtable\}\{lr\}$/m);
    expect(tex).toContain('\\endfirsthead');
    expect(tex).not.toContain('\\begin{table}');
    expect(tex).toContain('p3 & $-$3 \\\\');
    const short = toLatex({ ...long, rows: long.rows.slice(0, LONGTABLE_ROWS) }, 'digits');
    expect(short).toContain('\\begin{table}[htbp]');
    expect(short).not.toContain('\\begin{longtable}');
  });

  // Compiles every table when a TeX engine is installed; skipped (not failed) otherwise.
  const engine = ['xelatex', 'pdflatex'].find(onPath);
  it.skipIf(!engine)('compiles with LaTeX', () => {
    const dir = tempDir();
    const cjk = engine === 'xelatex' && spawnSync('kpsewhich', ['ctex.sty']).status === 0;
    const tables = cjk ? [...en, ...buildTables(classifySummary(), messages('zh'))] : en;
    const body = tables.map((t) => toLatex(t)).join('\n');
    const doc = `\\documentclass{${cjk ? 'ctexart' : 'article'}}\n\\usepackage{booktabs}\n\\begin{document}\n${cjk ? body : body.replace(/猫/g, 'cat')}\n\\end{document}\n`;
    writeFileSync(join(dir, 'tables.tex'), doc);
    execFileSync(engine!, ['-interaction=nonstopmode', '-halt-on-error', 'tables.tex'], {
      cwd: dir,
      stdio: 'pipe',
      timeout: 60_000,
    });
    expect(existsSync(join(dir, 'tables.pdf'))).toBe(true);
  });
});
