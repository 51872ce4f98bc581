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
