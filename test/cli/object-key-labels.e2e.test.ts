// Class labels and category levels that are also Object.prototype names (constructor, toString,
// valueOf, hasOwnProperty, __proto__) must train, report, draw figures and predict like any other
// label: every place a label becomes a key has to use a Map or a null-prototype object.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { nonFiniteIn } from '../helpers/finite.js';

const LABELS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];

function writeData(dir: string): string {
  const lines = ['x1,valueOf,kind,label'];
  for (let i = 0; i < 100; i++) {
    const k = i % LABELS.length;
    // x1 separates the classes; kind is a category input whose levels are prototype names too, and
    // one input column is itself called valueOf.
    lines.push(`${k * 2 + (i % 7) / 10},${(i * 37) % 11},${LABELS[(i + 1) % LABELS.length]},${LABELS[k]}`);
  }
  const file = join(dir, 'labels.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('labels named like Object.prototype members', () => {
  it('train, report, predict and evaluate all work', async () => {
    const dir = tempDir();
    const file = writeData(dir);
    const out = join(dir, 'run');
    const r = await runCli([
      'train',
      file,
      '--target',
      'label',
      '--epochs',
      '30',
      '--ensemble',
      '1',
      '--quiet',
      '--out',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    // MIV is undefined (null) for a category input such as "kind"; everything else must be finite.
    expect(nonFiniteIn(metrics).filter((p) => !/^sensitivity\.features\[2\]\.(rank_)?miv$/.test(p))).toEqual([]);
    expect(metrics.sensitivity.features.map((f: { feature: string }) => f.feature)).toEqual(['x1', 'valueOf', 'kind']);
    expect([...metrics.test.labels].sort()).toEqual([...LABELS].sort());
    expect(metrics.test.accuracy).toBeGreaterThan(0.5);
    const preds = readFileSync(join(out, 'predictions.csv'), 'utf8');
    for (const l of LABELS) expect(preds).toContain(`p_${l}`);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    const rep = await runCli(['report', out]);
    expect(rep.stderr).toMatch(/^report .*report\.html +\(\d+ files/);
    expect(rep.code).toBe(0);
    const p = await runCli(['predict', join(out, 'model.nnm.json'), file, '--quiet']);
    expect(p.stderr).toBe('');
    expect(p.code).toBe(0);
    expect(p.stdout.split('\n')[0]).toContain('p___proto__');
    const e = await runCli(['evaluate', join(out, 'model.nnm.json'), file, '--json', '--quiet']);
    expect(e.stderr).toBe('');
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout).test.accuracy).toBeGreaterThan(0.5);
  }, 120_000);
});
