// parseTable's column builder: shared cell strings must not change any value, whatever the text.

import { describe, expect, it } from 'vitest';
import { parseTable } from '../../src/data/load.js';
import { UserError } from '../../src/errors.js';

describe('parseTable column building', () => {
  it('keeps cells that are Object.prototype names or array indices as they are', () => {
    const cells = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '4294967295', '-0', '1e3', ''];
    const text = `a,b\n${cells.map((c, i) => `${c},${i}`).join('\n')}\n${cells.map((c) => `${c},x`).join('\n')}\n`;
    const t = parseTable(text, 'mem.csv');
    expect(t.columns[0]).toEqual([...cells, ...cells]);
    expect(t.columns[1]).toEqual([...cells.map((_, i) => String(i)), ...cells.map(() => 'x')]);
  });

  it('reports the first ragged row after many good ones, and a never-closed quote', () => {
    const good = Array.from({ length: 50 }, (_, i) => `${i},${i % 3}`).join('\n');
    const line = (text: string): string => {
      try {
        parseTable(text, 'mem.csv');
      } catch (e) {
        if (e instanceof UserError) return e.format();
        throw e;
      }
      return 'no error';
    };
    expect(line(`a,b\n${good}\n1,2,3\n`)).toMatch(/^mem\.csv: row 52: has 3 fields but the header has 2; quote cells/);
    expect(line(`a,b\n${good}\n"open,2\n`)).toMatch(/^mem\.csv: row 52: a quoted field is never closed/);
  });
});
