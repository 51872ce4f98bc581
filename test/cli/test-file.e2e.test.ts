// --test FILE for every task: the separate file is the test part (its rows are the test rows, all
// rows of the data file train), the report says so; tasks where it cannot apply refuse it in one line.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedSplit, runCli, SAMPLE, tempDir } from '../helpers/cli.js';
import { writeShapeFolder } from '../helpers/images.js';

const rowsOf = (file: string): number => readFileSync(file, 'utf8').trim().split('\n').length - 1;
const train = async (args: string[]) => {
  const out = join(tempDir(), 'r');
  const r = await runCli(['train', ...args, '--out', out, '--json', '--quiet']);
  return { ...r, out, m: r.code === 0 ? JSON.parse(r.stdout) : undefined };
};
const predictions = (out: string): number => rowsOf(join(out, 'predictions.csv'));

describe('--test FILE is the test part', () => {
  it('classify (iris): 120 training, the 30 test-file rows; converged logistic regression and 5-NN beside it', async () => {
    const f = fixedSplit('iris', tempDir());
    const r = await train([f.train, '--test', f.test, '--epochs', '30', '--ensemble', '1']);
    expect(r.code).toBe(0);
    expect(r.m.data).toMatchObject({ train_rows: 120, test_rows: 30 });
    expect(predictions(r.out)).toBe(30);
    expect(r.m.baselines.logistic_regression).toMatchObject({ converged: true });
    expect(r.m.baselines.logistic_regression.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.m.baselines.knn_5.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(readFileSync(join(r.out, 'report.md'), 'utf8')).toContain('a separate test file');
  });

  it('regress (diabetes): the 89 test-file rows', async () => {
    const f = fixedSplit('diabetes', tempDir());
    const r = await train([f.train, '--test', f.test, '--task', 'regress', '--epochs', '20', '--ensemble', '1']);
    expect(r.code).toBe(0);
    expect(r.m.data).toMatchObject({ train_rows: 353, test_rows: 89 });
    expect(predictions(r.out)).toBe(89);
  });

  it('text (Chinese reviews): the 40 test-file rows, said in the report; a class unseen in training is refused', async () => {
    const dir = tempDir();
    const lines = readFileSync(join(__dirname, '../fixtures/reviews-zh.csv'), 'utf8').trim().split('\n');
    const [trainFile, testFile] = [join(dir, 'train.csv'), join(dir, 'test.csv')];
    writeFileSync(trainFile, `${lines.slice(0, 121).join('\n')}\n`);
    writeFileSync(testFile, `${[lines[0], ...lines.slice(121)].join('\n')}\n`);
    const r = await train([trainFile, '--test', testFile, '--task', 'text', '--epochs', '5', '--ensemble', '1']);
    expect(r.code).toBe(0);
    expect(r.m.data).toMatchObject({ train_rows: 120, test_rows: 40 });
    expect(predictions(r.out)).toBe(40);
    const ids = readFileSync(join(r.out, 'predictions.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(ids).toEqual(lines.slice(121).map((l) => l.split(',')[0]));
    expect(readFileSync(join(r.out, 'report.md'), 'utf8')).toContain(
      `a separate test file \`${testFile}\` (40 rows), with all 120 labelled rows`,
    );
    writeFileSync(testFile, `${lines[0]}\n999,很好,neutral\n`);
    const bad = await train([trainFile, '--test', testFile, '--task', 'text']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('row 2, column "情感": class "neutral" does not occur in the training data');
  });

  it('image, pixel CSV (digits): the 360 test-file rows', async () => {
    const f = fixedSplit('digits8x8', tempDir());
    const r = await train([f.train, '--test', f.test, '--task', 'image', '--epochs', '1', '--ensemble', '1']);
    expect(r.code).toBe(0);
    expect(r.m.data).toMatchObject({ train_rows: 1437, test_rows: 360 });
  });

  it('image folder: a test folder; a CSV as --test for a folder is refused in one line', async () => {
    const dir = tempDir();
    const trainDir = writeShapeFolder(join(dir, 'train'), 12, 1);
    const testDir = writeShapeFolder(join(dir, 'test'), 4, 2);
    const r = await train([trainDir, '--test', testDir, '--epochs', '2', '--ensemble', '1']);
    expect(r.code).toBe(0);
    expect(r.m.data).toMatchObject({ train_rows: 36, test_rows: 12 });
    const bad = await train([trainDir, '--test', SAMPLE('iris.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('is not a folder, but the training data is a folder of images');
  });
});

describe('--test FILE is refused where a test file cannot apply', () => {
  it('forecast: one line, pointing to --test-periods', async () => {
    const r = await train([SAMPLE('airpassengers.csv'), '--task', 'forecast', '--test', SAMPLE('airpassengers.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--test FILE does not apply to --task forecast');
    expect(r.stderr).toContain('--test-periods N');
  });
  it('forecast chosen from a "date, value" file with no --task: the same refusal', async () => {
    const r = await train([SAMPLE('airpassengers.csv'), '--test', SAMPLE('airpassengers.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--test FILE does not apply to --task forecast');
  });
  it('cluster: one line', async () => {
    const r = await train([SAMPLE('iris.csv'), '--task', 'cluster', '--test', SAMPLE('iris.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--test FILE does not apply to --task cluster');
  });
});
