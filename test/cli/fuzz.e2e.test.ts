// Property-based fuzz (fast-check) of the CSV reader and the train option parser together, through
// the real CLI in-process: random small files (BOM, four separators, CRLF, quotes, ragged rows, empty
// and missing cells, title lines, thousands separators, huge / NaN / Infinity numbers, non-ASCII)
// with random flags, valid or not. The only outcomes allowed: exit 0 with finite outputs, or exit 2
// with exactly one line on stderr. Bounded: a fixed seed, 40 runs of 2 epochs (NNM_FC_SEED and
// NNM_FC_RUNS explore further).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectFiniteRun } from '../helpers/finite.js';

const SEED = Number(process.env.NNM_FC_SEED ?? 14);
const RUNS = Number(process.env.NNM_FC_RUNS ?? 40);

const plain = fc.integer({ min: -100_000, max: 100_000 }).map((x) => String(x / 100));
const EXTREME = [
  '1e300',
  '-1e300',
  '1e-300',
  'NaN',
  'Infinity',
  '-inf',
  '1e39',
  '0',
  '-0',
  '1 016',
  '1.016,5',
  '12,5',
  '50%',
  '1,234,567',
];
const text = fc.oneof(
  fc.constantFrom('a', 'b', 'c', '是', '否', 'x y', 'constructor', '__proto__', '=1+1', 'café', '😀'),
  fc.string({ maxLength: 6 }),
);
const missing = fc.constantFrom('', 'NA', '?', '-', '缺失');

/** Each column has one kind, so that columns stay mostly readable and runs reach training. */
const COLUMN_KINDS: Record<string, fc.Arbitrary<string>> = {
  clean: plain,
  grouped: fc.integer({ min: 0, max: 9_999_999 }).map((x) => x.toLocaleString('en-US')),
  extreme: fc.oneof({ weight: 15, arbitrary: plain }, { weight: 1, arbitrary: fc.constantFrom(...EXTREME) }),
  category: text,
  gaps: fc.oneof({ weight: 5, arbitrary: plain }, { weight: 1, arbitrary: missing }),
  anything: fc.oneof(plain, text, missing, fc.constantFrom(...EXTREME)),
};
const columnKind = fc.constantFrom('clean', 'clean', 'clean', 'grouped', 'extreme', 'category', 'gaps', 'anything');
const TARGETS: Record<string, fc.Arbitrary<string>> = {
  classes: fc.constantFrom('p', 'q', 'p', 'q', ''),
  numbers: plain,
  grouped: COLUMN_KINDS.grouped,
  mixed: COLUMN_KINDS.anything,
};

const csvFile = fc
  .record({
    kinds: fc.array(columnKind, { minLength: 1, maxLength: 4 }),
    rows: fc.oneof(
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) },
      { weight: 4, arbitrary: fc.integer({ min: 30, max: 90 }) },
    ),
    sep: fc.constantFrom(',', ';', '\t', '|'),
    bom: fc.boolean(),
    crlf: fc.boolean(),
    quoteAll: fc.boolean(),
    title: fc.constantFrom(undefined, undefined, '附件1 某地区数据', 'Table 1'),
    ragged: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    target: fc.constantFrom('classes', 'classes', 'numbers', 'numbers', 'grouped', 'mixed'),
  })
  .chain((f) =>
    fc.tuple(
      fc.constant(f),
      fc.array(
        fc.tuple(
          fc
            .tuple(...f.kinds.map((k) => COLUMN_KINDS[k]))
            .chain((xs) => (f.ragged ? fc.constantFrom(xs, [...xs, 'extra']) : fc.constant(xs))),
          TARGETS[f.target],
        ),
        { minLength: f.rows, maxLength: f.rows },
      ),
    ),
  );

/** A flag: mostly absent or valid, sometimes invalid (the option parser must answer in one line). */
const maybe = (valid: string[], invalid: string[]): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { weight: 20, arbitrary: fc.constant(undefined) },
    { weight: 6, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...invalid) },
  );
const flags = fc.record({
  task: maybe(['regress', '回归'], ['bogus']),
  target: maybe(['y', '1'], ['99', 'nope']),
  testSize: maybe(['0.2', '0.5'], ['0', '1.5', 'abc']),
  hidden: maybe(['8', '4,4'], ['0', '8,x']),
  batchSize: maybe(['4', '64'], ['0', '1e9']),
  lr: maybe(['0.01'], ['-1', 'NaN']),
  headerRow: maybe(['1', '2'], ['99', '0']),
  maxCells: maybe(['1000000'], ['20', '-5']),
  seed: maybe(['7'], ['-1']),
});

function toText([f, rows]: [
  { kinds: string[]; sep: string; bom: boolean; crlf: boolean; quoteAll: boolean; title?: string },
  [string[], string][],
]): string {
  const q = (c: string): string =>
    f.quoteAll || c.includes(f.sep) || /["\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
  const header = [...f.kinds.map((_, i) => `x${i}`), 'y'];
  const lines = [
    ...(f.title ? [f.title] : []),
    header.map(q).join(f.sep),
    ...rows.map(([xs, y]) => [...xs, y].map(q).join(f.sep)),
  ];
  return `${f.bom ? '\ufeff' : ''}${lines.join(f.crlf ? '\r\n' : '\n')}\n`;
}

function argv(o: Record<string, string | undefined>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(o))
    if (v !== undefined) out.push(`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, v);
  return out;
}

describe('fuzz: nnm train over random CSVs and flags', () => {
  it('exit 0 with finite outputs, or exit 2 with one line', async () => {
    const dir = tempDir();
    let k = 0;
    const codes = { 0: 0, 2: 0 };
    await fc.assert(
      fc.asyncProperty(csvFile, flags, async (t, o) => {
        const file = join(dir, `f${k}.csv`);
        const out = join(dir, `run${k++}`);
        writeFileSync(file, toText(t));
        const r = await runCli([
          'train',
          file,
          ...argv(o),
          '--epochs',
          '2',
          '--ensemble',
          '1',
          '--sensitivity',
          'off',
          '--quiet',
          '--out',
          out,
        ]);
        expect([0, 2], r.stderr).toContain(r.code);
        codes[r.code as 0 | 2]++;
        if (r.code === 2) {
          const lines = r.stderr.trimEnd().split('\n');
          expect(lines, r.stderr).toHaveLength(1);
          expect(lines[0]).not.toMatch(/\bat .*\.[jt]s:\d+|internal error|"undefined"|\[object/);
        } else expectFiniteRun(out);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The generator must reach training, not only refusals.
    expect(codes[0]).toBeGreaterThanOrEqual(5);
  }, 120_000);
});
