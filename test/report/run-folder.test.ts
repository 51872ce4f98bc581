// The run-folder transaction on its own: complete or absent, --force replaces whole, a failure
// leaves the previous state, leftovers of a killed run are tidied, the target is checked up front.

import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { checkRunTarget, writeRunFolder } from '../../src/report/run-folder.js';
import type { ReportPart } from '../../src/report/part.js';
import type { RunOutput } from '../../src/report/types.js';
import { tempDir } from '../helpers/cli.js';

/** A bare output, written with a report part that has no figures, tables or text (report.md and
 *  report.html are still written, empty), so the transaction is tested on its own. */
function output(files: Record<string, string>, tag: string): RunOutput {
  return {
    summary: { task: 'cluster', metrics: { task: 'cluster', tag } } as unknown as RunOutput['summary'],
    config: { tag },
    files,
  };
}
const EMPTY: ReportPart = { figures: () => [], tables: () => [], document: () => [] };
const opts = (force: boolean) => ({ force, lang: 'en' as const, fontDirs: [], part: EMPTY });
const tree = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(
    tree(dir)
      .filter((f) => !f.endsWith('figures') && !f.endsWith('tables'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );

describe('writeRunFolder', () => {
  it('writes every file and leaves no staging or old folder beside it', async () => {
    const root = tempDir();
    const dir = join(root, 'run');
    await writeRunFolder(dir, output({ 'model.nnm.json': '{}', 'figures/a.svg': '<svg/>' }, 'one'), opts(false));
    expect(tree(dir)).toEqual([
      'config.json',
      'figures',
      'figures/a.svg',
      'metrics.json',
      'model.nnm.json',
      'report.docx',
      'report.html',
      'report.md',
      'summary.json',
    ]);
    expect(readdirSync(root)).toEqual(['run']);
  });

  it('--force replaces the folder whole: no file of the earlier run survives', async () => {
    const root = tempDir();
    const dir = join(root, 'run');
    await writeRunFolder(dir, output({ 'model.nnm.json': 'old', 'forecast.csv': 'x' }, 'old'), opts(false));
    await writeRunFolder(dir, output({ 'model.nnm.json': 'new' }, 'new'), opts(true));
    expect(existsSync(join(dir, 'forecast.csv'))).toBe(false);
    expect(readFileSync(join(dir, 'model.nnm.json'), 'utf8')).toBe('new');
    expect(readdirSync(root)).toEqual(['run']);
  });

  it('a failure while writing leaves the earlier folder exactly as it was, and says so', async () => {
    const root = tempDir();
    const dir = join(root, 'run');
    await writeRunFolder(dir, output({ 'model.nnm.json': 'old', 'report.html': 'old report' }, 'old'), opts(false));
    const before = snapshot(dir);
    // 'metrics.json/x' makes metrics.json a folder, so writing metrics.json itself then fails (EISDIR).
    const failing = output({ 'model.nnm.json': 'new', 'metrics.json/x': 'y' }, 'new');
    const err = await writeRunFolder(dir, failing, opts(true)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).format()).toMatch(
      /run: is a folder, not a file \(EISDIR\); nothing was written: the run folder there is as it was/,
    );
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(root)).toEqual(['run']);
  });

  it('a failure with no earlier folder leaves no folder', async () => {
    const root = tempDir();
    const err = await writeRunFolder(join(root, 'run'), output({ 'metrics.json/x': 'y' }, 'new'), opts(false)).catch(
      (e: unknown) => e,
    );
    expect((err as UserError).format()).toMatch(/no run folder was written/);
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('checkRunTarget', () => {
  it('refuses a dangling symbolic link, a file, and a full folder without --force', () => {
    const root = tempDir();
    symlinkSync(join(root, 'missing'), join(root, 'link'));
    expect(() => checkRunTarget(join(root, 'link'), false)).toThrow(
      /is a symbolic link to .*missing, which does not exist/,
    );
    writeFileSync(join(root, 'file'), 'x');
    expect(() => checkRunTarget(join(root, 'file'), true)).toThrow(/exists and is not a folder/);
    expect(() => checkRunTarget(join(root, 'file', 'run'), false)).toThrow(
      /is a file, so the run folder .* cannot be created under it/,
    );
    mkdirSync(join(root, 'full'));
    writeFileSync(join(root, 'full', 'metrics.json'), '{}');
    expect(() => checkRunTarget(join(root, 'full'), false)).toThrow(/already holds results/);
    expect(checkRunTarget(join(root, 'full'), true).dir).toBe(join(root, 'full'));
  });

  it('--force replaces only a run folder, never a folder of other files', () => {
    const root = tempDir();
    mkdirSync(join(root, 'project'));
    writeFileSync(join(root, 'project', 'data.csv'), 'a,b\n');
    expect(() => checkRunTarget(join(root, 'project'), true)).toThrow(/holds files that are not an nnm run/);
  });

  it('follows a link to a folder', () => {
    const root = tempDir();
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'link'));
    expect(checkRunTarget(join(root, 'link'), false).dir).toBe(join(root, 'real'));
  });

  it('tidies leftovers of a killed run: removes its staging folder, puts back an old folder moved aside', () => {
    const root = tempDir();
    const dead = 2 ** 22 + 12345; // above the default pid_max: no such process
    mkdirSync(join(root, `.run.nnm-${dead}.tmp`));
    writeFileSync(join(root, `.run.nnm-${dead}.tmp`, 'model.nnm.json'), 'half');
    mkdirSync(join(root, `.run.nnm-${dead}.old`));
    writeFileSync(join(root, `.run.nnm-${dead}.old`, 'metrics.json'), 'old');
    const { notes } = checkRunTarget(join(root, 'run'), true);
    expect(notes.join('\n')).toMatch(/put back .*run/);
    expect(readdirSync(root)).toEqual(['run']);
    expect(readFileSync(join(root, 'run', 'metrics.json'), 'utf8')).toBe('old');
  });
});
