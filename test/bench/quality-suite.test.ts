// The quality suite (`npm run quality`) is not run in the tests; this checks only that its shipped
// files parse and agree: every set's CSV, fixed test rows and reference scores.

import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM without types, shared with bench/quality.js
import * as suiteFiles from '../../bench/quality/suite.js';

const { checkEntry, loadReferences, loadSuite, readLines, readTestIndex, tailCoverage } = suiteFiles;

type Entry = { name: string; task: string; n_test: number; file: string };

const suite: Entry[] = loadSuite();
const refs = loadReferences();

describe('quality suite files', () => {
  it('has the sets issue 16 asks for', () => {
    const count = (t: string[]) => suite.filter((e) => t.includes(e.task)).length;
    expect(count(['classify', 'image'])).toBeGreaterThanOrEqual(7); // 2 samples + 5
    expect(count(['regress'])).toBeGreaterThanOrEqual(5); // 1 sample + 4
    expect(count(['forecast'])).toBeGreaterThanOrEqual(7); // 1 sample + 6
    expect(Object.keys(refs.sets).sort()).toEqual(suite.map((e) => e.name).sort());
  });

  it('every CSV, split and reference agrees with suite.json', () => {
    expect(suite.flatMap((e) => checkEntry(e, refs))).toEqual([]);
  });

  it('the consistency check does catch a wrong split', () => {
    const e = suite.find((x) => x.task === 'forecast')!;
    expect(checkEntry({ ...e, n_test: e.n_test + 1 }, refs).length).toBeGreaterThan(0);
    expect(checkEntry({ ...e, test_start: '1900-01-01' }, refs).length).toBeGreaterThan(0);
    const t = suite.find((x) => x.task === 'regress')!;
    expect(checkEntry({ ...t, rows: readLines(t).rows.length - 1 }, refs).length).toBeGreaterThan(0);
    expect(readTestIndex(t).length).toBe(t.n_test);
  });

  it('counts the test-tail values inside a forecast band', () => {
    // woolyrnq's last 8 quarters; a band around each, the 3rd and 8th missed on purpose
    const e = suite.find((x) => x.name === 'woolyrnq')!;
    const { rows } = readLines(e);
    const tail = rows.slice(-8).map((r: string) => Number(r.split(',')[1]));
    const band = tail.map((y: number, i: number) =>
      i === 2 ? [y + 1, y + 5] : i === 7 ? [y - 5, y - 1] : [y - 1, y + 1],
    );
    const csv = [
      'date,forecast,lower_95,upper_95',
      ...band.map(([lo, hi]: number[], i: number) => `d${i},0,${lo},${hi}`),
    ].join('\n');
    expect(tailCoverage(e, csv)).toEqual({ hits: 6, n: 8 });
    expect(tailCoverage(e, 'date,forecast\nd0,1')).toBeNull();
  });
});
