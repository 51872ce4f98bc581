// Every template's paper/model.tex compiles against a real (short) run of its README command, as a
// user would do it: nnm init, train in that folder, \input{paper/model} from a minimal main file.
// English reports go through pdflatex, Chinese ones through xelatex + ctex (the text template's data
// are Chinese, so both of its reports need xelatex). Skips cleanly where the TeX engines are absent
// (.ci/run installs them with apt).

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTemplates } from '../../src/report/templates.js';
import { runCli, tempDir } from '../helpers/cli.js';

const BIN = resolve(__dirname, '../../bin/nnm.js');
const ok = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const hasPdflatex = ok('pdflatex', ['--version']);
const hasXelatex = ok('xelatex', ['--version']) && ok('kpsewhich', ['ctex.sty']);

function main(engine: 'pdflatex' | 'xelatex'): string {
  const cls = engine === 'xelatex' ? '\\documentclass{ctexart}' : '\\documentclass{article}';
  return `${cls}\n\\usepackage{booktabs,longtable,graphicx}\n\\begin{document}\n\\input{paper/model}\n\\end{document}\n`;
}

/** Run pdflatex/xelatex twice (labels resolve on the second pass); returns the last log. */
function compile(dir: string, engine: 'pdflatex' | 'xelatex'): { status: number | null; log: string } {
  let r = spawnSync(engine, ['-interaction=nonstopmode', '-halt-on-error', 'main.tex'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status === 0)
    r = spawnSync(engine, ['-interaction=nonstopmode', '-halt-on-error', 'main.tex'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    });
  return {
    status: r.status,
    log: existsSync(join(dir, 'main.log')) ? readFileSync(join(dir, 'main.log'), 'latin1') : r.stdout,
  };
}

const cases = listTemplates().flatMap((t) =>
  (['en', 'zh'] as const).map((lang) => ({
    name: t.name,
    command: t.command ?? '',
    lang,
    engine: lang === 'zh' || t.name === 'text' ? ('xelatex' as const) : ('pdflatex' as const),
  })),
);

describe('paper/model.tex of every template compiles against a real run', () => {
  it.each(cases)(
    '$name ($lang, $engine)',
    async ({ name, command, lang, engine }) => {
      if (!(engine === 'pdflatex' ? hasPdflatex : hasXelatex)) return; // skipped: no TeX engine here
      const dir = join(tempDir(), `paper-${name}`);
      expect((await runCli(['init', dir, '--template', name])).code).toBe(0);
      const args = [...command.split(/\s+/).slice(1), '--epochs', '3', '--quiet', '--lang', lang];
      const run = spawnSync(process.execPath, [BIN, ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(run.status, run.stderr).toBe(0);
      const tex = readFileSync(join(dir, 'paper/model.tex'), 'utf8');
      const runDir = /\\providecommand\{\\nnmrun\}\{([^}]+)\}/.exec(tex)![1];
      const wanted = [...tex.matchAll(/\\nnm(?:input|figure)\{([^}]+)\}/g)]
        .map((m) => m[1])
        .filter((f) => !f.includes('#'));
      expect(wanted.filter((f) => !existsSync(join(dir, runDir, f)))).toEqual([]);
      writeFileSync(join(dir, 'main.tex'), main(engine));
      const { status, log } = compile(dir, engine);
      expect(
        status,
        log
          .split('\n')
          .filter((l) => l.startsWith('!'))
          .join('\n'),
      ).toBe(0);
      expect(existsSync(join(dir, 'main.pdf'))).toBe(true);
      expect(log).not.toMatch(/multiply defined|There were undefined references/);
    },
    300_000,
  );
});

describe("every tables/*.tex of a run compiles, the analysis sections' too", () => {
  it.each(['en', 'zh'] as const)(
    'iris with --cv, --repeats and --sensitivity (%s)',
    async (lang) => {
      const engine = lang === 'zh' ? 'xelatex' : 'pdflatex';
      if (!(engine === 'pdflatex' ? hasPdflatex : hasXelatex)) return; // skipped: no TeX engine here
      const dir = tempDir();
      const run = join(dir, 'runs', 'Iris CV');
      const r = await runCli([
        'train',
        resolve(__dirname, '../../sample-data/iris.csv'),
        '--out',
        run,
        '--quiet',
        '--epochs',
        '5',
        '--cv',
        '3',
        '--repeats',
        '2',
        '--sensitivity',
        'on',
        '--lang',
        lang,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const files = readdirSync(join(run, 'tables'))
        .filter((f) => f.endsWith('.tex'))
        .sort();
      expect(files).toEqual(
        expect.arrayContaining(['cv-1.tex', 'cv-2.tex', 'repeats-1.tex', 'sensitivity-1.tex', 'metrics.tex']),
      );
      for (const f of files)
        expect(readFileSync(join(run, 'tables', f), 'utf8')).toContain(`\\label{tab:iris-cv-${f.slice(0, -4)}}`);
      const cls = engine === 'xelatex' ? '\\documentclass{ctexart}' : '\\documentclass{article}';
      writeFileSync(
        join(dir, 'main.tex'),
        `${cls}\n\\usepackage{booktabs,longtable}\n\\begin{document}\n${files.map((f) => `\\input{runs/Iris CV/tables/${f}}`).join('\n')}\n\\end{document}\n`,
      );
      const { status, log } = compile(dir, engine);
      expect(
        status,
        log
          .split('\n')
          .filter((l) => l.startsWith('!'))
          .join('\n'),
      ).toBe(0);
    },
    300_000,
  );
});
