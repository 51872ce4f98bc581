// The real binary, spawned as a user would run it (needs `npm run build`, which `npm test` does first).

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE, tempDir } from '../helpers/cli.js';

const BIN = resolve(__dirname, '../../bin/nnm.js');

function nnm(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/nnm.js', () => {
  it('is built', () => expect(existsSync(resolve(__dirname, '../../dist/cli/main.js'))).toBe(true));

  it('--help lists the commands with an example, exit 0', () => {
    const r = nnm(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('train');
    expect(r.stdout).toContain('Examples:');
  });

  it('train --help shows every option and an example', () => {
    const r = nnm(['train', '--help']);
    expect(r.code).toBe(0);
    for (const f of ['--target', '--task', '--model', '--epochs', '--seed', '--json', '--force', '--test '])
      expect(r.stdout).toContain(f);
    expect(r.stdout).toContain('nnm train sample-data/iris.csv');
  });

  it('trains iris, --json is the only stdout, no colour codes anywhere', () => {
    const out = join(tempDir(), 'run');
    const r = nnm(['train', SAMPLE('iris.csv'), '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).test.accuracy).toBeGreaterThan(0.85);
    expect(r.stderr).not.toContain('\u001b[');
    expect(existsSync(join(out, 'model.nnm.json'))).toBe(true);
  });

  it('a data error: exit 2, one line, no stack trace; --debug adds the stack', () => {
    const r = nnm(['train', '/no/such/file.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: \/no\/such\/file\.csv: file not found; /);
    const d = nnm(['train', '/no/such/file.csv', '--debug']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/\n\s+at /);
  });

  it('a reader that closes the pipe early (`| head -1`) ends the output quietly: exit 0, no stack trace', () => {
    const dir = tempDir();
    expect(
      nnm(['train', SAMPLE('iris.csv'), '--epochs', '5', '--ensemble', '1', '--out', join(dir, 'r'), '--quiet']).code,
    ).toBe(0);
    const rows = readFileSync(SAMPLE('iris.csv'), 'utf8').trim().split('\n');
    const big = join(dir, 'big.csv');
    writeFileSync(big, [rows[0], ...Array.from({ length: 40 }, () => rows.slice(1)).flat()].join('\n')); // 6,000 rows: more than a pipe holds
    const script = `"${process.execPath}" "${BIN}" predict "${join(dir, 'r', 'model.nnm.json')}" "${big}" | head -1; echo "nnm exit \${PIPESTATUS[0]}" >&2`;
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout.trim()).toBe('row,actual,predicted,p_setosa,p_versicolor,p_virginica');
    expect(r.stderr).not.toMatch(/EPIPE|Error| {4}at /);
    expect(r.stderr).toContain('nnm exit 0');
  });

  it('an unknown command or option: exit 2', () => {
    expect(nnm(['trian']).code).toBe(2);
    expect(nnm(['train', SAMPLE('iris.csv'), '--epoch', '3']).code).toBe(2);
  });
});
