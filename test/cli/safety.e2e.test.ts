// Data safety end to end (issue 22): a run folder is complete or absent, --force replaces it whole,
// a bad --out fails before training, config files cannot choose what gets overwritten, init follows
// no link, and file-system failures are user errors naming their real cause (exit 2, one line).

import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

const QUICK = ['--epochs', '3', '--ensemble', '1', '--sensitivity', 'off', '--quiet'];
const tree = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(
    tree(dir)
      .filter((f) => !['figures', 'tables'].includes(f))
      .map((f) => [f, readFileSync(join(dir, f), 'latin1')]),
  );
const oneLine = (stderr: string): void => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/internal error|a bug in nnm|\n\s+at /);
};

const isRoot = process.getuid?.() === 0;
const mounts: string[] = [];
/** A tmpfs of `size` at a new folder (root only; undefined where mount is not allowed). */
function tmpfs(size: string, ro = false): string | undefined {
  if (!isRoot) return undefined;
  const dir = tempDir('nnm-tmpfs-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${ro ? ',ro' : ''}`, 'tmpfs', dir]);
  if (r.status !== 0) return undefined;
  mounts.push(dir);
  return dir;
}
afterAll(() => {
  for (const m of mounts) spawnSync('umount', [m]);
});

describe('run folders are complete or absent', () => {
  it('--force replaces a forecast run with an iris run whole: no forecast.csv or forecast figure survives', async () => {
    const root = tempDir();
    const out = join(root, 'X');
    expect(
      (
        await runCli([
          'train',
          SAMPLE('airpassengers.csv'),
          '--task',
          'forecast',
          '--horizon',
          '12',
          ...QUICK,
          '--out',
          out,
        ])
      ).code,
    ).toBe(0);
    expect(existsSync(join(out, 'forecast.csv'))).toBe(true);
    expect((await runCli(['train', SAMPLE('iris.csv'), ...QUICK, '--out', out, '--force'])).code).toBe(0);
    expect((await runCli(['train', SAMPLE('iris.csv'), ...QUICK, '--out', join(root, 'fresh')])).code).toBe(0);
    expect(tree(out)).toEqual(tree(join(root, 'fresh')));
    expect(readdirSync(root).sort()).toEqual(['X', 'fresh']);
  }, 60_000);

  it('a full disk (a 200 KB tmpfs): exit 2 naming ENOSPC, no run folder and no staging folder left', async (ctx) => {
    const disk = tmpfs('200k');
    if (!disk) return ctx.skip();
    const r = await runCli(['train', SAMPLE('iris.csv'), ...QUICK, '--out', join(disk, 'run')]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/run: no space left on the disk \(ENOSPC\); no run folder was written/);
    expect(readdirSync(disk)).toEqual([]);
  }, 30_000);

  it('a full disk during a --force run leaves the earlier run folder exactly as it was', async (ctx) => {
    const disk = tmpfs('300k');
    if (!disk) return ctx.skip();
    const out = join(disk, 'run');
    mkdirSync(out);
    for (const f of ['model.nnm.json', 'metrics.json', 'report.md']) writeFileSync(join(out, f), `old ${f}\n`);
    writeFileSync(join(disk, 'filler'), Buffer.alloc(150_000, 1)); // the new run no longer fits beside the old one
    const before = snapshot(out);
    const r = await runCli(['train', SAMPLE('iris.csv'), ...QUICK, '--out', out, '--force']);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/ENOSPC\); nothing was written: the run folder there is as it was/);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(disk).sort()).toEqual(['filler', 'run']);
  }, 30_000);

  it('a --out that cannot be written (read-only disk, or a folder without write permission) fails before training', async (ctx) => {
    let parent: string | undefined;
    if (isRoot) parent = tmpfs('1m', true);
    else {
      parent = join(tempDir(), 'locked');
      mkdirSync(parent);
      chmodSync(parent, 0o555);
    }
    if (!parent) return ctx.skip();
    const r = await runCli([
      'train',
      SAMPLE('digits8x8.csv'),
      '--target',
      'label',
      '--epochs',
      '200',
      '--out',
      join(parent, 'sub', 'run'),
    ]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(
      /(read-only file system \(EROFS\)|permission denied \(EACCES\)); the run folder .*run cannot be written there/,
    );
    expect(r.stderr).not.toMatch(/epoch/);
  }, 30_000);

  it('a dangling symbolic link as --out fails before training', async () => {
    const root = tempDir();
    symlinkSync(join(root, 'gone'), join(root, 'out'));
    const r = await runCli([
      'train',
      SAMPLE('digits8x8.csv'),
      '--target',
      'label',
      '--epochs',
      '200',
      '--out',
      join(root, 'out'),
    ]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/out: is a symbolic link to .*gone, which does not exist/);
    expect(r.stderr).not.toMatch(/epoch/);
  });
});

describe('nnm report rebuilds a report as one transaction', () => {
  it('a rebuild leaves the folder whole with the new report and nothing beside it', async () => {
    const root = tempDir();
    const out = join(root, 'run');
    expect((await runCli(['train', SAMPLE('iris.csv'), ...QUICK, '--out', out])).code).toBe(0);
    const r = await runCli(['report', out, '--lang', 'zh', '--quiet']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/[\u4e00-\u9fff]/);
    expect(readdirSync(root)).toEqual(['run']);
  }, 30_000);

  it('a rebuild that cannot be written (full disk, or a locked parent) leaves the run folder as it was', async (ctx) => {
    const root = tempDir();
    const built = join(root, 'run');
    expect((await runCli(['train', SAMPLE('iris.csv'), ...QUICK, '--out', built])).code).toBe(0);
    let out = built;
    if (isRoot) {
      const bytes = Number(spawnSync('du', ['-sb', built], { encoding: 'utf8' }).stdout.split(/\s/)[0]);
      const disk = tmpfs(`${Math.ceil((bytes * 1.4) / 4096) * 4}k`); // room for the folder, not for a second copy
      if (!disk) return ctx.skip();
      out = join(disk, 'run');
      cpSync(built, out, { recursive: true });
    } else {
      chmodSync(root, 0o555);
    }
    const before = snapshot(out);
    const r = await runCli(['report', out, '--lang', 'zh']);
    if (!isRoot) chmodSync(root, 0o755);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/(ENOSPC|EACCES)\); nothing was written: the run folder there is as it was/);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(join(out, '..'))).toEqual(['run']);
  }, 30_000);
});

describe('config files, init and system errors', () => {
  it.each([
    ['force', '{"force": true}'],
    ['out', '{"out": "elsewhere"}'],
    ['out', 'out: elsewhere\n'],
  ])('a config file setting "%s" is refused in one line', async (key, body) => {
    const root = tempDir();
    const cfg = join(root, body.startsWith('{') ? 'c.json' : 'c.yaml');
    writeFileSync(cfg, body);
    const r = await runCli(['train', SAMPLE('iris.csv'), ...QUICK, '--config', cfg, '--out', join(root, 'run')]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toContain(`sets "${key}", which only the command line may set`);
    expect(existsSync(join(root, 'run'))).toBe(false);
  });

  it('a YAML "billion laughs" config is refused in one line, exit 2', async () => {
    const root = tempDir();
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [p, q] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
      ['f', 'g'],
      ['g', 'h'],
    ])
      lines.push(`${q}: &${q} [${Array(9).fill(`*${p}`).join(',')}]`);
    writeFileSync(join(root, 'lol.yaml'), `${lines.join('\n')}\n`);
    const r = await runCli(['train', SAMPLE('iris.csv'), '--config', join(root, 'lol.yaml')]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/lol\.yaml: expands YAML aliases/);
    writeFileSync(join(root, 'undefined.yaml'), 'epochs: *nowhere\n');
    const u = await runCli(['train', SAMPLE('iris.csv'), '--config', join(root, 'undefined.yaml')]);
    expect(u.code).toBe(2);
    oneLine(u.stderr);
    expect(u.stderr).toMatch(/undefined\.yaml: is not valid YAML \(Unresolved alias/);
  });

  it('a folder given as a config or model path says it is a folder', async () => {
    const root = tempDir();
    const c = await runCli(['train', SAMPLE('iris.csv'), '--config', root]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/is a folder, not a config file/);
    const m = await runCli(['predict', root, SAMPLE('iris.csv')]);
    expect(m.code).toBe(2);
    oneLine(m.stderr);
    expect(m.stderr).toMatch(/is a folder, not a model file; give the model\.nnm\.json inside it/);
  });

  it('predict --out onto a folder (EISDIR) is a user error naming the path', async () => {
    const root = tempDir();
    expect((await runCli(['train', SAMPLE('iris.csv'), ...QUICK, '--out', join(root, 'run')])).code).toBe(0);
    mkdirSync(join(root, 'dest'));
    const r = await runCli([
      'predict',
      join(root, 'run', 'model.nnm.json'),
      SAMPLE('iris.csv'),
      '--out',
      join(root, 'dest'),
      '--force',
    ]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/dest: is a folder, not a file \(EISDIR\)/);
  }, 30_000);

  it('an unreadable data file reads "permission denied", not "not found" (non-root only)', async (ctx) => {
    if (isRoot) return ctx.skip();
    const root = tempDir();
    const f = join(root, 'data.csv');
    writeFileSync(f, readFileSync(SAMPLE('iris.csv')));
    chmodSync(f, 0);
    const r = await runCli(['train', f]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/data\.csv: permission denied \(EACCES\)/);
  });

  it('init --force never writes through a link inside the target, to a file or a folder', async () => {
    const root = tempDir();
    const dir = join(root, 'project');
    mkdirSync(dir);
    writeFileSync(join(root, 'secret.txt'), 'secret\n');
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync(join(root, 'secret.txt'), join(dir, 'README.md'));
    symlinkSync(join(root, 'elsewhere'), join(dir, 'paper'));
    const r = await runCli(['init', dir, '--template', 'classify', '--force']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, 'secret.txt'), 'utf8')).toBe('secret\n');
    expect(readdirSync(join(root, 'elsewhere'))).toEqual([]);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/^# /);
    expect(existsSync(join(dir, 'paper', 'model.tex'))).toBe(true);
  });
});
