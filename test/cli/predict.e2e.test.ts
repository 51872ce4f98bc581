import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedSplit, runCli, tempDir } from '../helpers/cli.js';

const fx = (n: string): string => join(__dirname, '../fixtures', n);

function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}

/** Same header and ids; every numeric cell within 1e-6 (relative beyond 1); text cells equal. */
function expectSamePredictions(got: string, want: string): void {
  const a = parseCsv(got);
  const b = parseCsv(want);
  expect(a[0]).toEqual(b[0]);
  expect(a).toHaveLength(b.length);
  for (let i = 1; i < b.length; i++) {
    b[i].forEach((cell, j) => {
      const x = Number(a[i][j]);
      const y = Number(cell);
      if (cell !== '' && !Number.isNaN(y)) expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(y)));
      else expect(a[i][j]).toBe(cell);
    });
  }
}

describe('nnm predict / evaluate after nnm train', () => {
  const dir = tempDir();
  const iris = fixedSplit('iris', dir);
  const diabetes = fixedSplit('diabetes', dir);
  const irisRun = join(dir, 'iris-run');
  const diabetesRun = join(dir, 'diabetes-run');

  beforeAll(async () => {
    expect((await runCli(['train', iris.train, '--test', iris.test, '--out', irisRun, '--quiet'])).code).toBe(0);
    expect(
      (
        await runCli([
          'train',
          diabetes.train,
          '--test',
          diabetes.test,
          '--out',
          diabetesRun,
          '--quiet',
          '--ensemble',
          '2',
        ])
      ).code,
    ).toBe(0);
  });

  it("classification: predict on the test rows equals the run's predictions.csv", async () => {
    const r = await runCli(['predict', join(irisRun, 'model.nnm.json'), iris.test]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('row,actual,predicted,p_setosa,p_versicolor,p_virginica');
    expectSamePredictions(r.stdout, readFileSync(join(irisRun, 'predictions.csv'), 'utf8'));
  });

  it("regression: predict on the test rows equals the run's predictions.csv (original units)", async () => {
    const out = join(dir, 'diabetes-pred.csv');
    const r = await runCli(['predict', join(diabetesRun, 'model.nnm.json'), diabetes.test, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expectSamePredictions(readFileSync(out, 'utf8'), readFileSync(join(diabetesRun, 'predictions.csv'), 'utf8'));
    const again = await runCli(['predict', join(diabetesRun, 'model.nnm.json'), diabetes.test, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; choose another --out or add --force');
    expect(
      (await runCli(['predict', join(diabetesRun, 'model.nnm.json'), diabetes.test, '--out', out, '--force'])).code,
    ).toBe(0);
  });

  it('evaluate on the run\'s test file gives the metrics.json "test" block', async () => {
    for (const [run, test] of [
      [irisRun, iris.test],
      [diabetesRun, diabetes.test],
    ]) {
      const r = await runCli(['evaluate', join(run, 'model.nnm.json'), test, '--json']);
      expect(r.code).toBe(0);
      const m = JSON.parse(readFileSync(join(run, 'metrics.json'), 'utf8'));
      const e = JSON.parse(r.stdout);
      expect(e.task).toBe(m.task);
      expect(e.test).toEqual(m.test);
    }
    const human = await runCli(['evaluate', join(irisRun, 'model.nnm.json'), iris.test]);
    expect(human.stdout).toMatch(/accuracy\s+0\.9/);
  });

  it('reordered columns, an extra column and a missing cell: works and says what it did', async () => {
    const rows = parseCsv(readFileSync(iris.test, 'utf8'));
    const order = [4, 3, 0, 2, 1];
    const lines = rows.map((r, i) => [...order.map((j) => r[j]), i === 0 ? 'collector' : 'anna'].join(','));
    lines[3] = lines[3].replace(/^([^,]*),[^,]*,/, '$1,,'); // blank petal_width of data row 3
    const f = join(dir, 'messy.csv');
    writeFileSync(f, `${lines.join('\n')}\n`);
    const r = await runCli(['predict', join(irisRun, 'model.nnm.json'), f, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.rows).toBe(30);
    expect(Object.keys(j.predictions[0].probabilities)).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(r.stderr).toContain('ignored 1 column(s) the model does not use: "collector"');
    expect(r.stderr).toContain('matched them by name');
    expect(r.stderr).toMatch(
      /column "petal_width": 1 missing cell\(s\) filled with the training median [\d.]+, as in training/,
    );
  });

  it('unseen categories: a warning and the all-zeros encoding', async () => {
    const run = join(dir, 'missing-run');
    expect(
      (await runCli(['train', fx('missing.csv'), '--out', run, '--quiet', '--ensemble', '1', '--epochs', '20'])).code,
    ).toBe(0);
    const f = join(dir, 'new-levels.csv');
    writeFileSync(f, 'a,b,c\n1,green,2\n2,red,4\n');
    const r = await runCli(['predict', join(run, 'model.nnm.json'), f]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'warning: column "b": 1 level(s) never seen in training ("green"); encoded as all zeros',
    );
    expect(parseCsv(r.stdout)).toHaveLength(3);
  });

  it('a missing feature column: exit 2 naming it', async () => {
    const rows = parseCsv(readFileSync(iris.test, 'utf8'));
    const f = join(dir, 'no-width.csv');
    writeFileSync(f, `${rows.map((r) => [r[0], r[1], r[2]].join(',')).join('\n')}\n`);
    const r = await runCli(['predict', join(irisRun, 'model.nnm.json'), f]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(
      /^error: .*no-width\.csv: is missing the feature column "petal_width" the model was trained on; add the column/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a damaged, newer-major or truncated model file: exit 2 with one clear line', async () => {
    const text = readFileSync(join(irisRun, 'model.nnm.json'), 'utf8');
    const at = text.indexOf('"members":["') + 20;
    const flipped = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const newer = text.replace('"format_version":"1.0"', '"format_version":"2.0"');
    expect(newer).not.toBe(text);
    const cases: [string, string, RegExp][] = [
      ['flipped.nnm.json', flipped, /failed its checksum: the file was changed or damaged after training/],
      ['newer.nnm.json', newer, /was written by a newer nnm \(model format 2\.0, this nnm reads 1\.x\); upgrade nnm/],
      [
        'cut.nnm.json',
        text.slice(0, text.length >> 1),
        /is not a complete nnm model file \(the JSON is cut off or damaged\)/,
      ],
    ];
    for (const [name, content, re] of cases) {
      const f = join(dir, name);
      writeFileSync(f, content);
      for (const cmd of ['predict', 'evaluate']) {
        const r = await runCli([cmd, f, iris.test]);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(re);
      }
    }
    expect(existsSync(join(irisRun, 'model.nnm.json'))).toBe(true);
  });

  it('evaluate without the target column: exit 2 naming it', async () => {
    const rows = parseCsv(readFileSync(iris.test, 'utf8'));
    const f = join(dir, 'unlabelled.csv');
    writeFileSync(f, `${rows.map((r) => r.slice(0, 4).join(',')).join('\n')}\n`);
    const r = await runCli(['evaluate', join(irisRun, 'model.nnm.json'), f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no target column "species"');
    const p = await runCli(['predict', join(irisRun, 'model.nnm.json'), f]);
    expect(p.code).toBe(0);
    expect(p.stdout.split('\n')[0]).toBe('row,predicted,p_setosa,p_versicolor,p_virginica');
  });
});
