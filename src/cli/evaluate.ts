// `nnm evaluate MODEL DATA`: the task's test metrics of a saved model on labelled rows.

import { Command } from 'commander';
import { readOptions } from '../data/read.js';
import { fmt } from '../report/csv.js';
import { type Evaluation, loadModel } from '../tasks/model.js';
import { evaluateLoaded } from '../tasks/registry.js';
import { modelInput } from './predict.js';
import { type Io, paint } from './io.js';
import { addReadFlags, type ReadFlags } from './read-flags.js';

export interface EvaluateSpec extends ReadFlags {
  model: string;
  data: string;
  /** Cluster models: a reference label column for the adjusted Rand index. */
  target?: string;
  json: boolean;
  quiet: boolean;
}

export function evaluateCommand(io: Io): Command {
  return addReadFlags(
    new Command('evaluate')
      .description('score a trained model on labelled data with the metrics of its task')
      .argument('<model>', 'model.nnm.json from a run folder')
      .argument('<data>', 'CSV or .xlsx holding the feature columns and the target column')
      .option('--target <col>', 'cluster models: a reference label column; adds the adjusted Rand index')
      .option(
        '--json',
        'print {task, model, data, test} on stdout; "test" has the keys of metrics.json\'s "test"',
        false,
      )
      .option('--quiet', 'no notes on stderr', false)
      .option('--debug', 'show stack traces', false)
      .addHelpText(
        'after',
        `
Metrics: classify: accuracy, macro_f1, precision, recall, confusion_matrix, labels;
regress: rmse, mae, mape (%), r2; forecast: one_step {rmse, mae, mape, r2};
cluster: clusters, silhouette, davies_bouldin (+ ari with --target).

Examples:
  nnm evaluate runs/iris/model.nnm.json iris-2024.csv
  nnm evaluate runs/diabetes/model.nnm.json holdout.xlsx --json > holdout-metrics.json
  nnm evaluate runs/customers/model.nnm.json new-customers.csv --target segment   cluster quality + ARI`,
      )
      .action(async (model: string, data: string, flags: Omit<EvaluateSpec, 'model' | 'data'>) => {
        await runEvaluate({ model, data, ...flags }, io);
      }),
  );
}

export async function runEvaluate(spec: EvaluateSpec, io: Io): Promise<Evaluation> {
  const c = paint(io);
  const model = loadModel(spec.model);
  const input = await modelInput(model.runner, spec.model, model.task, spec.data, readOptions(spec));
  const table = input.kind === 'table' ? input.table : undefined;
  const e = evaluateLoaded(model, input, { target: spec.target });
  if (!spec.quiet)
    for (const n of [...(table?.notes ?? []), ...e.notes])
      io.err(`${n.startsWith('warning:') ? c.yellow('nnm:') : c.dim('nnm:')} ${n}\n`);
  if (spec.json) {
    io.out(
      `${JSON.stringify({ task: e.task, model: model.model, data: { file: spec.data, rows: e.rows, evaluated_rows: e.evaluatedRows }, test: e.test }, null, 2)}\n`,
    );
    return e;
  }
  const f = (v: unknown): string => (typeof v === 'number' ? fmt(Number(v.toPrecision(4))) : '—');
  const oneStep = e.test.one_step as Record<string, unknown> | undefined;
  const shown = oneStep ?? e.test;
  const keys =
    e.task === 'cluster'
      ? ['clusters', 'silhouette', 'davies_bouldin', ...('ari' in e.test ? ['ari'] : [])]
      : e.task === 'regress' || oneStep
        ? ['rmse', 'mae', 'mape', 'r2']
        : ['accuracy', 'macro_f1', 'precision', 'recall'];
  io.out(
    `${c.bold(`${model.model.toUpperCase()} ${e.task}`)} on ${spec.data} (${e.evaluatedRows} ${e.task === 'cluster' ? '' : 'labelled '}rows)\n`,
  );
  if (oneStep) io.out('  one-step forecasts (each point from the true history before it)\n');
  for (const k of keys) io.out(`  ${k.padEnd(10)} ${f(shown[k])}${k === 'mape' ? ' %' : ''}\n`);
  return e;
}
