// `nnm train`: flags (over an optional config file) -> TrainSpec -> the job for the task -> run folder.

import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { loadConfigFile } from '../config/config-file.js';
import { type OptionDef, toTrainSpec, TRAIN_OPTIONS, type TrainSpec } from '../config/options.js';
import { MODELS_FOR_TASK, type Task } from '../config/tasks.js';
import { UserError } from '../errors.js';
import { defaultRunFolder, prepareRunFolder, writeAtomic } from '../report/files.js';
import type { RunOutput } from '../report/types.js';
import { isFolder } from '../data/image-folder.js';
import { runImageJob } from '../train/image-job.js';
import { runTabularJob } from '../train/tabular-job.js';
import { type Io, paint } from './io.js';
import { progressFor } from './progress.js';

export interface CliState {
  exitCode: number;
  stopFlag: { stop: boolean };
  /** The arguments as typed (after `nnm`), for the report's reproducibility block. */
  argv: string[];
}

export function trainCommand(io: Io, state: CliState): Command {
  const cmd = new Command('train')
    .description('train a neural network on a CSV file and write metrics, predictions, the model and a report')
    .argument('<data>', 'CSV/TSV file (UTF-8 or GBK; , ; or tab separated)');
  for (const [key, def] of Object.entries(TRAIN_OPTIONS) as [keyof TrainSpec, OptionDef | null][]) {
    if (!def) continue;
    const help = def.auto ? `${def.help} (default: ${def.auto})` : def.help;
    const opt = new Option(def.flags, help);
    if (def.default !== undefined && typeof def.default !== 'boolean') opt.default(def.default);
    cmd.addOption(opt);
  }
  cmd.addHelpText('after', `
Examples:
  nnm train sample-data/iris.csv                        classify species (last column) with an MLP
  nnm train sample-data/diabetes.csv --target progression --task 回归
  nnm train data.csv --test test.csv --json > metrics.json
  nnm train sample-data/digits8x8.csv --task image        a CNN on 8x8 pixel columns (图像)
  nnm train photos/ --task image --image-size 32         one sub-folder of PNG/JPEG images per class`);
  cmd.action((data: string, flags: Record<string, unknown>, command: Command) => {
    const raw: Record<string, unknown> = {};
    if (typeof flags.config === 'string') Object.assign(raw, loadConfigFile(flags.config));
    for (const key of Object.keys(TRAIN_OPTIONS)) {
      const src = command.getOptionValueSource(key);
      if (src === 'cli' || (src === 'default' && raw[key] === undefined)) raw[key] = flags[key];
    }
    raw.data = data;
    const spec = toTrainSpec(raw);
    runTrain(spec, io, state);
  });
  return cmd;
}

export function runTrain(spec: TrainSpec, io: Io, state: CliState): RunOutput {
  const c = paint(io);
  const note = (msg: string): void => {
    if (!spec.quiet) io.err(`${c.dim('nnm:')} ${msg}\n`);
  };
  const task: Task | undefined = spec.task;
  if (task && spec.model !== 'auto' && !MODELS_FOR_TASK[task].includes(spec.model)) {
    throw new UserError({ message: `--model ${spec.model} cannot do the ${task} task`, hint: `use --model ${MODELS_FOR_TASK[task].join(' or ')} for ${task}` });
  }
  // No task: a folder of images, --model cnn or an image/signal option mean the image/signal job.
  const imageHint = spec.model === 'cnn' || spec.imageShape !== undefined || spec.imageSize !== undefined || spec.sequenceColumns !== undefined;
  const imageJob = task === 'image' || (task === undefined && (isFolder(spec.data) || imageHint));
  const dir = spec.out ?? defaultRunFolder(spec.data, spec.model === 'auto' ? (imageJob ? 'cnn' : 'mlp') : spec.model, io.now());
  prepareRunFolder(dir, spec.force);
  const progress = progressFor(io, spec.quiet, state.stopFlag);
  const command = ['nnm', ...state.argv].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ');
  let output: RunOutput;
  try {
    switch (task) {
      case undefined:
        output = imageJob
          ? runImageJob(spec, 'auto', { note, listener: progress.listener, command })
          : runTabularJob(spec, task, { note, listener: progress.listener, command });
        break;
      case 'image':
        output = runImageJob(spec, 'image', { note, listener: progress.listener, command });
        break;
      case 'classify':
      case 'regress':
        output = runTabularJob(spec, task, { note, listener: progress.listener, command });
        break;
      case 'forecast':
      case 'text':
      case 'cluster':
        throw new UserError({ message: `the ${task} task is not available in this version of nnm yet`, hint: 'use --task classify or --task regress' });
      default: {
        const never: never = task;
        throw new Error(`unknown task ${String(never)}`);
      }
    }
  } finally {
    progress.stop();
  }
  const metricsJson = `${JSON.stringify(output.summary.metrics, null, 2)}\n`;
  for (const [name, content] of Object.entries(output.files)) writeAtomic(resolve(dir, name), content);
  writeAtomic(resolve(dir, 'metrics.json'), metricsJson);
  writeAtomic(resolve(dir, 'config.json'), `${JSON.stringify(output.config, null, 2)}\n`);
  if (spec.json) io.out(metricsJson);
  if (!spec.quiet) io.err(summaryLines(output, dir, c));
  return output;
}

function summaryLines(o: RunOutput, dir: string, c: ReturnType<typeof paint>): string {
  const m = o.summary.metrics;
  const t = m.test;
  const f = (v: unknown): string => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : '—');
  const lines: string[] = [];
  if (m.task === 'regress') {
    const b = m.baselines.mean ?? {};
    lines.push(`${c.bold('test')}  RMSE ${c.green(f(t.rmse))}  MAE ${f(t.mae)}  MAPE ${f(t.mape)}%  R² ${c.green(f(t.r2))}   (mean baseline: RMSE ${f(b.rmse)})`);
  } else {
    const b = m.baselines.majority ?? {};
    lines.push(`${c.bold('test')}  accuracy ${c.green(f(t.accuracy))}  macro F1 ${f(t.macro_f1)}   (majority baseline: accuracy ${f(b.accuracy)})`);
  }
  lines.push(`${c.bold('trained')} ${m.train.epochs} epochs (best ${m.train.best_epoch}) in ${m.train.seconds}s`);
  lines.push(`${c.bold('run folder')} ${dir}  (report.md, metrics.json, predictions.csv, model.nnm.json)`);
  return `${lines.join('\n')}\n`;
}

