// The CSV writer: RFC 4180 quoting, fixed number format, and formula-injection escaping (OWASP).

import { describe, expect, it } from 'vitest';
import { defuse, toCsv } from '../../src/report/csv.js';

describe('toCsv', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['-', "'-"],
    // numbers written as text stay numbers; ordinary text is untouched
    ['-1.5', '-1.5'],
    ['+3', '+3'],
    ['-2e-3', '-2e-3'],
    ['a=b', 'a=b'],
    ['setosa', 'setosa'],
  ])('defuse(%j) = %j', (cell, want) => {
    expect(defuse(cell)).toBe(want);
  });

  it('escapes text cells and headers, never numbers, and quotes what needs quoting', () => {
    const csv = toCsv(
      ['id', '=p'],
      [
        ['=HYPERLINK("a")', -1.5],
        ['-1.5', 0.25],
        ['@x,y', 3],
      ],
    );
    expect(csv).toBe(`id,'=p\n"'=HYPERLINK(""a"")",-1.5\n-1.5,0.25\n"'@x,y",3\n`);
  });
});
