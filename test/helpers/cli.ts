// In-process CLI runs with an injected Io (no TTY, no colour), and temp folders (changesets testdir).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    out: (s) => (stdout += s),
    err: (s) => (stderr += s),
    isTTY: false,
    color: false,
    now: () => new Date(2026, 0, 2, 3, 4, 5),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'nnm-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export const SAMPLE = (name: string): string => resolve(__dirname, '../../sample-data', name);

/** Write NAME-train.csv and NAME-test.csv split by the shared fixed test indices; returns their paths. */
export function fixedSplit(name: string, dir: string): { train: string; test: string } {
  const lines = readFileSync(SAMPLE(`${name}.csv`), 'utf8')
    .trimEnd()
    .split('\n');
  const idx = new Set(
    readFileSync(SAMPLE(`${name}.test_idx.txt`), 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number),
  );
  const header = lines[0];
  const rows = lines.slice(1);
  const train = join(dir, `${name}-train.csv`);
  const test = join(dir, `${name}-test.csv`);
  writeFileSync(train, [header, ...rows.filter((_, i) => !idx.has(i))].join('\n') + '\n');
  writeFileSync(test, [header, ...rows.filter((_, i) => idx.has(i))].join('\n') + '\n');
  return { train, test };
}
