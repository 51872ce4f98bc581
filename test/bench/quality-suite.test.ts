// The quality suite (`npm run quality`) is not run in the tests; this checks only that its shipped
// files parse and agree: every set's CSV, fixed test rows and reference scores.

import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM without types, shared with bench/quality.js
import { checkEntry, loadReferences, loadSuite, readLines, readTestIndex } from '../../bench/quality/suite.js';

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
});
