import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

const fx = (n: string): string => join(__dirname, '../fixtures', n);

describe('nnm inspect', () => {
  const cases: [string, string, string, string, RegExp][] = [
    ['iris.csv', 'classify', 'mlp', 'species', /holds text labels \(3 classes\)/],
    ['diabetes.csv', 'regress', 'mlp', 'progression', /is a continuous number/],
    [
      'airpassengers.csv',
      'forecast',
      'lstm',
      'passengers',
      /column "date" holds one date per row and "passengers" is numeric/,
    ],
    ['digits8x8.csv', 'image', 'cnn', 'label', /64 numeric columns px0\.\.px63 form an image of 8×8 pixels/],
  ];
  it.each(cases)('%s -> %s / %s', async (file, task, model, target, why) => {
    const r = await runCli(['inspect', SAMPLE(file), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.suggestion).toMatchObject({ task, model, target });
    expect(j.suggestion.why).toMatch(why);
    expect(j.suggestion.command).toContain(`--task ${task}`);
  });

  it('a long-text column -> text / fasttext', async () => {
    const f = join(tempDir(), 'reviews.csv');
    const words = [
      'great battery and a bright screen',
      'stopped working after two weeks',
      'fine for the price but slow delivery',
      'would buy again without a doubt',
      'the case cracked on the first day',
    ];
    writeFileSync(
      f,
      `review,stars\n${Array.from({ length: 30 }, (_, i) => `${words[i % 5]} #${i},${(i % 5) + 1}`).join('\n')}\n`,
    );
    const j = JSON.parse((await runCli(['inspect', f, '--json'])).stdout);
    expect(j.suggestion).toMatchObject({ task: 'text', model: 'fasttext', target: 'stars' });
  });

  it('a series with other numeric columns names them as the covariates a forecast would read', async () => {
    const f = join(tempDir(), 'sales.csv');
    const rows = Array.from(
      { length: 30 },
      (_, i) =>
        `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01,${(i * 7) % 11},${i + 1},${i % 2 ? 'north' : 'south'},${100 + i}`,
    );
    writeFileSync(f, `month,temp,t,region,sales\n${rows.join('\n')}\n`);
    const j = JSON.parse((await runCli(['inspect', f, '--json'])).stdout);
    expect(j.suggestion).toMatchObject({ task: 'forecast', target: 'sales', covariates: ['temp'] }); // t is a counter, region text
    const r = await runCli(['inspect', f]);
    expect(r.stdout).toContain(
      'covariates: "temp" (read as extra input channels of each window; --covariates none for a univariate forecast)',
    );
    expect((await runCli(['inspect', SAMPLE('airpassengers.csv'), '--json'])).stdout).not.toContain('covariates');
  });

  it('prints types, missing counts, ranges and levels as a table', async () => {
    const r = await runCli(['inspect', fx('missing.csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^a\s+number\s+6\s+1 \.\. \d+/m);
    expect(r.stdout).toMatch(/^b\s+category\s+8\s+2 level\(s\): red, blue/m);
    expect(r.stdout).toMatch(/suggestion: task (classify|regress), model mlp, target "y"/);
    expect(r.stdout).toContain('run: nnm train');
  });

  it('honours --target and explains a column it cannot learn', async () => {
    const r = await runCli(['inspect', SAMPLE('iris.csv'), '--target', 'sepal_length', '--json']);
    expect(JSON.parse(r.stdout).suggestion).toMatchObject({ task: 'regress', target: 'sepal_length' });
    const bad = await runCli(['inspect', SAMPLE('iris.csv'), '--target', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('has no column "nope" (--target)');
  });
});

describe('nnm models', () => {
  it('lists the seven families with their task keywords, in English and Chinese', async () => {
    const en = await runCli(['models']);
    expect(en.code).toBe(0);
    for (const m of ['MLP', 'CNN', 'RNN', 'LSTM', 'GRU', 'SOM', 'FASTTEXT'])
      expect(en.stdout).toMatch(new RegExp(`^${m}  `, 'm'));
    expect(en.stdout).toMatch(/chosen by --task: forecast \(.*时间序列.*\)/);
    expect(en.stdout).toMatch(/chosen by --task: text \(.*文本.*\)/);
    const zh = await runCli(['models', '--lang', 'zh']);
    expect(zh.stdout).toContain('多层感知机');
    expect(zh.stdout).toContain('适用于');
    const j = JSON.parse((await runCli(['models', '--json'])).stdout);
    expect(j.find((r: { model: string }) => r.model === 'som').keywords).toContain('聚类');
    expect((await runCli(['models', '--lang', 'fr'])).code).toBe(2);
  });
});
