// An absurd learning rate never ends in exit 0 with NaN anywhere: either a finite run or one clear line, exit 2.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';
import { expectFiniteRun } from '../helpers/finite.js';

const FAST = ['--epochs', '3', '--ensemble', '1', '--sensitivity', 'off', '--optimizer', 'sgd'];

describe('nnm train with an absurd learning rate', () => {
  it.each(['diabetes.csv', 'iris.csv'])('%s --lr 10000: exit 2, one line naming --lr', async (file) => {
    const r = await runCli(['train', SAMPLE(file), ...FAST, '--lr', '10000', '--out', join(tempDir(), 'run')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--lr/);
  });

  it.each(['diabetes.csv', 'iris.csv'])(
    '%s --lr 10 (the largest allowed): a run free of NaN, or exit 2 with one line',
    async (file) => {
      const out = join(tempDir(), 'run');
      const r = await runCli(['train', SAMPLE(file), ...FAST, '--lr', '10', '--out', out]);
      expect([0, 2]).toContain(r.code);
      if (r.code === 2) {
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(/learning rate/);
      } else {
        expectFiniteRun(out);
      }
    },
  );
});
