// nnm export: files written beside the model, never overwritten without --force, refusals in one line
// (SOM, forecast, ensembles of different shapes), --help with an example.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Sequential } from '../../src/engine/model.js';
import { Rng } from '../../src/engine/rng.js';
import { UserError } from '../../src/errors.js';
import { exportOnnx } from '../../src/export/onnx.js';
import { loadModel } from '../../src/tasks/model.js';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

async function train(dir: string, args: string[]): Promise<string> {
  const r = await runCli(['train', ...args, '--out', dir, '--quiet', '--sensitivity', 'off']);
  expect(r.code, r.stderr).toBe(0);
  return join(dir, 'model.nnm.json');
}

describe('nnm export', () => {
  it('has an example in --help', async () => {
    const r = await runCli(['export', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nnm export runs/iris/model.nnm.json --format onnx');
  });

  it('writes model.onnx and its sidecar beside the model, and overwrites only with --force', async () => {
    const model = await train(join(tempDir(), 'iris'), [SAMPLE('iris.csv'), '--epochs', '2', '--ensemble', '1']);
    const r = await runCli(['export', model, '--format', 'onnx']);
    expect(r.code, r.stderr).toBe(0);
    const onnx = model.replace('model.nnm.json', 'model.onnx');
    expect(r.stderr).toContain(`wrote ${onnx}`);
    const side = JSON.parse(readFileSync(`${onnx}.json`, 'utf8')) as { classes: string[]; input: { shape: unknown[] } };
    expect(side.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(side.input.shape).toEqual(['N', 4]);
    const again = await runCli(['export', model, '--format', 'onnx']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists.*--force/);
    expect((await runCli(['export', model, '--format', 'onnx', '--force'])).code).toBe(0);
    const other = join(tempDir(), 'x', 'iris.onnx');
    expect((await runCli(['export', model, '--out', other])).code).toBe(0);
    expect(existsSync(`${other}.json`)).toBe(true);
  });

  it('refuses an unknown --format', async () => {
    const r = await runCli(['export', 'm.nnm.json', '--format', 'pmml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pmml/);
  });

  it.each([
    ['a SOM cluster model', [SAMPLE('iris.csv'), '--task', 'cluster', '--clusters', '3'], /self-organising map/],
    [
      'a forecast model',
      [SAMPLE('airpassengers.csv'), '--epochs', '2'],
      /forecast model: its log\/seasonal differencing/,
    ],
  ])('refuses %s in one line naming why', async (_what, args, why) => {
    const model = await train(join(tempDir(), 'm'), args);
    const r = await runCli(['export', model, '--format', 'onnx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(why);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses ensemble members of different shapes', async () => {
    const model = await train(join(tempDir(), 'iris2'), [SAMPLE('iris.csv'), '--epochs', '2', '--ensemble', '2']);
    const m = loadModel(model);
    const odd = new Sequential({
      inShape: [4],
      layers: [
        { kind: 'dense', units: 5 },
        { kind: 'dense', units: 3 },
      ],
    });
    odd.init(new Rng(1));
    expect(() => exportOnnx({ ...m, members: [m.members[0], odd] })).toThrow(UserError);
    expect(() => exportOnnx({ ...m, members: [m.members[0], odd] })).toThrow(/different shapes/);
  });
});
