// Property-based tests (fast-check): random small tables - numbers, categories, missing cells, odd and
// unicode strings, extreme numbers - through parsing, schema inference and a very short training run.
// The only outcomes allowed: success with finite outputs, or a UserError (exit 2, one line).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../src/data/load.js';
import { inferSchema } from '../../src/data/schema.js';
import { UserError } from '../../src/errors.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectFiniteRun } from '../helpers/finite.js';

/** Fixed so CI is reproducible; set NNM_FC_SEED to explore other tables. */
const SEED = Number(process.env.NNM_FC_SEED ?? 8);
const EXTREME = [
  '1e30',
  '-1e30',
  '-1e-30',
  '1e-30',
  '1e308',
  '-1e308',
  '0',
  '-0',
  '3.4e38',
  '1e39',
  'inf',
  '-Infinity',
  'NaN',
  '1,5',
  '12%',
  '.5',
  '5.',
];
const MISSING = ['', 'NA', 'null', '?', '-', '缺失'];

const cell = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => String(Number(x.toPrecision(6)))),
  },
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 5 }).map(String) },
  { weight: 3, arbitrary: fc.constantFrom('a', 'b', 'c', '是', '否', 'x y') },
  { weight: 2, arbitrary: fc.constantFrom(...MISSING) },
  { weight: 1, arbitrary: fc.constantFrom(...EXTREME) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.constantFrom('"quoted"', 'a,b', 'line\nbreak', ' padded ', '\t', '😀', 'é', '\u0000x') },
);

/** A table as rows of cells, header first; `columns` fixed per table so most rows are rectangular. */
const table = fc.integer({ min: 1, max: 5 }).chain((C) =>
  fc.tuple(
    fc.array(fc.oneof(fc.constantFrom('a', 'b', 'y', 'id', '日期', ''), fc.string({ maxLength: 6 })), {
      minLength: C,
      maxLength: C,
    }),
    fc.array(fc.array(cell, { minLength: C, maxLength: C }), { maxLength: 40 }),
    fc.boolean(), // quote every cell RFC 4180 style (else write raw, which may give ragged rows)
  ),
);

/** Tables that mostly reach training: 12-40 rows, inputs from `cell`, a class or numeric last column. */
const trainable = fc.integer({ min: 1, max: 3 }).chain((C) =>
  fc.tuple(
    fc.constant([...Array.from({ length: C }, (_, i) => `x${i}`), 'y']),
    fc
      .oneof(
        fc
          .constantFrom(['p', 'q'], ['p', 'q', 'r'], ['是', '否'])
          .map((levels) => fc.constantFrom(...levels, ...MISSING.slice(0, 1))),
        fc.constant(
          fc.oneof(
            fc.double({ min: -100, max: 100, noNaN: true }).map((x) => String(Number(x.toPrecision(4)))),
            fc.constantFrom('1e30', '-1e-30', 'NA'),
          ),
        ),
      )
      .chain((target) =>
        fc.array(
          fc.tuple(fc.array(cell, { minLength: C, maxLength: C }), target).map(([xs, y]) => [...xs, y]),
          { minLength: 12, maxLength: 40 },
        ),
      ),
    fc.constant(true),
  ),
);

function toText([header, rows, quoted]: [readonly string[], string[][], boolean]): string {
  const q = (c: string): string => (quoted && /[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [header, ...rows].map((r) => r.map(q).join(',')).join('\n');
}

/** Run f; a UserError is an allowed outcome, anything else fails the property. */
function userErrorOr<T>(f: () => T): T | UserError {
  try {
    return f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
}

describe('properties', () => {
  it('parseTable + inferSchema: a rectangular table with a typed column per name, or a UserError', () => {
    fc.assert(
      fc.property(table, (t) => {
        const r = userErrorOr(() => {
          const raw = parseTable(toText(t), 'p.csv');
          return { raw, schema: inferSchema(raw) };
        });
        if (r instanceof UserError) {
          expect(r.format()).not.toContain('\n');
          return;
        }
        expect(r.raw.columns).toHaveLength(r.raw.names.length);
        expect(new Set(r.raw.names).size).toBe(r.raw.names.length);
        for (const col of r.raw.columns) expect(col).toHaveLength(r.raw.nRows);
        expect(r.schema.columns.map((c) => c.name)).toEqual(r.raw.names);
        // NOTE: "inf" cells read as ±Infinity here (nnm inspect shows them); training refuses them with row and column.
        for (const c of r.schema.columns)
          if (c.type === 'number') expect(Number.isNaN(c.min) || Number.isNaN(c.max)).toBe(false);
      }),
      { numRuns: 200, seed: SEED },
    );
  });

  it('nnm train (2 epochs): exit 0 with finite outputs, or exit 2 with one line', async () => {
    const dir = tempDir();
    let k = 0;
    let trained = 0;
    await fc.assert(
      fc.asyncProperty(trainable, async (t) => {
        const file = join(dir, `t${k}.csv`);
        const out = join(dir, `run${k++}`);
        writeFileSync(file, toText(t));
        const r = await runCli([
          'train',
          file,
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
        expect([0, 2]).toContain(r.code);
        if (r.code === 2) expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        else {
          trained++;
          expectFiniteRun(out);
        }
      }),
      { numRuns: 30, seed: SEED },
    );
    expect(trained).toBeGreaterThanOrEqual(10); // the generator must exercise training, not only refusals
  }, 60_000);
});
