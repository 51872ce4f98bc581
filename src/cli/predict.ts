// `nnm predict MODEL DATA`: apply a saved model to raw rows -> a CSV of predictions (stdout or --out).

import { Command } from 'commander';
import { int, MAX_HORIZON } from '../config/options.js';
import { type ReadOptions, readOptions, readTable } from '../data/read.js';
import { type Cell, toCsv } from '../report/csv.js';
import { checkWritable, writeAtomic } from '../report/files.js';
import { loadModel, type Predictions } from '../tasks/model.js';
import { applyLoaded, RUNNERS } from '../tasks/registry.js';
import type { ApplyInput } from '../tasks/types.js';
import { UserError } from '../errors.js';
import { type Io, paint } from './io.js';
import { addReadFlags, type ReadFlags } from './read-flags.js';

export interface PredictSpec extends ReadFlags {
  model: string;
  data?: string;
  horizon?: number;
  out?: string;
  json: boolean;
  force: boolean;
  quiet: boolean;
}

export function predictCommand(io: Io): Command {
  return addReadFlags(
    new Command('predict')
      .description('apply a trained model (model.nnm.json) to new rows and write one prediction per row')
      .argument('<model>', 'model.nnm.json from a run folder')
      .argument(
        '[data]',
        'CSV or .xlsx with the feature columns the model was trained on (any order; extra columns are ignored); a forecast model may go without it and continue its training series',
      )
      .option(
        '--horizon <n>',
        `forecast models: periods to forecast after the series ends (at most ${MAX_HORIZON})`,
        (v) => int(1, MAX_HORIZON)(v, 'horizon'),
      )
      .option('--out <file>', 'write the predictions CSV here instead of stdout')
      .option('--json', 'print the predictions as JSON on stdout', false)
      .option('--force', 'overwrite an existing --out file', false)
      .option('--quiet', 'no notes on stderr', false)
      .option('--debug', 'show stack traces', false)
      .addHelpText(
        'after',
        `
Output: the input rows in order; an id (the identifier column, or the row number), the target
column as "actual" when the data has it, "predicted" in original units and, for classification,
one probability column p_<class> per class (the ensemble average).

Examples:
  nnm predict runs/iris/model.nnm.json new-flowers.csv > predictions.csv
  nnm predict runs/iris/model.nnm.json new-flowers.xlsx --out predictions.csv
  nnm predict runs/diabetes/model.nnm.json patients.csv --json
  nnm predict runs/air/model.nnm.json --horizon 12          continue the training series 12 periods`,
      )
      .action(async (model: string, data: string | undefined, flags: Omit<PredictSpec, 'model' | 'data'>) => {
        await runPredict({ model, data, ...flags }, io);
      }),
  );
}

export async function runPredict(spec: PredictSpec, io: Io): Promise<Predictions> {
  const c = paint(io);
  if (spec.out) checkWritable(spec.out, spec.force);
  const model = loadModel(spec.model);
  const input = await modelInput(model.runner, spec.model, model.task, spec.data, readOptions(spec));
  const table = input.kind === 'table' ? input.table : undefined;
  const p = applyLoaded(model, input, { horizon: spec.horizon });
  if (!spec.quiet) {
    for (const n of [...(table?.notes ?? []), ...p.notes])
      io.err(`${n.startsWith('warning:') ? c.yellow('nnm:') : c.dim('nnm:')} ${n}\n`);
  }
  const csv = predictionsCsv(p);
  if (spec.out) {
    writeAtomic(spec.out, csv);
    if (!spec.quiet) io.err(`${c.dim('nnm:')} wrote ${p.predicted.length} prediction(s) to ${spec.out}\n`);
  }
  if (spec.json) io.out(`${JSON.stringify(predictionsJson(p, model.model), null, 2)}\n`);
  else if (!spec.out) io.out(csv);
  return p;
}

export function predictionsCsv(p: Predictions): string {
  const K = p.classes?.length ?? 0;
  const header = [
    p.idHeader,
    ...(p.actual ? ['actual'] : []),
    'predicted',
    ...(p.lower ? ['lower_95', 'upper_95'] : []),
    ...(p.classes ?? []).map((k) => `p_${k}`),
  ];
  const rows: Cell[][] = p.predicted.map((v, i) => [
    p.ids[i],
    ...(p.actual ? [p.actual[i]] : []),
    v,
    ...(p.lower && p.upper ? [p.lower[i], p.upper[i]] : []),
    ...(p.probabilities ? Array.from(p.probabilities.subarray(i * K, (i + 1) * K), (q) => Number(q.toFixed(6))) : []),
  ]);
  return toCsv(header, rows);
}

function predictionsJson(p: Predictions, model: string): Record<string, unknown> {
  const K = p.classes?.length ?? 0;
  return {
    task: p.task,
    model,
    rows: p.predicted.length,
    id: p.idHeader,
    predictions: p.predicted.map((v, i) => ({
      id: p.ids[i],
      ...(p.actual ? { actual: p.actual[i] } : {}),
      predicted: v,
      ...(p.classes && p.probabilities
        ? {
            probabilities: Object.fromEntries(
              p.classes.map((k, j) => [k, Number(p.probabilities![i * K + j].toFixed(6))]),
            ),
          }
        : {}),
    })),
  };
}

/** What a model's runner reads from the data argument: a table (CSV/xlsx), a path it reads itself
 *  (image folder / pixel CSV), or nothing (a forecast continues its series). */
export async function modelInput(
  runner: keyof typeof RUNNERS,
  modelPath: string,
  task: string,
  data: string | undefined,
  opts: ReadOptions,
): Promise<ApplyInput> {
  const reads = RUNNERS[runner].reads;
  if (data === undefined) {
    if (reads === 'optional-table') return { kind: 'none' };
    const what = reads === 'path' ? 'a pixel CSV or an image folder' : 'a data file';
    throw new UserError({
      file: modelPath,
      message: `is a ${task} model: predict needs ${what}`,
      hint: 'nnm predict MODEL DATA',
    });
  }
  return reads === 'path' ? { kind: 'path', path: data } : { kind: 'table', table: await readTable(data, opts) };
}
