import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/config-file.js';
import { UserError } from '../../src/errors.js';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

function write(name: string, text: string): string {
  const f = join(tempDir(), name);
  writeFileSync(f, text);
  return f;
}

function errorLine(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e.format();
    throw e;
  }
  throw new Error('no error');
}

describe('config files', () => {
  it('YAML and JSON give the same options, by spec or flag name', () => {
    const y = loadConfigFile(write('c.yaml', 'epochs: 50\nhidden: [16, 8]\nbatch-size: 8\ntask: 分类\n'));
    const j = loadConfigFile(write('c.json', '{"epochs": 50, "hidden": [16, 8], "batchSize": 8, "task": "分类"}'));
    expect(y).toEqual(j);
    expect(y).toEqual({ epochs: 50, hidden: [16, 8], batchSize: 8, task: '分类' });
  });

  it.each([
    ['c.yml', 'epochz: 5\n', /c\.yml: unknown option "epochz"; did you mean "epochs"\?/],
    ['c.json', '{"learning-rate": 0.1, "lr": 0.1}', /unknown option "learning-rate"/],
    ['c.yaml', 'epochs: [1\n', /is not valid YAML \(/],
    ['c.yaml', '- 1\n- 2\n', /must hold a YAML mapping of options/],
    ['c.json', '{"epochs": }', /is not valid JSON/],
  ])('%s %j -> one clear line', (name, text, re) => {
    expect(errorLine(() => loadConfigFile(write(name, text)))).toMatch(re);
  });

  it("a run folder's config.json fed back with --config reproduces the run (identical model.nnm.json)", async () => {
    const dir = tempDir();
    const a = join(dir, 'a');
    expect(
      (await runCli(['train', SAMPLE('iris.csv'), '--out', a, '--quiet', '--seed', '11', '--epochs', '60'])).code,
    ).toBe(0);
    const b = join(dir, 'b');
    const r = await runCli(['train', SAMPLE('iris.csv'), '--config', join(a, 'config.json'), '--out', b, '--quiet']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(b, 'model.nnm.json'), 'utf8')).toBe(readFileSync(join(a, 'model.nnm.json'), 'utf8'));
    const cfg = (d: string) => JSON.parse(readFileSync(join(d, 'config.json'), 'utf8'));
    expect(cfg(b)).toEqual(cfg(a));
  });

  it('a YAML config drives train, and flags override it', async () => {
    const dir = tempDir();
    const cfg = write('nnm.config.yaml', 'target: progression\ntask: 回归\nepochs: 30\nensemble: 1\nseed: 3\n');
    const r = await runCli([
      'train',
      SAMPLE('diabetes.csv'),
      '--config',
      cfg,
      '--epochs',
      '20',
      '--out',
      join(dir, 'r'),
      '--json',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const c = JSON.parse(readFileSync(join(dir, 'r', 'config.json'), 'utf8'));
    expect(c).toMatchObject({ task: 'regress', epochs: 20, ensemble: 1, seed: 3, target: 'progression' });
  });
});
