// `--lang zh` switches the terminal too: the summary lines and the notes nnm prints while it works are
// Chinese (column names, numbers and the report's allow-listed abbreviations aside), spaced as the report is.

import { describe, expect, it } from 'vitest';
import { foreignWords } from '../helpers/zh-words.js';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';
import { join } from 'node:path';

const COLUMNS: Record<string, string[]> = {
  'iris.csv': ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species', 'setosa', 'versicolor'],
  'diabetes.csv': ['progression'],
  'airpassengers.csv': ['date', 'passengers'],
  'digits8x8.csv': ['label', 'px0', 'px63'],
};
// File names and flags the summary names as they are (the run folder's files).
const FILES = ['report.html', 'report.md', 'report.docx', 'figures', 'tables', 'metrics.json', 'predictions.csv'];
const KEEP = ['model.nnm.json', 'Davies', 'Bouldin', 'tmp', 'zh', 'nnm-test-', ...FILES];

describe('the terminal speaks Chinese under --lang zh', () => {
  it.each([
    ['iris.csv', ['--epochs', '20', '--repeats', '2']],
    ['diabetes.csv', ['--epochs', '20']],
    ['airpassengers.csv', ['--epochs', '5', '--cv', '2']],
    ['iris.csv', ['--task', 'cluster']],
    ['digits8x8.csv', ['--epochs', '1']],
  ])('%s %s', async (file, args) => {
    const dir = join(tempDir(), 'zh');
    const r = await runCli(['train', SAMPLE(file), '--out', dir, '--lang', 'zh', '--seed', '1', ...args]);
    expect(r.code).toBe(0);
    const text = r.stderr.split(dir).join('');
    expect(foreignWords(text, COLUMNS[file], KEEP)).toEqual([]);
    expect(text).toContain('结论');
    expect(text).not.toMatch(/[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u4e00-\u9fff]/);
  });

  it('English stays English (mutation: the same words are caught in an English run)', async () => {
    const dir = join(tempDir(), 'en');
    const r = await runCli(['train', SAMPLE('iris.csv'), '--out', dir, '--epochs', '20', '--seed', '1']);
    expect(r.code).toBe(0);
    expect(foreignWords(r.stderr.split(dir).join(''), COLUMNS['iris.csv'], KEEP)).toContain('verdict');
  });
});
