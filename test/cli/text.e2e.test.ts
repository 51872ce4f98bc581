import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const fx = (n: string): string => join(__dirname, '../fixtures', n);

describe('nnm train --task text', () => {
  it('Chinese reviews (文本): test accuracy >= 0.9 with no other flags', async () => {
    const out = join(tempDir(), 'r');
    const r = await runCli(['train', fx('reviews-zh.csv'), '--task', '文本', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.task).toBe('text');
    expect(m.model).toBe('fasttext');
    expect(m.data.tokens).toBe('char');
    expect(m.test.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.stderr).toContain('text column "评论", target "情感"');
    expect(readFileSync(join(out, 'predictions.csv'), 'utf8').split('\n')[0]).toBe(
      'id,actual,predicted,p_negative,p_positive',
    );
  });

  it('empty text cells are read as empty texts and said', async () => {
    const dir = tempDir();
    const lines = readFileSync(fx('reviews-zh.csv'), 'utf8').trim().split('\n');
    lines[3] = '3,,positive';
    writeFileSync(join(dir, 'r.csv'), `${lines.join('\n')}\n`);
    const r = await runCli([
      'train',
      join(dir, 'r.csv'),
      '--task',
      'text',
      '--epochs',
      '3',
      '--ensemble',
      '1',
      '--out',
      join(dir, 'o'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 row(s) have an empty "评论" cell (first: row 4); they are read as empty texts');
  });

  it('a model that cannot read text is refused', async () => {
    const r = await runCli([
      'train',
      fx('reviews-zh.csv'),
      '--task',
      'text',
      '--model',
      'mlp',
      '--out',
      join(tempDir(), 'o'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--model mlp cannot do the text task');
  });
});

describe('text baselines on the same test rows', () => {
  it('majority, naive Bayes on character n-grams and TF-IDF logistic regression; the report says plainly when one wins (en, zh)', async () => {
    const out = join(tempDir(), 'r');
    const r = await runCli([
      'train',
      fx('reviews-zh.csv'),
      '--task',
      'text',
      '--epochs',
      '1',
      '--ensemble',
      '1',
      '--out',
      out,
      '--json',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(Object.keys(m.baselines)).toEqual(['majority', 'naive_bayes', 'tfidf_logistic_regression']);
    expect(m.baselines.naive_bayes.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(m.baselines.tfidf_logistic_regression).toMatchObject({ converged: true });
    expect(m.baselines.tfidf_logistic_regression.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(m.test.accuracy).toBeLessThan(m.baselines.naive_bayes.accuracy); // one epoch: the network loses
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain('| baseline: multinomial naive Bayes |');
    expect(report).toContain('**The network does not beat the multinomial naive Bayes baseline**');
    const zh = join(tempDir(), 'z');
    expect(
      (
        await runCli([
          'train',
          fx('reviews-zh.csv'),
          '--task',
          'text',
          '--epochs',
          '1',
          '--ensemble',
          '1',
          '--out',
          zh,
          '--lang',
          'zh',
          '--quiet',
        ])
      ).code,
    ).toBe(0);
    expect(readFileSync(join(zh, 'report.md'), 'utf8')).toContain('**本文模型未能优于多项式朴素贝叶斯基准**');
  });
});

describe('--model fasttext (bag of embeddings)', () => {
  it('Chinese reviews: accuracy >= 0.9, EmbeddingBag in the report, predict reproduces the test probabilities', async () => {
    const out = join(tempDir(), 'ft');
    const r = await runCli([
      'train',
      fx('reviews-zh.csv'),
      '--task',
      'text',
      '--model',
      'fasttext',
      '--out',
      out,
      '--json',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.model).toBe('fasttext');
    expect(m.test.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('EmbeddingBag(');
    const p = await runCli(['predict', join(out, 'model.nnm.json'), fx('reviews-zh.csv'), '--quiet']);
    expect(p.code).toBe(0);
    const got = new Map(
      p.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => [l.split(',')[0], l.split(',')]),
    );
    for (const row of readFileSync(join(out, 'predictions.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))) {
      const g = got.get(row[0])!;
      expect(g[2]).toBe(row[2]);
      expect(Math.abs(Number(g[3]) - Number(row[3]))).toBeLessThanOrEqual(1.5e-6); // one unit of the printed 6th decimal
    }
  });
});
