import { describe, expect, it } from 'vitest';
import { toTrainSpec } from '../../src/config/options.js';
import { tableReader } from '../../src/data/read.js';
import { runTask } from '../../src/tasks/run.js';
import type { JobVariant } from '../../src/analysis/variant.js';
import { SAMPLE } from '../helpers/cli.js';

// The test rows of a run are identified by their actual values in order (iris labels, diabetes targets).
async function testRows(
  file: string,
  task: 'classify' | 'regress',
  seed: number,
  variant?: JobVariant,
): Promise<{ actual: (string | number)[]; baselines?: Record<string, (string | number)[]> }> {
  const spec = toTrainSpec({ data: SAMPLE(file), task, seed, epochs: 2, ensemble: 1, sensitivity: 'off' });
  const readTable = await tableReader([spec.data], undefined);
  const o = runTask(spec, task, {
    note: () => {},
    listener: {},
    command: '',
    readTable,
    ...(variant ? { variant } : {}),
  });
  return { actual: o.summary.predictions!.actual, baselines: o.summary.predictions!.baselines };
}

describe('JobVariant.splitSeed: the test part held fixed while the training seed varies', () => {
  it('diabetes: seeds 42 and 43 test the same rows with splitSeed 42, and different rows without it', async () => {
    const a = await testRows('diabetes.csv', 'regress', 42, { splitSeed: 42 });
    const b = await testRows('diabetes.csv', 'regress', 43, { splitSeed: 42 });
    const plain = await testRows('diabetes.csv', 'regress', 43);
    expect(b.actual).toEqual(a.actual);
    expect(plain.actual).not.toEqual(a.actual);
    expect((await testRows('diabetes.csv', 'regress', 42)).actual).toEqual(a.actual);
  });

  it('baselineRows adds one prediction per test row for each baseline, only when asked', async () => {
    const a = await testRows('iris.csv', 'classify', 42, { splitSeed: 42, baselineRows: true });
    expect(Object.keys(a.baselines!).sort()).toEqual(['knn_5', 'logistic_regression', 'majority']);
    for (const p of Object.values(a.baselines!)) expect(p).toHaveLength(a.actual.length);
    expect(new Set(a.baselines!.majority).size).toBe(1);
    expect((await testRows('iris.csv', 'classify', 42)).baselines).toBeUndefined();
  });
});
