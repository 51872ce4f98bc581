// A run folder is complete or absent. writeRunFolder writes every file of a run (model, metrics,
// config, summary, predictions, report, figures, tables) into a hidden staging sibling
// `.NAME.nnm-PID.tmp`, fsyncs it and renames it into place as its last step. With --force the
// existing folder is first moved aside (`.NAME.nnm-PID.old`) and removed only once the new one is
// in place, so a failure or a signal at any moment leaves the previous state: no folder, or the old
// one, whole. checkRunTarget (run-target.ts) runs before training.

import {
  closeSync,
  cpSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { systemUserError, UserError } from '../errors.js';
import { trackTemp } from './files.js';
import type { ReportLang } from './i18n/index.js';
import type { ReportPart } from './part.js';
import type { RunOutput, RunSummary } from './types.js';
import { type ReportResult, SUMMARY_FILE, summaryJson, writeReport } from './write-report.js';

export { checkRunTarget } from './run-target.js';

export interface RunFolderOptions {
  /** Replace an existing run folder (whole). */
  force: boolean;
  lang: ReportLang;
  fontDirs: string[];
  /** The task's report (tasks/registry.ts reportOf); the network report when absent. */
  part?: ReportPart;
}

export function metricsText(output: RunOutput): string {
  return `${JSON.stringify(output.summary.metrics, null, 2)}\n`;
}

/** Write a run into dir as one transaction (see the header); returns notes for the user. */
export async function writeRunFolder(
  dir: string,
  output: RunOutput,
  o: RunFolderOptions,
): Promise<{ notes: string[] }> {
  return transaction(dir, o.force, async (staging) => {
    const put = (name: string, content: string | Uint8Array): void => {
      const path = join(staging, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    };
    for (const [name, content] of Object.entries(output.files)) put(name, content);
    put('metrics.json', metricsText(output));
    put('config.json', `${JSON.stringify(output.config, null, 2)}\n`);
    put(SUMMARY_FILE, summaryJson(output.summary));
    return {
      notes: (await writeReport(staging, output.summary, o.lang, o.fontDirs, o.part, basename(resolve(dir)))).notes,
    };
  });
}

/** `nnm report`: rebuild the report of a run folder as one transaction (a copy, rewritten, swapped in). */
export async function rebuildReport(
  dir: string,
  summary: RunSummary,
  lang: ReportLang,
  fontDirs: string[],
  part?: ReportPart,
): Promise<ReportResult> {
  return transaction(dir, true, async (staging) => {
    cpSync(dir, staging, { recursive: true });
    return writeReport(staging, summary, lang, fontDirs, part, basename(resolve(dir)));
  });
}

/** Write a folder of files (name -> content) all-or-nothing, as writeRunFolder does (nnm compare). */
export async function writeFilesFolder(
  dir: string,
  files: Record<string, string | Uint8Array>,
  force: boolean,
): Promise<void> {
  await transaction(dir, force, (staging) => {
    for (const [name, content] of Object.entries(files)) {
      const path = join(staging, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    return Promise.resolve({ notes: [] });
  });
}

async function transaction<T extends { notes: string[] }>(
  dir: string,
  replace: boolean,
  fill: (staging: string) => Promise<T>,
): Promise<T> {
  const existed = existsSync(dir) && readdirSync(dir).length > 0;
  const staging = sibling(dir, 'tmp');
  trackTemp(staging, true);
  let result: T;
  let old: string | undefined;
  try {
    mkdirSync(dirname(dir), { recursive: true });
    rmSync(staging, { recursive: true, force: true });
    result = await fill(staging);
    syncTree(staging);
    old = swapIntoPlace(staging, dir, replace);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw unchanged(e, dir, existed);
  } finally {
    trackTemp(staging, false);
  }
  // Committed: from here on the new folder is in place, whatever happens.
  syncDir(dirname(resolve(dir)));
  if (old) removeOld(old, result.notes);
  return result;
}

/** The commit: the old folder (if any) aside, the staging folder into place; undone if the second rename fails. */
function swapIntoPlace(staging: string, dir: string, replace: boolean): string | undefined {
  let old: string | undefined;
  if (existsSync(dir)) {
    if (readdirSync(dir).length === 0) rmdirSync(dir);
    else if (replace) {
      old = sibling(dir, 'old');
      rmSync(old, { recursive: true, force: true });
      renameSync(dir, old);
    } else {
      throw new UserError({
        file: dir,
        message: 'was filled by another program during training',
        hint: 'choose another --out, or add --force to replace it',
      });
    }
  }
  try {
    renameSync(staging, dir);
  } catch (e) {
    if (old) renameSync(old, dir);
    throw e;
  }
  return old;
}

function removeOld(old: string, notes: string[]): void {
  try {
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    const sys = systemUserError(e, { file: old });
    if (!sys) throw e;
    notes.push(
      `the previous run folder, moved aside to ${old}, could not be removed (${sys.message}); delete it by hand`,
    );
  }
}

/** The error of a failed write, saying that nothing changed. */
function unchanged(e: unknown, dir: string, existed: boolean): unknown {
  const state = existed ? 'nothing was written: the run folder there is as it was' : 'no run folder was written';
  if (e instanceof UserError) return e;
  const sys = systemUserError(e, { file: dir, context: state });
  if (sys) return sys;
  if (e instanceof Error) e.message = `${e.message} (${dir}: ${state})`;
  return e;
}

const sibling = (dir: string, kind: 'tmp' | 'old'): string =>
  join(dirname(resolve(dir)), `.${basename(resolve(dir))}.nnm-${process.pid}.${kind}`);

/** fsync every file and folder under dir, so that the rename publishes data that is on the disk. */
function syncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isFile()) syncPath(path);
    else if (entry.isDirectory()) syncTree(path);
  }
  syncDir(dir);
}

function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

// NOTE: Windows cannot open a folder to fsync it; there the rename alone orders the writes.
function syncDir(path: string): void {
  if (process.platform !== 'win32') syncPath(path);
}
