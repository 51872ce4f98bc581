// Reading a data file whole, with the real cause of every failure in one line: not found, permission
// denied, a folder, a FIFO or device (never read: /dev/zero would fill the memory), too large, or a
// file that changed while it was read. The descriptor is stat-ed after opening, so what is checked
// is what is read.

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { UserError } from '../errors.js';

/** Files over this many bytes are refused (a larger CSV could not become one JavaScript string anyway). */
export const MAX_FILE_BYTES = 2 ** 31;

const CAUSES: Record<string, [message: string, hint: string]> = {
  ENOENT: ['file not found', 'check the path (run `ls` in that folder) or quote a name with spaces'],
  ENOTDIR: ['file not found (a part of the path is a file, not a folder)', 'check the path'],
  EACCES: ['permission denied (nnm may not read it)', "check the file's permissions (ls -l), e.g. chmod u+r FILE"],
  EPERM: ['permission denied (nnm may not read it)', "check the file's permissions (ls -l), e.g. chmod u+r FILE"],
  EISDIR: ['is a folder, not a data file', 'give a .csv file (a folder of images needs --task image)'],
  ELOOP: ['is a symbolic link that points to itself (a loop)', 'give the real file'],
  ENAMETOOLONG: ['the path is too long', 'move the file to a shorter path'],
  EMFILE: ['cannot be opened: too many files are open', 'close other programs and try again'],
  EIO: ['could not be read (an input/output error of the disk)', 'copy the file to another disk and try again'],
};

/** A Node system error (ENOENT, EACCES ...) on `file` as a one-line UserError; other errors unchanged. */
export function fileError(file: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return e;
  const known = CAUSES[code];
  if (known) return new UserError({ file, message: known[0], hint: known[1] });
  return new UserError({ file, message: `cannot be read (${code})`, hint: 'check the file and the disk' });
}

/** The reading primitives, injectable so that a file changing mid-read can be tested. */
export interface FileOps {
  open: (file: string) => number;
  fstat: (fd: number) => {
    size: number;
    isFile(): boolean;
    isDirectory(): boolean;
    isFIFO(): boolean;
    isCharacterDevice(): boolean;
    isBlockDevice(): boolean;
    isSocket(): boolean;
  };
  read: (fd: number, buf: Buffer, offset: number, length: number, position: number) => number;
  close: (fd: number) => void;
}

const NODE_FS: FileOps = {
  // NOTE: O_NONBLOCK, so that opening a FIFO returns at once (it is then refused) instead of waiting for a writer.
  open: (file) => openSync(file, constants.O_RDONLY | constants.O_NONBLOCK),
  fstat: (fd) => fstatSync(fd),
  read: (fd, buf, offset, length, position) => readSync(fd, buf, offset, length, position),
  close: (fd) => closeSync(fd),
};

function kindError(file: string, st: ReturnType<FileOps['fstat']>): UserError | undefined {
  if (st.isDirectory())
    return new UserError({
      file,
      message: 'is a folder, not a data file',
      hint: 'give a .csv file (a folder of images needs --task image)',
    });
  if (st.isFIFO())
    return new UserError({
      file,
      message: 'is a named pipe (FIFO), not a regular file',
      hint: 'save the data to a file first, then give that file',
    });
  if (st.isCharacterDevice() || st.isBlockDevice())
    return new UserError({ file, message: 'is a device, not a data file', hint: 'give a .csv or .xlsx file' });
  if (st.isSocket())
    return new UserError({ file, message: 'is a socket, not a data file', hint: 'give a .csv or .xlsx file' });
  if (!st.isFile()) return new UserError({ file, message: 'is not a regular file', hint: 'give a .csv or .xlsx file' });
  return undefined;
}

/** The whole file as bytes, at most `maxBytes`; every failure a one-line UserError naming its cause. */
export function readDataFile(file: string, maxBytes = MAX_FILE_BYTES, ops: FileOps = NODE_FS): Buffer {
  let fd: number;
  try {
    fd = ops.open(file);
  } catch (e) {
    throw fileError(file, e);
  }
  try {
    const st = ops.fstat(fd);
    const bad = kindError(file, st);
    if (bad) throw bad;
    if (st.size > maxBytes) {
      throw new UserError({
        file,
        message: `is too large (${(st.size / 2 ** 20).toFixed(0)} MB; nnm reads data files up to ${(maxBytes / 2 ** 20).toFixed(0)} MB)`,
        hint: 'keep the rows and columns you need, or split the file',
      });
    }
    const buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const n = ops.read(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    if (got < st.size) {
      throw new UserError({
        file,
        message: `changed while it was read (${st.size} bytes when opened, ${got} read)`,
        hint: 'read it again once no program is writing or moving it',
      });
    }
    const probe = Buffer.alloc(1);
    if (ops.read(fd, probe, 0, 1, st.size) > 0) {
      throw new UserError({
        file,
        message: 'changed while it was read (it grew)',
        hint: 'read it again once no program is writing it',
      });
    }
    return buf;
  } catch (e) {
    throw fileError(file, e);
  } finally {
    ops.close(fd);
  }
}
