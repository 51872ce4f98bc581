import { describe, expect, it } from 'vitest';
import { columnDecimals, fixed, formatTable, MINUS, num, spread } from '../../src/report/numbers.js';
import { latexEscape, type Table, toLatex } from '../../src/report/tables.js';

describe('numbers as a paper prints them', () => {
  it.each([
    [0.96666667, 4, '0.9667'],
    [1, 4, '1'],
    [-0.021428, 4, `${MINUS}0.02143`],
    [13.1, 4, '13.1'],
    [Number.NaN, 4, '—'],
    [-3, 4, `${MINUS}3`],
    [1234.5678, 3, '1230'],
  ])('num(%s, %s) = %s', (v, sig, want) => {
    expect(num(v, sig)).toBe(want);
  });

  it('fixed() never prints a negative zero and uses a true minus', () => {
    expect(fixed(-0.0001, 3)).toBe('0.000');
    expect(fixed(-1.25, 1)).toBe(`${MINUS}1.3`);
  });

  it.each([
    [[1, 0.96667, 0.3333], 3],
    [[13.1, -0.02143], 2],
    [[0.45, -0.021], 4],
    [[120, 30], 0],
    [[53.21, 70.12], 2],
    [[1e-9, 2e-9], 6],
  ])('the column %j gets %i decimals (4 significant digits on its largest value)', (values, d) => {
    expect(columnDecimals(values)).toBe(d);
  });

  it('a spread is "0" when exactly zero, and keeps one significant digit when it would round to zero', () => {
    expect(spread(0, 3)).toBe('0');
    expect(spread(0.0123, 3)).toBe('0.012');
    expect(spread(0.0002, 3)).toBe('0.0002');
  });

  const t: Table = {
    id: 'x',
    caption: 'c',
    header: ['model', 'accuracy', 'r2', 'fold', 'mean'],
    align: ['l', 'r', 'r', 'r', 'r'],
    rows: [
      ['a', '1', '-0.021428', '1', '**0.9666666 ± 0**'],
      ['b', '0.9666666', '13.1', '2', '0.5 ± 0.00001'],
      ['c', '—', '0.5', '3', '0.25 ± 0.125'],
    ],
  };
  it('formatTable aligns the decimals of each numeric column and leaves text alone', () => {
    const f = formatTable(t);
    expect(f.rows.map((r) => r[1])).toEqual(['1.000', '0.967', '—']);
    expect(f.rows.map((r) => r[2])).toEqual([`${MINUS}0.02`, '13.10', '0.50']);
    expect(f.rows.map((r) => r[3])).toEqual(['1', '2', '3']);
    expect(f.rows.map((r) => r[4])).toEqual(['**0.9667 ± 0**', '0.5000 ± 0.00001', '0.2500 ± 0.1250']);
    expect(f.rows.map((r) => r[0])).toEqual(['a', 'b', 'c']);
    expect(JSON.stringify(f)).not.toMatch(/± 0\.0\b|-0\.0/);
  });

  it('the minus sign is $-$ in LaTeX', () => {
    expect(latexEscape(num(-2.5))).toBe('$-$2.5');
    expect(toLatex(formatTable(t))).toContain('a & 1.000 & $-$0.02 & 1 & \\textbf{0.9667 $\\pm$ 0} \\\\');
  });
});
