// The one shared leaf: every layer may import it. UserError = bad input (exit 2), InternalError = a bug (exit 1).

export interface UserErrorInfo {
  message: string;
  file?: string;
  row?: number; // 1-based data row as the user sees it in a spreadsheet (header = row 1)
  column?: string;
  hint?: string;
}

export class UserError extends Error {
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  readonly hint?: string;

  constructor(info: UserErrorInfo | string) {
    const i = typeof info === 'string' ? { message: info } : info;
    super(i.message);
    this.name = 'UserError';
    this.file = i.file;
    this.row = i.row;
    this.column = i.column;
    this.hint = i.hint;
  }

  /** One line: `data.csv: row 41, column "price": "12,5" is not a number; use --decimal , or fix the cell`. */
  format(): string {
    const where: string[] = [];
    if (this.row !== undefined) where.push(`row ${this.row}`);
    if (this.column !== undefined) where.push(`column "${this.column}"`);
    let s = this.file ? `${this.file}: ` : '';
    if (where.length) s += `${where.join(', ')}: `;
    s += this.message;
    if (this.hint) s += `; ${this.hint}`;
    return s;
  }
}

export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InternalError';
  }
}

// File-system failures are the user's to fix (a full disk, a read-only or protected folder, a
// folder given as a file), so they are reported as user errors naming the path and the real cause.
const SYSTEM_CAUSES: Record<string, { cause: string; hint: string }> = {
  ENOSPC: { cause: 'no space left on the disk', hint: 'free some space or choose another --out' },
  EDQUOT: { cause: 'the disk quota is exhausted', hint: 'free some space or choose another --out' },
  EACCES: { cause: 'permission denied', hint: 'check the permissions, or choose another path' },
  EPERM: { cause: 'operation not permitted', hint: 'check the permissions, or choose another path' },
  EROFS: { cause: 'is on a read-only file system', hint: 'choose a path on a writable disk' },
  EISDIR: { cause: 'is a folder, not a file', hint: 'give the path of a file inside it' },
  ENOTDIR: { cause: 'a part of the path is a file, not a folder', hint: 'check the path' },
  ENOENT: { cause: 'not found', hint: 'check the path' },
  EEXIST: { cause: 'a file or folder of that name is in the way', hint: 'move it away, or choose another path' },
  EMFILE: { cause: 'too many open files', hint: 'close other programs, or raise the limit (ulimit -n)' },
};

/**
 * A Node system error (ENOSPC, EACCES, ...) as a UserError naming its path (or `o.file`) and cause,
 * with `o.context` after the cause; undefined for anything else.
 */
export function systemUserError(
  e: unknown,
  o: { file?: string; context?: string; hint?: string } = {},
): UserError | undefined {
  if (!(e instanceof Error)) return undefined;
  const err = e as Error & { code?: unknown; path?: unknown };
  const known = typeof err.code === 'string' ? SYSTEM_CAUSES[err.code] : undefined;
  if (!known) return undefined;
  const file = o.file ?? (typeof err.path === 'string' ? err.path : undefined);
  const message = `${known.cause} (${String(err.code)})${o.context ? `; ${o.context}` : ''}`;
  return new UserError({ file, message, hint: o.hint ?? known.hint });
}
