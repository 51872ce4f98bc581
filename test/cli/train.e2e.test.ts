import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedSplit, runCli, SAMPLE, tempDir } from '../helpers/cli.js';

const fx = (n: string): string => join(__dirname, '../fixtures', n);

describe('nnm train (in-process)', () => {
  it('trains on iris with no flags and writes the run folder of the contract', async () => {
    const out = join(tempDir(), 'run');
    const r = await runCli(['train', SAMPLE('iris.csv'), '--out', out, '--json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.task).toBe('classify');
    expect(m.model).toBe('mlp');
    expect(m.test.accuracy).toBeGreaterThan(0.85);
    expect(m.test.confusion_matrix).toHaveLength(3);
    expect(m.baselines.majority.accuracy).toBeCloseTo(1 / 3, 6);
    expect(Object.keys(m.train)).toEqual(
      expect.arrayContaining(['epochs', 'seconds', 'best_epoch', 'samples_per_second']),
    );
    for (const f of ['model.nnm.json', 'metrics.json', 'predictions.csv', 'history.csv', 'config.json', 'report.md'])
      expect(existsSync(join(out, f))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'))).toEqual(m);
    const pred = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split('\n');
    expect(pred[0]).toBe('row,actual,predicted,p_setosa,p_versicolor,p_virginica');
    expect(pred).toHaveLength(31);
    expect(r.stderr).toContain('task: classification, because the target "species" holds text labels');
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the same seed twice gives identical model, predictions and metrics (timing aside)', async () => {
    const a = join(tempDir(), 'a');
    const b = join(tempDir(), 'b');
    await runCli(['train', SAMPLE('diabetes.csv'), '--out', a, '--quiet', '--seed', '7']);
    await runCli(['train', SAMPLE('diabetes.csv'), '--out', b, '--quiet', '--seed', '7']);
    for (const f of ['model.nnm.json', 'predictions.csv', 'history.csv', 'config.json']) {
      expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
    }
    const strip = (p: string) => {
      const m = JSON.parse(readFileSync(join(p, 'metrics.json'), 'utf8'));
      delete m.train.seconds;
      delete m.train.samples_per_second;
      return m;
    };
    expect(strip(a)).toEqual(strip(b));
    const c = join(tempDir(), 'c');
    await runCli(['train', SAMPLE('diabetes.csv'), '--out', c, '--quiet', '--seed', '8']);
    expect(readFileSync(join(c, 'model.nnm.json'), 'utf8')).not.toBe(readFileSync(join(a, 'model.nnm.json'), 'utf8'));
  });

  it('iris: mean test accuracy over seeds 1..5 >= 0.94, none below 0.90', async () => {
    const accs: number[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      const r = await runCli([
        'train',
        SAMPLE('iris.csv'),
        '--out',
        join(tempDir(), 'r'),
        '--json',
        '--quiet',
        '--seed',
        String(seed),
      ]);
      accs.push(JSON.parse(r.stdout).test.accuracy);
    }
    const mean = accs.reduce((s, a) => s + a, 0) / accs.length;
    expect(mean).toBeGreaterThanOrEqual(0.94 - 1e-9);
    expect(Math.min(...accs)).toBeGreaterThanOrEqual(0.9 - 1e-9);
  });

  it('iris on the shared fixed split (--test file) is within one test row of the sklearn reference 0.967', async () => {
    const { train, test } = fixedSplit('iris', tempDir());
    const r = await runCli(['train', train, '--test', test, '--out', join(tempDir(), 'r'), '--json', '--quiet']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).test.accuracy).toBeGreaterThanOrEqual(0.93);
  });

  it('diabetes: R² >= 0.40 with defaults, on the shared fixed split and on the default split', async () => {
    const { train, test } = fixedSplit('diabetes', tempDir());
    const fixed = await runCli(['train', train, '--test', test, '--out', join(tempDir(), 'r'), '--json', '--quiet']);
    const m = JSON.parse(fixed.stdout);
    expect(m.task).toBe('regress');
    expect(m.test.r2).toBeGreaterThanOrEqual(0.4);
    expect(m.test.rmse).toBeLessThan(m.baselines.mean.rmse);
    expect(m.test.rmse).toBeLessThan(53.9); // the OLS reference on this split
    const dflt = await runCli(['train', SAMPLE('diabetes.csv'), '--out', join(tempDir(), 'r'), '--json', '--quiet']);
    expect(JSON.parse(dflt.stdout).test.r2).toBeGreaterThanOrEqual(0.4);
  });

  it('reads GBK with Chinese headers and a Chinese task keyword', async () => {
    const r = await runCli([
      'train',
      fx('gbk.csv'),
      '--task',
      '分类',
      '--out',
      join(tempDir(), 'r'),
      '--json',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).test.labels).toEqual(['偏胖', '正常']);
  });

  it('imputes missing cells and says so in the report', async () => {
    const out = join(tempDir(), 'r');
    const r = await runCli(['train', fx('missing.csv'), '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain('`a`: 6 cell(s), filled with the median');
    expect(report).toContain('`b`: 8 cell(s), filled with the most frequent');
  });
});

describe('nnm train: errors are one line and exit 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['missing file', ['train', '/no/such.csv'], /^error: \/no\/such\.csv: file not found; /],
    [
      'missing target',
      ['train', SAMPLE('iris.csv'), '--target', 'specis'],
      /has no column "specis" \(--target\); did you mean "species"\?/,
    ],
    ['one class', ['train', fx('one-class.csv')], /one class only \("yes"\)/],
    [
      'too few rows',
      ['train', fx('few-rows.csv')],
      /has 6 labelled rows, too few to hold out a test part; give at least 10 rows, or a separate file with --test/,
    ],
    ['non-numeric cell', ['train', fx('non-numeric.csv')], /row 42, column "b": "12;5" is not a number/],
    [
      'unknown task',
      ['train', SAMPLE('iris.csv'), '--task', 'banana'],
      /unknown task "banana"; use one of classify, regress/,
    ],
    [
      'bad option',
      ['train', SAMPLE('iris.csv'), '--epochs', '-3'],
      /--epochs must be a whole number from 1 to 100000, got "-3"/,
    ],
    [
      'model/task mismatch',
      ['train', SAMPLE('iris.csv'), '--task', 'classify', '--model', 'som'],
      /--model som cannot do the classify task/,
    ],
  ];
  it.each(cases)('%s', async (_name, argv, re) => {
    const r = await runCli([...argv, '--out', join(tempDir(), 'r')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(re);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('too few rows for a split', async () => {
    const dir = tempDir();
    const r = await runCli(['train', fx('ragged.csv'), '--out', join(dir, 'r')]);
    expect(r.code).toBe(2); // ragged: the loader stops first
    expect(r.stderr).toContain('row 3: has 2 fields but the header has 3');
  });

  it('a failed run leaves no run folder behind', async () => {
    const out = join(tempDir(), 'r');
    expect((await runCli(['train', fx('one-class.csv'), '--out', out])).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('never overwrites a run folder without --force', async () => {
    const out = join(tempDir(), 'r');
    expect((await runCli(['train', SAMPLE('iris.csv'), '--out', out, '--quiet'])).code).toBe(0);
    const before = readFileSync(join(out, 'model.nnm.json'), 'utf8');
    const again = await runCli(['train', SAMPLE('iris.csv'), '--out', out, '--quiet', '--seed', '3']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds results; choose another --out, or add --force');
    expect(readFileSync(join(out, 'model.nnm.json'), 'utf8')).toBe(before);
    expect((await runCli(['train', SAMPLE('iris.csv'), '--out', out, '--quiet', '--seed', '3', '--force'])).code).toBe(
      0,
    );
  });
});
