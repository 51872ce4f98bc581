// Each template: init into a temp folder, run the command its README names there (the real binary,
// in that folder, as a user would), and check it writes a run folder.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTemplates, templatesRoot } from '../../src/report/templates.js';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

const BIN = resolve(__dirname, '../../bin/nnm.js');
const templates = listTemplates();

describe('nnm init', () => {
  it('finds the templates, each with a README command, a config and a paper skeleton', async () => {
    expect(templates.map((t) => t.name)).toEqual(
      expect.arrayContaining(['classify', 'regress', 'forecast', 'image', 'text']),
    );
    for (const t of templates) {
      expect(t.command).toMatch(/^nnm train /);
      for (const f of ['README.md', 'nnm.config.json', 'paper/model.tex'])
        expect(existsSync(join(templatesRoot(), t.name, f))).toBe(true);
    }
    const r = await runCli(['init', '--list']);
    expect(r.code).toBe(0);
    for (const t of templates) expect(r.stdout).toMatch(new RegExp(`^${t.name}\\s+${t.name}: `, 'm'));
  });

  it('the bundled data of a template is the sample-data file, byte for byte', () => {
    for (const [t, f] of [
      ['classify', 'iris.csv'],
      ['regress', 'diabetes.csv'],
      ['forecast', 'airpassengers.csv'],
      ['image', 'digits8x8.csv'],
    ]) {
      expect(readFileSync(join(templatesRoot(), t, f), 'utf8')).toBe(readFileSync(SAMPLE(f), 'utf8'));
    }
  });

  it.each(templates.map((t) => [t.name, t.command ?? '']))(
    '%s: init, then `%s` in that folder writes a run folder',
    async (name, command) => {
      const dir = join(tempDir(), `project-${name}`);
      const r = await runCli(['init', dir, '--template', name]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(command);
      const args = command.split(/\s+/).slice(1);
      const run = spawnSync(process.execPath, [BIN, ...args, '--quiet'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const out = join(dir, args[args.indexOf('--out') + 1]);
      for (const f of ['model.nnm.json', 'metrics.json', 'predictions.csv', 'report.md', 'config.json'])
        expect(existsSync(join(out, f))).toBe(true);
      const tex = readFileSync(join(dir, 'paper', 'model.tex'), 'utf8');
      expect(tex).toContain(`\\providecommand{\\nnmrun}{${args[args.indexOf('--out') + 1]}}`);
      // Every table and figure the paper skeleton inputs is a file the run wrote.
      const refs = [...tex.matchAll(/\\nnm(?:input|figure)\{([^}#]+)\}/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThanOrEqual(4);
      for (const f of refs) expect(existsSync(join(out, f)), f).toBe(true);
    },
  );

  it('refuses a non-empty folder without --force, and an unknown template', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = await runCli(['init', dir, '--template', 'classify']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not empty; choose a new folder, or add --force');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    expect((await runCli(['init', dir, '--template', 'classify', '--force'])).code).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    const bad = await runCli(['init', join(dir, 'x'), '--template', 'clasify']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown template "clasify"; choose one of classify, forecast, image, regress, text/);
  });
});
