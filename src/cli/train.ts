// `nnm train`: flags (over an optional config file) -> TrainSpec -> the job for the task -> run folder.

import { Command, Option } from 'commander';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { loadConfigFile } from '../config/config-file.js';
import { type OptionDef, toTrainSpec, TRAIN_OPTIONS, type TrainSpec } from '../config/options.js';
import { DEFAULT_MODEL, type ModelKind, MODELS_FOR_TASK, type Task } from '../config/tasks.js';
import { type TableReader, tableReader } from '../data/read.js';
import { UserError } from '../errors.js';
import { checkRunFolder, defaultRunFolder, prepareRunFolder, writeAtomic } from '../report/files.js';
import { systemFontDirs } from '../report/figures/fonts.js';
import type { RunOutput } from '../report/types.js';
import { SUMMARY_FILE, summaryJson, writeMarkdownDocx, writeReport } from '../report/write-report.js';
import { runForecastJob } from '../train/forecast-job.js';
import { isFolder } from '../data/image-folder.js';
import { runImageJob } from '../train/image-job.js';
import { runTabularJob } from '../train/tabular-job.js';
import { runTextJob } from '../train/text-job.js';
import { runClusterJob } from '../train/cluster-job.js';
import { addManyRunAnalysis } from '../train/analysis.js';
import { assertFiniteOutput } from '../train/finite.js';
import type { JobContext } from '../train/context.js';
import { isLayerKind } from '../engine/layers/registry.js';
import { type Io, paint } from './io.js';
import { runJobThread } from './job-thread.js';
import { progressFor } from './progress.js';

export interface CliState {
  exitCode: number;
  stopFlag: { stop: boolean };
  /** The arguments as typed (after `nnm`), for the report's reproducibility block. */
  argv: string[];
  /**
   * Set when main handles SIGINT (the real binary, not in-process tests): the same stop flag in
   * shared memory (Int32, 1 = stop); training then runs on a worker thread that polls it.
   */
  sharedStop?: Int32Array;
  /** Installs main's Ctrl-C handler for the rest of a train run; returns its remover. */
  watchInterrupts?: () => () => void;
}

export function trainCommand(io: Io, state: CliState): Command {
  const cmd = new Command('train')
    .description('train a neural network on a CSV file and write metrics, predictions, the model and a report')
    .argument('<data>', 'CSV/TSV file (UTF-8 or GBK; , ; or tab separated) or an .xlsx workbook');
  for (const def of Object.values(TRAIN_OPTIONS) as (OptionDef | null)[]) {
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
  nnm train survey.xlsx --sheet 2023 --target score
  nnm train sales.csv --task forecast --target sales --covariates price,temp --horizon 6
  nnm train sample-data/digits8x8.csv --task image        a CNN on 8x8 pixel columns (图像)
  nnm train photos/ --task image --image-size 32         one sub-folder of PNG/JPEG images per class`);
  cmd.action(async (data: string, flags: Record<string, unknown>, command: Command) => {
    await runTrain(specFromFlags(data, flags, command), io, state);
  });
  return cmd;
}

/** The train options of a command (flags over an optional --config file), parsed into a TrainSpec. */
export function specFromFlags(data: string, flags: Record<string, unknown>, command: Command): TrainSpec {
  const raw: Record<string, unknown> = {};
  if (typeof flags.config === 'string') Object.assign(raw, loadConfigFile(flags.config));
  for (const key of Object.keys(TRAIN_OPTIONS)) {
    const src = command.getOptionValueSource(key);
    if (src === 'cli' || (src === 'default' && raw[key] === undefined)) raw[key] = flags[key];
  }
  raw.data = data;
  return toTrainSpec(raw);
}

export async function runTrain(spec: TrainSpec, io: Io, state: CliState): Promise<RunOutput> {
  const c = paint(io);
  const note = (msg: string): void => {
    if (!spec.quiet) io.err(`${c.dim('nnm:')} ${msg}\n`);
  };
  const task: Task | undefined = spec.task;
  if (task && spec.model !== 'auto' && !MODELS_FOR_TASK[task].includes(spec.model)) {
    throw new UserError({ message: `--model ${spec.model} cannot do the ${task} task`, hint: `use --model ${MODELS_FOR_TASK[task].join(' or ')} for ${task}` });
  }
  if (task === 'cluster' && (spec.cv || spec.repeats)) {
    throw new UserError({ message: '--cv and --repeats apply to classify, regress and forecast, not to cluster', hint: 'drop them, or compare seeds with --seed' });
  }
  const imageJob = wantsImageJob(spec, task);
  if ((task === 'text' || imageJob) && spec.cv) {
    throw new UserError({ message: `--cv applies to classify, regress and forecast, not yet to ${imageJob ? 'image' : 'text'}`, hint: 'use --repeats N to see the spread over seeds' });
  }
  const dir = spec.out ?? defaultRunFolder(spec.data, spec.model === 'auto' ? (imageJob ? 'cnn' : task ? DEFAULT_MODEL[task] : 'mlp') : spec.model, io.now());
  const readTable = imageJob && isFolder(spec.data) ? tableReaderForFolder : await tableReader([spec.data, spec.test], spec.sheet);
  // NOTE: checked now, created only when the job has succeeded, so a failed run leaves no empty folder.
  checkRunFolder(dir, spec.force);
  const unwatch = state.watchInterrupts?.() ?? (() => {});
  try {
    return await trainAndWrite(spec, task, { dir, readTable, note }, io, state);
  } finally {
    unwatch();
  }
}

async function trainAndWrite(
  spec: TrainSpec, task: Task | undefined, run: { dir: string; readTable: TableReader; note: (msg: string) => void }, io: Io, state: CliState,
): Promise<RunOutput> {
  const c = paint(io);
  const { dir, readTable, note } = run;
  const progress = progressFor(io, spec.quiet, state.stopFlag);
  const command = ['nnm', ...state.argv].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ');
  const ctx: JobContext = { note, listener: progress.listener, command, readTable };
  let output: RunOutput;
  try {
    output = state.sharedStop
      ? await runJobThread({ spec, task, command, stop: state.sharedStop.buffer as SharedArrayBuffer }, progress.listener, note, progress.onLoad)
      : computeRun(spec, task, ctx);
  } finally {
    progress.stop();
  }
  assertFiniteOutput(output);
  prepareRunFolder(dir, spec.force);
  const metricsJson = `${JSON.stringify(output.summary.metrics, null, 2)}\n`;
  for (const [name, content] of Object.entries(output.files)) writeAtomic(resolve(dir, name), content);
  writeAtomic(resolve(dir, 'metrics.json'), metricsJson);
  writeAtomic(resolve(dir, 'config.json'), `${JSON.stringify(output.config, null, 2)}\n`);
  writeAtomic(resolve(dir, SUMMARY_FILE), summaryJson(output.summary));
  // NOTE: a cluster run keeps the report.md its job wrote (the report writer's document covers networks).
  if (output.summary.task !== 'cluster') {
    const report = await writeReport(dir, output.summary, spec.lang, fontDirs());
    for (const n of report.notes) note(n);
  } else await writeMarkdownDocx(dir, output.files['report.md'] ?? '', spec.lang);
  if (spec.json) io.out(metricsJson);
  if (!spec.quiet) io.err(summaryLines(output, dir, c));
  return output;
}

/** The job, then the --cv/--repeats analysis unless the user stopped training (Ctrl-C). */
export function computeRun(spec: TrainSpec, task: Task | undefined, ctx: JobContext): RunOutput {
  const output = runJob(spec, task, ctx);
  if ((spec.cv || spec.repeats) && !output.summary.metrics.train.interrupted) {
    addManyRunAnalysis(output, spec, (s, variant) => runJob(s, task, { ...ctx, note: () => {}, variant }), ctx.note);
  }
  return output;
}


/** No task named: a folder of images, --model cnn or an image/signal option mean the image/signal job. */
export function wantsImageJob(spec: TrainSpec, task: Task | undefined): boolean {
  const imageHint = spec.model === 'cnn' || spec.imageShape !== undefined || spec.imageSize !== undefined || spec.sequenceColumns !== undefined;
  return task === 'image' || (task === undefined && (isFolder(spec.data) || imageHint));
}

/** A folder of images is read by the image job itself, not as a table. */
const tableReaderForFolder = (file: string): never => {
  throw new UserError({ file, message: 'is a folder, not a data file', hint: 'give a .csv file (a folder of images needs --task image)' });
};

export function runJob(spec: TrainSpec, task: Task | undefined, ctx: JobContext): RunOutput {
  if (wantsImageJob(spec, task)) return runImageJob(spec, task === 'image' ? 'image' : 'auto', ctx);
  switch (task) {
    case undefined:
    case 'classify':
    case 'regress':
      return runTabularJob(spec, task, ctx);
    case 'forecast':
      return runForecastJob(spec, spec.model === 'auto' ? forecastDefault() : spec.model, ctx);
    case 'text':
      return runTextJob(spec, spec.model === 'auto' ? DEFAULT_MODEL.text : spec.model, ctx);
    case 'cluster':
      return runClusterJob(spec, ctx);
    case 'image':
      return runImageJob(spec, 'image', ctx);
    default: {
      const never: never = task;
      throw new Error(`unknown task ${String(never)}`);
    }
  }
}

/** LSTM when this build has the layer (DESIGN: forecast -> lstm), else the MLP forecaster. */
function forecastDefault(): ModelKind {
  return isLayerKind(DEFAULT_MODEL.forecast) ? DEFAULT_MODEL.forecast : 'mlp';
}

function summaryLines(o: RunOutput, dir: string, c: ReturnType<typeof paint>): string {
  const m = o.summary.metrics;
  const t = m.test;
  const f = (v: unknown): string => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : '—');
  const lines: string[] = [];
  if (m.task === 'cluster') {
    const b = m.baselines.kmeans ?? {};
    lines.push(`${c.bold('clusters')} ${f(t.clusters)}  silhouette ${c.green(f(t.silhouette))}  Davies-Bouldin ${f(t.davies_bouldin)}   (k-means: ${f(b.silhouette)} / ${f(b.davies_bouldin)})`);
  } else if (m.task === 'forecast') {
    const one = t.one_step as Record<string, number>;
    const multi = t.multi_step as Record<string, number>;
    const sn = (m.baselines.seasonal_naive ?? m.baselines.naive) as Record<string, Record<string, number>>;
    lines.push(`${c.bold('test')}  one-step RMSE ${c.green(f(one.rmse))}  multi-step RMSE ${c.green(f(multi.rmse))}  MAPE ${f(multi.mape)}%   (${m.baselines.seasonal_naive ? 'seasonal naive' : 'naive'}: ${f(sn.one_step.rmse)} / ${f(sn.multi_step.rmse)})`);
  } else if (m.task === 'regress') {
    const b = m.baselines.mean ?? {};
    lines.push(`${c.bold('test')}  RMSE ${c.green(f(t.rmse))}  MAE ${f(t.mae)}  MAPE ${f(t.mape)}%  R² ${c.green(f(t.r2))}   (mean baseline: RMSE ${f(b.rmse)})`);
  } else {
    const b = m.baselines.majority ?? {};
    lines.push(`${c.bold('test')}  accuracy ${c.green(f(t.accuracy))}  macro F1 ${f(t.macro_f1)}   (majority baseline: accuracy ${f(b.accuracy)})`);
  }
  if (m.task !== 'cluster') lines.push(`${c.bold('trained')} ${m.train.epochs} epochs (best ${m.train.best_epoch}) in ${m.train.seconds}s`);
  lines.push(`${c.bold('run folder')} ${dir}  (report.html, report.md, report.docx, figures/, tables/, metrics.json, predictions.csv, model.nnm.json)`);
  return `${lines.join('\n')}\n`;
}

/** Where to look for a CJK font for the PNG figures on this machine. */
export function fontDirs(): string[] {
  return systemFontDirs(process.platform, process.env, homedir());
}
