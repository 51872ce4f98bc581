// Safe output: every file is written to a temporary name in the same folder and renamed into place,
// so a crash never leaves a half-written file; an existing file is never overwritten without force.
// (A whole run folder is one transaction: run-folder.ts.)

import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';

// NOTE: the one module-level mutable outside cli/: temp files (and the staging folder of a run
// folder, run-folder.ts) of writes in progress, so that the second-signal handler in cli/main.ts
// can remove them before it exits.
const pendingTemps = new Set<string>();

/** Mark a temporary file or folder as in progress (removed by removePendingTemps), or no longer. */
export function trackTemp(path: string, pending: boolean): void {
  if (pending) pendingTemps.add(path);
  else pendingTemps.delete(path);
}

export function writeAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  pendingTemps.add(tmp);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    // NOTE: a system error names the file being written, not its temporary name (or nothing, for write()).
    if (e instanceof Error && typeof (e as { code?: unknown }).code === 'string') (e as { path?: string }).path = path;
    throw e;
  } finally {
    pendingTemps.delete(tmp);
  }
}

/** Remove the temporary files and folders of writes still in progress (an immediate exit must not leave them); returns them. */
export function removePendingTemps(): string[] {
  const removed = [...pendingTemps];
  for (const tmp of removed) rmSync(tmp, { force: true, recursive: true });
  pendingTemps.clear();
  return removed;
}

/** Refuse an existing file unless force. */
export function checkWritable(path: string, force: boolean): void {
  if (existsSync(path) && !force) {
    throw new UserError({
      file: path,
      message: 'already exists',
      hint: 'choose another --out or add --force to overwrite it',
    });
  }
}

/** runs/<name>-<model>-<YYYYMMDD-HHMMSS>, with -2, -3 ... if that exists already. */
export function defaultRunFolder(dataPath: string, model: string, now: Date, root = 'runs'): string {
  const stem =
    basename(dataPath)
      .replace(/\.[^.]+$/, '')
      .replace(/[^\p{L}\p{N}_.-]+/gu, '_') || 'data';
  const p = (n: number): string => String(n).padStart(2, '0');
  const ts = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  const base = join(root, `${stem}-${model}-${ts}`);
  let dir = base;
  for (let k = 2; existsSync(dir); k++) dir = `${base}-${k}`;
  return dir;
}
