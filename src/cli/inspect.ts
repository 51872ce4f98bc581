// `nnm inspect DATA`: per column the inferred type, missing count, range or levels; then the
// suggested task and model with the reason, and the command that would train it.

import { Command } from 'commander';
import { pickCovariates } from '../data/covariates.js';
import { readOptions, readTable } from '../data/read.js';
import { type ColumnInfo, findColumn, inferSchema } from '../data/schema.js';
import { fmt } from '../report/csv.js';
import { trySuggestTask } from '../tasks/infer.js';
import { type Io, paint } from './io.js';
import { addReadFlags, type ReadFlags } from './read-flags.js';

export interface InspectSpec extends ReadFlags {
  data: string;
  target?: string;
  json: boolean;
}

export function inspectCommand(io: Io): Command {
  return addReadFlags(
    new Command('inspect')
      .description("show each column's type, missing cells and range, and the suggested task and model")
      .argument('<data>', 'CSV/TSV or .xlsx file')
      .option('--target <col>', 'the column to predict (default: decided from the columns, else the last one)')
      .option('--json', 'print {file, rows, columns, suggestion} as JSON on stdout', false)
      .option('--debug', 'show stack traces', false)
      .addHelpText(
        'after',
        `
Examples:
  nnm inspect sample-data/iris.csv
  nnm inspect sample-data/airpassengers.csv --json
  nnm inspect survey.xlsx --sheet 2023 --target score`,
      )
      .action(async (data: string, flags: Omit<InspectSpec, 'data'>) => {
        await runInspect({ data, ...flags }, io);
      }),
  );
}

export async function runInspect(spec: InspectSpec, io: Io): Promise<void> {
  const c = paint(io);
  const table = await readTable(spec.data, readOptions(spec));
  const schema = inferSchema(table);
  const targetIndex = spec.target !== undefined ? findColumn(table, spec.target, '--target') : undefined;
  const s = trySuggestTask(schema, targetIndex);
  // A forecast reads the other numeric columns as covariates by default: name them here too.
  const dateCol = schema.columns.find((col) => col.type === 'date');
  const covariates =
    'error' in s || s.task !== 'forecast' || !dateCol
      ? []
      : pickCovariates(table, schema, table.names.indexOf(s.target), dateCol.index, 'auto').indices.map(
          (i) => table.names[i],
        );
  const command =
    'error' in s
      ? undefined
      : `nnm train ${quote(spec.data)}${spec.sheet ? ` --sheet ${quote(spec.sheet)}` : ''}${spec.headerRow ? ` --header-row ${spec.headerRow}` : ''} --target ${quote(s.target)} --task ${s.task}`;
  if (spec.json) {
    const columns = schema.columns.map((col) => ({
      name: col.name,
      type: col.type,
      missing: col.missing,
      unique: col.unique,
      ...(col.min !== undefined ? { min: col.min, max: col.max } : {}),
      ...(col.levels ? { levels: col.levels } : {}),
    }));
    io.out(
      `${JSON.stringify({ file: spec.data, rows: table.nRows, columns, suggestion: 'error' in s ? null : { ...s, command, ...(covariates.length ? { covariates } : {}) }, ...('error' in s ? { no_suggestion: s.error } : {}), notes: table.notes }, null, 2)}\n`,
    );
    return;
  }
  for (const n of table.notes) io.err(`${c.dim('nnm:')} ${n}\n`);
  const rows = schema.columns.map((col) => [col.name, col.type, String(col.missing), describe(col)]);
  const head = ['column', 'type', 'missing', 'range / levels'];
  // NOTE: reduce, not Math.max(...rows): a table may have 100k+ columns.
  const w = head.map((h, j) => rows.reduce((m, r) => Math.max(m, width(r[j])), h.length));
  const line = (r: string[]): string =>
    r
      .map((v, j) => (j === 2 ? v.padStart(w[j]) : pad(v, w[j])))
      .join('  ')
      .trimEnd();
  io.out(`${c.bold(spec.data)}: ${table.nRows} rows, ${schema.columns.length} columns\n\n`);
  io.out(`${c.bold(line(head))}\n`);
  for (const r of rows) io.out(`${line(r)}\n`);
  io.out('\n');
  if ('error' in s) {
    io.out(`${c.bold('suggestion')}: none (${s.error})\n`);
    return;
  }
  io.out(
    `${c.bold('suggestion')}: task ${c.green(s.task)}, model ${c.green(s.model)}, target "${s.target}", because ${s.why}\n`,
  );
  if (covariates.length)
    io.out(
      `${c.bold('covariates')}: ${covariates.map((n) => `"${n}"`).join(', ')} (read as extra input channels of each window; --covariates none for a univariate forecast)\n`,
    );
  io.out(`${c.bold('run')}: ${command}\n`);
}

function describe(col: ColumnInfo): string {
  if (col.min !== undefined && col.max !== undefined)
    return `${fmt(col.min)} .. ${fmt(col.max)}${col.integer ? ' (whole numbers)' : ''}`;
  if (col.levels) {
    const shown = col.levels.slice(0, 6).join(', ');
    return `${col.unique} level(s): ${shown}${col.unique > 6 ? ', ...' : ''}`;
  }
  return col.type === 'empty' ? 'no values' : `${col.unique} distinct`;
}

/** Display width: CJK characters take two terminal columns. */
function width(s: string): number {
  let n = 0;
  for (const ch of s)
    n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return n;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

function quote(s: string): string {
  return /[\s"'$]/.test(s) ? JSON.stringify(s) : s;
}
