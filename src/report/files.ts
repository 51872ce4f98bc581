// Safe output: every file is written to a temporary name in the same folder and renamed into place,
// so a crash never leaves a half-written file; an existing run folder or file is never overwritten
// without force.

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';

// NOTE: the one module-level mutable outside cli/: temp files of writes in progress, so that the
// second-Ctrl-C handler in cli/main.ts can remove them before it exits.
const pendingTemps = new Set<string>();

export function writeAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  pendingTemps.add(tmp);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    pendingTemps.delete(tmp);
  }
}

/** Remove the temporary files of writes still in progress (an immediate exit must not leave them). */
export function removePendingTemps(): void {
  for (const tmp of pendingTemps) rmSync(tmp, { force: true });
  pendingTemps.clear();
}

/** Refuse an existing file unless force. */
export function checkWritable(path: string, force: boolean): void {
  if (existsSync(path) && !force) {
    throw new UserError({ file: path, message: 'already exists', hint: 'choose another --out or add --force to overwrite it' });
  }
}

/** Refuse a run folder that would overwrite results (a non-empty folder needs force); creates nothing. */
export function checkRunFolder(dir: string, force: boolean): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UserError({ file: dir, message: 'exists and is not a folder', hint: 'choose another --out' });
    if (readdirSync(dir).length > 0 && !force) {
      throw new UserError({ file: dir, message: 'is a run folder that already holds results', hint: 'choose another --out, or add --force to replace them' });
    }
  }
}

/** Check, then create (or, with force, reuse) a run folder. */
export function prepareRunFolder(dir: string, force: boolean): void {
  checkRunFolder(dir, force);
  mkdirSync(dir, { recursive: true });
}

/** runs/<name>-<model>-<YYYYMMDD-HHMMSS>, with -2, -3 ... if that exists already. */
export function defaultRunFolder(dataPath: string, model: string, now: Date, root = 'runs'): string {
  const stem = basename(dataPath).replace(/\.[^.]+$/, '').replace(/[^\p{L}\p{N}_.-]+/gu, '_') || 'data';
  const p = (n: number): string => String(n).padStart(2, '0');
  const ts = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  const base = join(root, `${stem}-${model}-${ts}`);
  let dir = base;
  for (let k = 2; existsSync(dir); k++) dir = `${base}-${k}`;
  return dir;
}
