// Before training: the --out folder is checked to be writable and free (or, with --force, a run
// folder that may be replaced), and leftovers of a killed run are tidied (an old folder moved aside
// is put back). The writing itself is run-folder.ts.

import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { systemUserError, UserError } from '../errors.js';
import { SUMMARY_FILE } from './write-report.js';

/** A folder holding one of these is a run folder, which --force may replace. */
const RUN_MARKERS = ['model.nnm.json', 'metrics.json', SUMMARY_FILE, 'compare.json'];

/**
 * Before training: the folder the run will be written to (a link to a folder is followed), checked
 * to be writable and free (or, with force, a run folder), so that a bad --out fails in a second,
 * not after the training. Notes say what was tidied from an earlier killed run.
 */
export function checkRunTarget(out: string, force: boolean): { dir: string; notes: string[] } {
  const dir = followLink(out);
  const notes = recoverLeftovers(dir);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory())
      throw new UserError({ file: out, message: 'exists and is not a folder', hint: 'choose another --out' });
    const entries = readdirSync(dir);
    if (entries.length > 0 && !force) {
      throw new UserError({
        file: out,
        message: 'is a run folder that already holds results',
        hint: 'choose another --out, or add --force to replace them',
      });
    }
    if (entries.length > 0 && (!entries.some((e) => RUN_MARKERS.includes(e)) || isAncestor(dir, process.cwd()))) {
      throw new UserError({
        file: out,
        message: 'holds files that are not an nnm run (--force replaces a run folder whole)',
        hint: 'choose a new folder for --out',
      });
    }
  }
  probeWritable(dir, out);
  return { dir, notes };
}

/** A --out that is a symbolic link means the folder it points to; a dangling link is refused. */
function followLink(out: string): string {
  try {
    if (!lstatSync(out).isSymbolicLink()) return out;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return out; // probeWritable names what is missing
    throw systemUserError(e, { file: out }) ?? e;
  }
  try {
    return realpathSync(out);
  } catch {
    throw new UserError({
      file: out,
      message: `is a symbolic link to ${readlinkSync(out)}, which does not exist`,
      hint: 'create that folder, remove the link, or choose another --out',
    });
  }
}

/** Create and remove a probe folder in the nearest existing ancestor of dir's parent. */
function probeWritable(dir: string, out: string): void {
  let p = dirname(resolve(dir));
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  if (!statSync(p).isDirectory())
    throw new UserError({
      file: p,
      message: `is a file, so the run folder ${out} cannot be created under it`,
      hint: 'choose another --out',
    });
  try {
    rmdirSync(mkdtempSync(join(p, '.nnm-probe-')));
  } catch (e) {
    throw (
      systemUserError(e, {
        file: p,
        context: `the run folder ${out} cannot be written there`,
        hint: 'choose another --out',
      }) ?? e
    );
  }
}

/** Remove staging folders of dead nnm processes; put back an old folder moved aside by a killed --force run. */
function recoverLeftovers(dir: string): string[] {
  const parent = dirname(resolve(dir));
  const name = basename(resolve(dir));
  if (!existsSync(parent) || !statSync(parent).isDirectory()) return [];
  const notes: string[] = [];
  for (const entry of readdirSync(parent)) {
    const m = /^\.(.+)\.nnm-(\d+)\.(tmp|old)$/.exec(entry);
    if (!m || m[1] !== name || isAlive(Number(m[2]))) continue;
    const path = join(parent, entry);
    if (m[3] === 'old' && !existsSync(dir)) {
      renameSync(path, dir);
      notes.push(`put back ${dir}, which an earlier nnm run stopped while replacing it`);
    } else {
      rmSync(path, { recursive: true, force: true });
    }
  }
  return notes;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** dir is p or a folder above it. */
const isAncestor = (dir: string, p: string): boolean => {
  const rel = relative(resolve(dir), resolve(p));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};
