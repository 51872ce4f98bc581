// A minimal terminal: replays the bytes a program wrote to a TTY (newlines, carriage returns, cursor
// column, erase in line, save/restore cursor, cursor up) and returns the screen's lines as a user
// would see them at the end — enough to tell whether a progress bar overwrote a line printed after it.

export function screen(bytes: string): string[] {
  const rows: string[] = [''];
  let row = 0;
  let col = 0;
  let saved: [number, number] = [0, 0];
  const put = (ch: string): void => {
    const line = rows[row].padEnd(col, ' ');
    rows[row] = line.slice(0, col) + ch + line.slice(col + 1);
    col++;
  };
  const chars = [...bytes];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '\n') {
      row++;
      col = 0;
      while (rows.length <= row) rows.push('');
    } else if (ch === '\r') col = 0;
    else if (ch === '\x1b') {
      const next = chars[i + 1];
      if (next === '7') {
        saved = [row, col];
        i++;
      } else if (next === '8') {
        [row, col] = saved;
        i++;
      } else if (next === '[') {
        let j = i + 2;
        let arg = '';
        while (j < chars.length && /[0-9;?]/.test(chars[j])) arg += chars[j++];
        const cmd = chars[j];
        const n = Number(arg.replace('?', '')) || 0;
        if (cmd === 'G') col = Math.max(0, n - 1);
        else if (cmd === 'K') rows[row] = n === 2 ? '' : rows[row].slice(0, col);
        else if (cmd === 'A') row = Math.max(0, row - (n || 1));
        i = j;
      }
    } else if (ch >= ' ') put(ch);
  }
  return rows.map((r) => r.trimEnd());
}
