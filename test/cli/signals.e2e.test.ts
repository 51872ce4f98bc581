// SIGTERM (timeouts, schedulers) and SIGHUP (a closed terminal) behave like the first Ctrl-C: stop
// after the batch, keep the best weights, write the run folder marked interrupted, exit 143 / 129.
// A second signal quits at once and leaves the previous state: an earlier --force folder stays whole.

import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

const BIN = resolve(__dirname, '../../bin/nnm.js');
const LONG = [
  SAMPLE('digits8x8.csv'),
  '--target',
  'label',
  '--epochs',
  '500',
  '--patience',
  '0',
  '--ensemble',
  '1',
  '--sensitivity',
  'off',
];

function start(args: string[]): {
  child: ChildProcess;
  stderr: () => string;
  waitFor: (re: RegExp) => Promise<void>;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, [BIN, 'train', ...args], { env: { ...process.env, NO_COLOR: '1' } });
  let err = '';
  const waiters: { re: RegExp; done: () => void }[] = [];
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of waiters.splice(0)) (w.re.test(err) ? w.done : () => waiters.push(w))();
  });
  return {
    child,
    stderr: () => err,
    waitFor: (re) => new Promise((done) => (re.test(err) ? done() : waiters.push({ re, done }))),
    exit: new Promise((r) => child.on('exit', (code) => r(code))),
  };
}

const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .filter((f) => f.includes('.'))
      .map((f) => [f, readFileSync(join(dir, f), 'latin1')]),
  );

describe('SIGTERM and SIGHUP during nnm train', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s once: the interrupted run is written, exit %i',
    async (signal, code) => {
      const out = join(tempDir(), 'run');
      const t = start([...LONG, '--out', out]);
      await t.waitFor(/^epoch 1\/500/m);
      t.child.kill(signal);
      expect(await t.exit).toBe(code);
      expect(t.stderr()).toContain(`${signal} received; finishing the current batch`);
      expect(t.stderr()).not.toMatch(/\n\s+at /);
      const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
      expect(metrics.train.interrupted).toBe(true);
      expect(metrics.train.epochs).toBeLessThan(500);
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('**Interrupted**');
      expect(existsSync(join(out, 'model.nnm.json'))).toBe(true);
      expect(readdirSync(join(out, '..'))).toEqual(['run']);
    },
    30_000,
  );

  it('SIGTERM twice during a --force run: exit 143 at once, the earlier run folder is untouched', async () => {
    const root = tempDir();
    const out = join(root, 'run');
    expect(
      (
        await runCli([
          'train',
          SAMPLE('iris.csv'),
          '--epochs',
          '3',
          '--ensemble',
          '1',
          '--quiet',
          '--out',
          join(root, 'first'),
        ])
      ).code,
    ).toBe(0);
    cpSync(join(root, 'first'), out, { recursive: true });
    const before = snapshot(out);
    const t = start([...LONG, '--out', out, '--force']);
    await t.waitFor(/^epoch 1\/500/m);
    t.child.kill('SIGTERM');
    await t.waitFor(/SIGTERM received; finishing/);
    t.child.kill('SIGTERM');
    expect(await t.exit).toBe(143);
    expect(t.stderr()).toMatch(/SIGTERM received again; quit now/);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(root).sort()).toEqual(['first', 'run']);
  }, 30_000);
});
