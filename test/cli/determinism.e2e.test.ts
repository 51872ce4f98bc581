// Same seed, separate processes: byte-identical model, predictions, and metrics apart from timings.

import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SAMPLE, tempDir } from '../helpers/cli.js';

const BIN = resolve(__dirname, '../../bin/nnm.js');
const run = promisify(execFile);
const SMALL = ['--epochs', '3', '--ensemble', '1', '--sensitivity', 'off', '--seed', '11', '--quiet'];

/** metrics.json without wall-clock fields (train.seconds, samples_per_second, any *seconds* key). */
function timeless(text: string): unknown {
  return JSON.parse(text, (k, v) => (/seconds|per_second/.test(k) ? undefined : v));
}

function irisWithoutLabel(dir: string): string {
  const file = join(dir, 'iris-features.csv');
  writeFileSync(
    file,
    readFileSync(SAMPLE('iris.csv'), 'utf8')
      .split('\n')
      .map((l) => l.split(',').slice(0, 4).join(','))
      .join('\n'),
  );
  return file;
}

describe('determinism across processes', () => {
  const dir = tempDir();
  it.each([
    ['classify (iris)', () => [SAMPLE('iris.csv')]],
    ['regress (diabetes)', () => [SAMPLE('diabetes.csv')]],
    ['forecast (airpassengers)', () => [SAMPLE('airpassengers.csv'), '--task', 'forecast']],
    ['text (reviews-zh)', () => [resolve(__dirname, '../fixtures/reviews-zh.csv'), '--task', 'text']],
    ['cluster (iris without label)', () => [irisWithoutLabel(dir), '--task', 'cluster']],
  ])(
    '%s: two runs are byte-identical',
    async (name, args) => {
      const outs = [join(dir, `${name.split(' ')[0]}-1`), join(dir, `${name.split(' ')[0]}-2`)];
      await Promise.all(
        outs.map((out) =>
          run(process.execPath, [BIN, 'train', ...args(), ...SMALL, '--out', out], {
            env: { ...process.env, NO_COLOR: '1' },
          }),
        ),
      );
      const read = (i: number, f: string): string => readFileSync(join(outs[i], f), 'utf8');
      expect(read(0, 'model.nnm.json')).toBe(read(1, 'model.nnm.json'));
      expect(read(0, 'predictions.csv')).toBe(read(1, 'predictions.csv'));
      expect(timeless(read(0, 'metrics.json'))).toEqual(timeless(read(1, 'metrics.json')));
    },
    60_000,
  );
});
