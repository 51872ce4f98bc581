// CSV writing with RFC 4180 quoting and a fixed number format (7 significant digits), so the same
// numbers always give the same bytes. Every CSV nnm writes goes through here, so every one is safe to
// open in a spreadsheet: a text cell starting with = + - @ tab or CR gets a leading ' (the OWASP rule
// against formula injection, https://owasp.org/www-community/attacks/CSV_Injection); numbers, and
// text that is a number such as "-1.5", stay as they are.

export type Cell = string | number | null | undefined;

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return '';
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(7)));
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell a spreadsheet would run as a formula, made inert with a leading '. */
export function defuse(s: string): string {
  if (!FORMULA_START.test(s)) return s;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) ? s : `'${s}`;
}

function quote(c: Cell): string {
  if (c === null || c === undefined) return '';
  const s = typeof c === 'number' ? fmt(c) : defuse(c);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  const lines = [header.map(quote).join(',')];
  for (const r of rows) lines.push(r.map(quote).join(','));
  return `${lines.join('\n')}\n`;
}
