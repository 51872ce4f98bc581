// The README's commands work as written after its set-up: every `nnm` line of its sh blocks names a
// real command, options that command knows, and files that exist in the clone (or that an earlier
// example writes with --out/--save); lines on the user's own files say so ("your own").
// The examples themselves are run by hand before a release (they train for minutes in all).

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const ROOT = resolve(__dirname, '..');
const README = readFileSync(resolve(ROOT, 'README.md'), 'utf8');

function shBlocks(md: string): string[][] {
  return [...md.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1].split('\n').filter((l) => l.trim() !== ''));
}

/** Words of a command line before its comment, split on spaces (the README quotes nothing). */
function words(line: string): string[] {
  return line
    .replace(/\s+#.*$/, '')
    .split('|')[0]
    .split('>')[0]
    .trim()
    .split(/\s+/);
}

const examples = shBlocks(README)
  .flat()
  .filter((l) => l.startsWith('nnm '));
const own = (l: string): boolean => /# .*your own/.test(l);

describe('README', () => {
  it('starts with two commands: install and train on sample data, then the tests', () => {
    const quick = shBlocks(README.slice(README.indexOf('## Quick start')))[0];
    expect(quick).toEqual(['npm ci && npm link --ignore-scripts && nnm train sample-data/iris.csv', 'npm test']);
  });

  it('warns against npx nnm outside the clone', () => {
    expect(README).toMatch(/Do not run `npx nnm` outside this folder/);
  });

  it('has examples for every command', () => {
    const subs = new Set(examples.map((l) => words(l)[1]));
    for (const c of ['train', 'tune', 'predict', 'evaluate', 'inspect', 'models', 'init', 'report', 'export'])
      expect(subs, c).toContain(c);
  });

  it.each(examples.filter((l) => !own(l)))('%s: the files exist and the options are known', async (line) => {
    const w = words(line);
    const help = await runCli([w[1], '--help']);
    expect(help.code).toBe(0);
    for (const flag of w.filter((x) => x.startsWith('--'))) expect(help.stdout, flag).toContain(`${flag} `);
    const made = examples.slice(0, examples.indexOf(line)).flatMap((l) => {
      const v = words(l);
      return v.flatMap((x, i) => (x === '--out' || x === '--save' ? [v[i + 1]] : []));
    });
    const paths = w
      .slice(2)
      .filter(
        (x, i, a) => !x.startsWith('--') && (i === 0 || !a[i - 1].startsWith('--') || /\//.test(x)) && /[/.]/.test(x),
      );
    for (const p of paths) {
      if (w.includes('--out') && w[w.indexOf('--out') + 1] === p) continue;
      if (w.includes('--save') && w[w.indexOf('--save') + 1] === p) continue;
      const ok = existsSync(resolve(ROOT, p)) || made.some((m) => p === m || p.startsWith(`${m}/`));
      expect(ok, `${p} (in "${line}") neither exists nor is written by an earlier example`).toBe(true);
    }
  });
});
