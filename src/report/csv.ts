// CSV writing with RFC 4180 quoting and a fixed number format (7 significant digits), so the same
// numbers always give the same bytes.

export type Cell = string | number | null | undefined;

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return '';
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(7)));
}

function quote(c: Cell): string {
  if (c === null || c === undefined) return '';
  const s = typeof c === 'number' ? fmt(c) : c;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  const lines = [header.map(quote).join(',')];
  for (const r of rows) lines.push(r.map(quote).join(','));
  return `${lines.join('\n')}\n`;
}
