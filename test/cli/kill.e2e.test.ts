// Kill test: `nnm train` on the real binary, signalled (SIGINT, SIGTERM, once or twice, or SIGKILL)
// at seeded random moments across training and writing. Whatever the moment, the run folder is never
// half-written or mixed: it is absent, the earlier folder (--force) exactly as it was, or a complete
// new run (report.md, metrics.json, model.nnm.json present and agreeing with summary.json). What a
// SIGKILL leaves beside it (a hidden staging folder, or the old folder moved aside) is tidied by the
// next run's check of the same --out.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModelFile } from '../../src/models/model-file.js';
import { checkRunTarget } from '../../src/report/run-folder.js';
import { SAMPLE, tempDir } from '../helpers/cli.js';

const BIN = resolve(__dirname, '../../bin/nnm.js');
const ARGS = [SAMPLE('iris.csv'), '--epochs', '150', '--patience', '0', '--ensemble', '2', '--quiet'];
const SPAWNS = 9;

/** mulberry32: the test's own seeded generator (the moments are reproducible from the seed). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .filter((f) => f.includes('.'))
      .map((f) => [f, readFileSync(join(dir, f), 'latin1')]),
  );

/** A complete run: the three contract files, a model that loads, metrics.json = summary.json's metrics. */
function expectComplete(dir: string): void {
  for (const f of [
    'report.md',
    'report.html',
    'metrics.json',
    'model.nnm.json',
    'summary.json',
    'config.json',
    'predictions.csv',
  ])
    expect(existsSync(join(dir, f)), f).toBe(true);
  const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
  expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).metrics).toEqual(metrics);
  expect(readModelFile(join(dir, 'model.nnm.json')).members.length).toBeGreaterThan(0);
  expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^# /);
}

function run(out: string, force: boolean, signals: { signal: NodeJS.Signals; at: number }[]): Promise<number | null> {
  const child = spawn(process.execPath, [BIN, 'train', ...ARGS, '--out', out, ...(force ? ['--force'] : [])], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: 'ignore',
  });
  const timers = signals.map((s) => setTimeout(() => child.kill(s.signal), s.at));
  return new Promise((r) =>
    child.on('exit', (code) => {
      for (const t of timers) clearTimeout(t);
      r(code);
    }),
  );
}

describe('kill test: signals at random moments never leave a half-written or mixed run folder', () => {
  it(`${SPAWNS} seeded moments across training and writing`, async () => {
    const root = tempDir();
    // One undisturbed run: its folder is the "earlier run" of the --force cases, its length spans the moments.
    const t0 = performance.now();
    const first = spawnSync(process.execPath, [BIN, 'train', ...ARGS, '--out', join(root, 'first')], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    const span = performance.now() - t0;
    expect(first.status).toBe(0);
    const earlier = snapshot(join(root, 'first'));
    const next = rng(20261203);
    const seen = { absent: 0, old: 0, complete: 0 };
    for (let k = 0; k < SPAWNS; k++) {
      const out = join(root, `run${k}`);
      const force = k % 2 === 1;
      if (force) cpSync(join(root, 'first'), out, { recursive: true });
      const kind = (['SIGINT', 'SIGTERM', 'SIGKILL'] as const)[k % 3];
      const at = Math.round((0.25 + 0.8 * next()) * span);
      const signals = [{ signal: kind as NodeJS.Signals, at }];
      if (kind !== 'SIGKILL' && next() < 0.5) signals.push({ signal: kind, at: at + Math.round(50 + 400 * next()) });
      const code = await run(out, force, signals);
      checkRunTarget(out, true); // tidies what a SIGKILL left beside the folder
      expect(readdirSync(root).filter((f) => f.startsWith(`.run${k}.`))).toEqual([]);
      const label = `spawn ${k}: ${signals.map((s) => `${s.signal}@${s.at}ms`).join(', ')}${force ? ' --force' : ''}, exit ${code}`;
      if (!existsSync(out)) {
        expect(force, label).toBe(false);
        seen.absent++;
      } else if (force && JSON.stringify(snapshot(out)) === JSON.stringify(earlier)) {
        seen.old++;
      } else {
        expectComplete(out);
        seen.complete++;
      }
      // One signal that nnm handled (exit 0, 130 or 143) always ends with the new run written.
      if (signals.length === 1 && code !== null) {
        expect([0, 130, 143], label).toContain(code);
        expectComplete(out);
      }
    }
    expect(seen.absent + seen.old + seen.complete).toBe(SPAWNS);
  }, 90_000);
});
