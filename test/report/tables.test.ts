import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/report/i18n/index.js';
import { buildTables } from '../../src/report/report-tables.js';
import { latexEscape, toLatex, toMarkdownTable } from '../../src/report/tables.js';
import { tempDir } from '../helpers/cli.js';
import { classifySummary } from '../helpers/summary.js';

const GOLDEN = join(__dirname, 'golden');
const golden = (name: string): string => readFileSync(join(GOLDEN, name), 'utf8');

function onPath(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

describe('LaTeX tables', () => {
  it('escapes the LaTeX specials', () => {
    expect(latexEscape('a_b & 50% #1 $x$ ~ ^ {} \\')).toBe('a\\_b \\& 50\\% \\#1 \\$x\\$ \\textasciitilde{} \\textasciicircum{} \\{\\} \\textbackslash{}');
    expect(latexEscape('R² 4×4 a→b −1')).toBe('R$^2$ 4$\\times$4 a$\\rightarrow$b $-$1');
    expect(latexEscape('a<b>c')).toBe('a\\textless{}b\\textgreater{}c');
  });

  const en = buildTables(classifySummary(), messages('en'));
  it('builds the five tables of the paper in order', () => {
    expect(en.map((t) => t.id)).toEqual(['data', 'preprocessing', 'network', 'hyperparameters', 'metrics']);
  });

  it.each(['data', 'preprocessing', 'network', 'hyperparameters', 'metrics'])('%s.tex matches the golden file (booktabs three-line table)', (id) => {
    const tex = toLatex(en.find((t) => t.id === id)!);
    expect(tex).toBe(golden(`${id}.tex`));
    expect(tex).toMatch(/\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/);
    expect(tex).not.toMatch(/\\hline|\|/);
  });

  it('the Chinese metrics table matches its golden file', () => {
    const zh = buildTables(classifySummary(), messages('zh'));
    expect(toLatex(zh.find((t) => t.id === 'metrics')!)).toBe(golden('metrics.zh.tex'));
  });

  it('Markdown tables have one row per data row and right-aligned numbers', () => {
    const md = toMarkdownTable(en.find((t) => t.id === 'metrics')!);
    expect(md.split('\n')).toEqual([
      '| model | Accuracy | Macro F1 | Precision (macro) | Recall (macro) |',
      '|---|---:|---:|---:|---:|',
      '| MLP (nnm) | 0.75 | 0.7333 | 0.75 | 0.75 |',
      '| baseline: majority class | 0.3333 | 0.1667 | 0.1111 | 0.3333 |',
    ]);
  });

  // Compiles every table when a TeX engine is installed; skipped (not failed) otherwise.
  const engine = ['xelatex', 'pdflatex'].find(onPath);
  it.skipIf(!engine)('compiles with LaTeX', () => {
    const dir = tempDir();
    const cjk = engine === 'xelatex' && spawnSync('kpsewhich', ['ctex.sty']).status === 0;
    const tables = cjk ? [...en, ...buildTables(classifySummary(), messages('zh'))] : en;
    const body = tables.map(toLatex).join('\n');
    const doc = `\\documentclass{${cjk ? 'ctexart' : 'article'}}\n\\usepackage{booktabs}\n\\begin{document}\n${cjk ? body : body.replace(/猫/g, 'cat')}\n\\end{document}\n`;
    writeFileSync(join(dir, 'tables.tex'), doc);
    execFileSync(engine!, ['-interaction=nonstopmode', '-halt-on-error', 'tables.tex'], { cwd: dir, stdio: 'pipe', timeout: 60_000 });
    expect(existsSync(join(dir, 'tables.pdf'))).toBe(true);
  });
});
