// The Chinese report is Chinese: after code (fenced blocks, `spans`) and figure links are removed,
// every ASCII word of report.md must be a column name or class label of the data, a number, or an abbreviation
// Chinese papers keep in Latin letters (the allow-list). Real runs of classification (with
// cross-validation, repeats and sensitivity), regression and forecasting, plus a planted English
// sentence that must be caught.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSummary } from '../../src/report/write-report.js';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';
import { foreignWords } from '../helpers/zh-words.js';

async function zhRun(file: string, args: string[]): Promise<{ md: string; columns: string[] }> {
  const dir = join(tempDir(), 'zh');
  const r = await runCli(['train', SAMPLE(file), '--out', dir, '--quiet', '--lang', 'zh', ...args]);
  expect(r.code, r.stderr).toBe(0);
  const s = readSummary(dir);
  const labels = (s.metrics.test.labels as string[] | undefined) ?? [];
  return {
    md: readFileSync(join(dir, 'report.md'), 'utf8'),
    columns: [...s.audit.columns.map((c) => c.name), ...labels],
  };
}

describe('the Chinese report has no untranslated English', () => {
  it.each([
    ['iris.csv', ['--epochs', '10', '--cv', '3', '--repeats', '2', '--sensitivity', 'on']],
    ['diabetes.csv', ['--epochs', '10']],
    ['airpassengers.csv', ['--epochs', '5', '--cv', '2']],
  ])('%s', async (file, args) => {
    const { md, columns } = await zhRun(file, args);
    expect(foreignWords(md, columns)).toEqual([]);
    expect(md).not.toContain('保留英文原文');
    expect(md).not.toMatch(/[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u4e00-\u9fff]/);
    if (file === 'airpassengers.csv') {
      expect(md).toContain('长短期记忆网络');
      expect(md).not.toContain('门控循环单元');
    }
  });

  it('mutation: an English sentence or table header planted in the report is caught', () => {
    expect(foreignWords('## 交叉验证\n\n| 折 | accuracy |\n网络 the network stopped early。`code ok`', [])).toEqual([
      'accuracy',
      'the',
      'network',
      'stopped',
      'early',
    ]);
    expect(foreignWords('变量 `x` 与 petal_width 的 RMSE', ['petal_width'])).toEqual([]);
  });
});
