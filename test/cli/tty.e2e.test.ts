// On a real terminal (a pseudo-TTY from python3's pty module): the progress bar is drawn, Ctrl-C is typed
// mid-training, the process exits (130) and the screen the user is left with still shows the "interrupted" notice and the
// summary — the bar must not redraw over them. Skipped where python3 is absent.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE, tempDir } from '../helpers/cli.js';
import { screen } from '../helpers/screen.js';

const ROOT = resolve(__dirname, '../..');
const hasPython = spawnSync('python3', ['-c', 'import pty'], { encoding: 'utf8' }).status === 0;

function ttyRun(waitFor: string, args: string[]): { code: number | null; bytes: string } {
  const r = spawnSync(
    'python3',
    [join(ROOT, 'test/helpers/pty-run.py'), waitFor, '--', process.execPath, join(ROOT, 'bin/nnm.js'), ...args],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COLUMNS: '200' }, timeout: 150_000 },
  );
  return { code: r.status, bytes: r.stdout };
}

describe.skipIf(!hasPython)('on a terminal', () => {
  it('the replayed screen: a bar is a line, erase-in-line and restore-cursor work (mutation check of the helper)', () => {
    expect(screen('a\nbar 1\x1b[1Gbar 2\x1b[0K\nnote\n')).toEqual(['a', 'bar 2', 'note', '']);
    // a bar that jumps back to its saved position and clears it erases the note below: the bug this catches
    expect(screen('\x1b7bar 1\nnote\n\x1b8\x1b[2Kbar 2')).toEqual(['bar 2', 'note', '']);
  });

  it('Ctrl-C mid-training: the bar is drawn, then the notice and the summary stay on screen', () => {
    const dir = join(tempDir(), 'run');
    const r = ttyRun('| loss 0', ['train', SAMPLE('digits8x8.csv'), '--epochs', '60', '--out', dir, '--seed', '1']);
    // 130 = 128 + SIGINT; before the fix the bar's redraw timer kept the process alive after the summary
    expect(r.code).toBe(130);
    expect(r.bytes).toContain('training |');
    const lines = screen(r.bytes);
    const notice = lines.findIndex((l) => l.startsWith('nnm: interrupted; finishing the current batch'));
    expect(notice, lines.join('\n')).toBeGreaterThanOrEqual(0);
    const after = lines.slice(notice + 1).filter((l) => l !== '');
    expect(after[0]).toMatch(/^test {2}accuracy /);
    expect(after.some((l) => l.includes('training |'))).toBe(false);
    expect(after.some((l) => l.startsWith('run folder'))).toBe(true);
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    expect(metrics.train.interrupted).toBe(true);
    expect(existsSync(join(dir, 'model.nnm.json'))).toBe(true);
  });

  it('an ensemble names its networks on the bar', () => {
    const dir = join(tempDir(), 'ens');
    const r = ttyRun('never printed', ['train', SAMPLE('iris.csv'), '--epochs', '30', '--out', dir, '--seed', '1']);
    expect(r.code).toBe(0);
    for (const k of [1, 5]) expect(r.bytes).toContain(`training network ${k}/5 |`);
    expect(screen(r.bytes).filter((l) => l.includes('training network'))).toEqual([]);
  });
});
