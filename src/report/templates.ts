// Project templates for `nnm init`: every folder under templates/ is one template (its README's
// first "# " heading is its description), so adding a template is adding a folder.

import {
  constants,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';

/** templates/ at the package root (two folders up from both src/report and dist/report). */
export function templatesRoot(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}

export interface TemplateInfo {
  name: string;
  description: string;
  /** The first `nnm ...` line of the README's first shell block: what to run after init. */
  command?: string;
}

export function listTemplates(root = templatesRoot()): TemplateInfo[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((n) => statSync(join(root, n)).isDirectory())
    .sort()
    .map((name) => {
      const readme = join(root, name, 'README.md');
      const text = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
      const description = /^# +(.+)$/m.exec(text)?.[1].trim() ?? name;
      const block = /```(?:sh|bash|shell)\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
      const command = block
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l.startsWith('nnm '));
      return { name, description, ...(command ? { command } : {}) };
    });
}

// NOTE: with --force, nothing inside dir is followed: a symbolic link where a folder goes is removed,
// and a file is copied to a fresh temporary name and renamed over the old entry, so neither a link
// nor a hard link can carry the copy to a file outside dir.
function makeFolder(target: string, dir: string): void {
  const st = lstatSync(target, { throwIfNoEntry: false });
  if (st?.isSymbolicLink()) rmSync(target);
  else if (st && !st.isDirectory())
    throw new UserError({
      file: target,
      message: 'is a file where the template has a folder',
      hint: `move it away, or choose a folder other than ${dir}`,
    });
  mkdirSync(target, { recursive: true });
}

function replaceFile(from: string, target: string): void {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  rmSync(tmp, { force: true, recursive: true });
  copyFileSync(from, tmp, constants.COPYFILE_EXCL);
  renameSync(tmp, target);
}

/** Copy templates/<name>/ into dir; a non-empty dir needs force (then same-named files are replaced). */
export function copyTemplate(name: string, dir: string, force: boolean, root = templatesRoot()): string[] {
  const all = listTemplates(root);
  const t = all.find((x) => x.name === name.toLowerCase());
  if (!t)
    throw new UserError({
      message: `unknown template "${name}"`,
      hint: `choose one of ${all.map((x) => x.name).join(', ')} (nnm init --list)`,
    });
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory())
      throw new UserError({ file: dir, message: 'exists and is not a folder', hint: 'choose another folder name' });
    if (readdirSync(dir).length > 0 && !force)
      throw new UserError({
        file: dir,
        message: 'is not empty',
        hint: 'choose a new folder, or add --force to copy the template into it anyway',
      });
  }
  const src = join(root, t.name);
  const copied: string[] = [];
  const walk = (from: string): void => {
    for (const entry of readdirSync(from)) {
      const p = join(from, entry);
      const target = join(dir, relative(src, p));
      if (statSync(p).isDirectory()) {
        makeFolder(target, dir);
        walk(p);
      } else {
        replaceFile(p, target);
        copied.push(relative(src, p));
      }
    }
  };
  mkdirSync(dir, { recursive: true });
  walk(src);
  return copied.sort();
}
