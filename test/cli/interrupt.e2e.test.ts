// Ctrl-C during training, on the real binary: once = stop after the current batch, keep the best
// weights, write the run folder marked interrupted, exit 130; twice = exit 130 at once, no temp files.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE, tempDir } from '../helpers/cli.js';

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

/** Spawn `nnm train`; waitFor(re) resolves once its stderr so far matches re. */
function startTraining(out: string): {
  child: ChildProcess;
  stderr: () => string;
  waitFor: (re: RegExp) => Promise<void>;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, [BIN, 'train', ...LONG, '--out', out], {
    env: { ...process.env, NO_COLOR: '1' },
  });
  let err = '';
  const waiters: { re: RegExp; done: () => void }[] = [];
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of waiters.splice(0)) (w.re.test(err) ? w.done : () => waiters.push(w))();
  });
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    child,
    stderr: () => err,
    waitFor: (re) => new Promise((done) => (re.test(err) ? done() : waiters.push({ re, done }))),
    exit,
  };
}

const allFiles = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' });

describe('Ctrl-C during nnm train', () => {
  it('once: exit 130, a usable model, metrics and report marked interrupted, no temp files', async () => {
    const out = join(tempDir(), 'run');
    const t = startTraining(out);
    await t.waitFor(/^epoch 1\/500/m);
    t.child.kill('SIGINT');
    expect(await t.exit).toBe(130);
    expect(t.stderr()).toMatch(/interrupted; finishing the current batch/);
    expect(t.stderr()).not.toMatch(/\n\s+at /);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.train.interrupted).toBe(true);
    expect(metrics.train.epochs).toBeLessThan(500);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('**Interrupted**');
    expect(allFiles(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const p = spawnSync(
      process.execPath,
      [BIN, 'predict', join(out, 'model.nnm.json'), SAMPLE('digits8x8.csv'), '--out', join(out, 'new.csv')],
      { encoding: 'utf8' },
    );
    expect(p.status).toBe(0);
    expect(existsSync(join(out, 'new.csv'))).toBe(true);
  }, 30_000);

  it('twice: exit 130 at once, without temp files', async () => {
    const out = join(tempDir(), 'run');
    const t = startTraining(out);
    await t.waitFor(/^epoch 1\/500/m);
    t.child.kill('SIGINT');
    await t.waitFor(/interrupted; finishing/);
    t.child.kill('SIGINT');
    expect(await t.exit).toBe(130);
    expect(existsSync(out) ? allFiles(out).filter((f) => f.endsWith('.tmp')) : []).toEqual([]);
  }, 30_000);
});
