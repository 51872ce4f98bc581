// `nnm train`: flags (over an optional config file) -> TrainSpec -> the job for the task -> run folder.

import { Command, Option } from 'commander';
import { homedir } from 'node:os';
import { loadConfigFile } from '../config/config-file.js';
import { type OptionDef, toTrainSpec, TRAIN_OPTIONS, type TrainSpec } from '../config/options.js';
import { DEFAULT_MODEL } from '../config/tasks.js';
import { readOptions, type TableReader, tableReader } from '../data/read.js';
import { UserError } from '../errors.js';
import { defaultRunFolder } from '../report/files.js';
import { checkRunTarget, metricsText, writeRunFolder } from '../report/run-folder.js';
import { systemFontDirs } from '../report/figures/fonts.js';
import type { RunOutput } from '../report/types.js';
import { isFolder } from '../data/image-folder.js';
import { assertFiniteOutput } from '../train/finite.js';
import type { JobContext } from '../tasks/context.js';
import { wantsImage } from '../tasks/infer.js';
import { reportOf } from '../tasks/registry.js';
import { checkSupport, computeRun } from '../tasks/run.js';
import { type Io, paint } from './io.js';
import { runJobThread } from './job-thread.js';
import { progressFor, type StopFlag } from './progress.js';
import { cjkSpacing } from '../report/i18n/spacing.js';
import { noteZh } from '../report/i18n/zh-notes.js';
import { summaryLines } from './summary.js';

export interface CliState {
  exitCode: number;
  stopFlag: StopFlag;
  /** The signal that set stopFlag (the exit code is 128 + its number); SIGINT when unset. */
  stopSignal?: 'SIGINT' | 'SIGTERM' | 'SIGHUP';
  /** The arguments as typed (after `nnm`), for the report's reproducibility block. */
  argv: string[];
  /**
   * Set when main handles SIGINT (the real binary, not in-process tests): the same stop flag in
   * shared memory (Int32, 1 = stop); training then runs on a worker thread that polls it.
   */
  sharedStop?: Int32Array;
  /** Installs main's Ctrl-C / SIGTERM / SIGHUP handler for the rest of a train run; returns its remover. */
  watchInterrupts?: () => () => void;
}

export function trainCommand(io: Io, state: CliState): Command {
  const cmd = new Command('train')
    .description('train a neural network on a CSV file and write metrics, predictions, the model and a report')
    .argument('<data>', 'CSV/TSV file (UTF-8 or GBK; , ; or tab separated) or an .xlsx workbook');
  for (const def of Object.values<OptionDef | null>(TRAIN_OPTIONS)) {
    if (!def) continue;
    const help = def.auto ? `${def.help} (default: ${def.auto})` : def.help;
    const opt = new Option(def.flags, help);
    if (def.default !== undefined && typeof def.default !== 'boolean') opt.default(def.default);
    cmd.addOption(opt);
  }
  cmd.addHelpText(
    'after',
    `
Examples:
  nnm train sample-data/iris.csv                        classify species (last column) with an MLP
  nnm train sample-data/diabetes.csv --target progression --task 回归
  nnm train data.csv --test test.csv --json > metrics.json
  nnm train survey.xlsx --sheet 2023 --target score
  nnm train sales.csv --task forecast --target sales --covariates price,temp --horizon 6
  nnm train sample-data/digits8x8.csv --task image        a CNN on 8x8 pixel columns (图像)
  nnm train photos/ --task image --image-size 32         one sub-folder of PNG/JPEG images per class`,
  );
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
  if (typeof raw.task === 'string') raw.taskWord = raw.task;
  return toTrainSpec(raw);
}

export async function runTrain(spec: TrainSpec, io: Io, state: CliState): Promise<RunOutput> {
  const c = paint(io);
  // NOTE: under --lang zh the notes print in Chinese where report/i18n/zh-notes.ts knows them.
  const note = (msg: string): void => {
    if (!spec.quiet) io.err(`${c.dim('nnm:')} ${spec.lang === 'zh' ? cjkSpacing(noteZh(msg) ?? msg) : msg}\n`);
  };
  // NOTE: what can be checked before reading the data is checked now (the task, when named); the
  // rest follows the task inference in computeRun.
  if (spec.task) checkSupport(spec, spec.task);
  const imageJob = wantsImage(spec);
  const out =
    spec.out ??
    defaultRunFolder(
      spec.data,
      spec.model === 'auto' ? (imageJob ? 'cnn' : spec.task ? DEFAULT_MODEL[spec.task] : 'mlp') : spec.model,
      io.now(),
    );
  // NOTE: checked first (writable, free), written only when the job has succeeded (report/run-folder.ts).
  const target = checkRunTarget(out, spec.force);
  for (const n of target.notes) note(n);
  const dir = target.dir;
  const readTable = await readerFor(spec);
  const unwatch = state.watchInterrupts?.() ?? (() => {});
  try {
    return await trainAndWrite(spec, { dir, readTable, note }, io, state);
  } finally {
    unwatch();
  }
}

async function trainAndWrite(
  spec: TrainSpec,
  run: { dir: string; readTable: TableReader; note: (msg: string) => void },
  io: Io,
  state: CliState,
): Promise<RunOutput> {
  const c = paint(io);
  const { dir, readTable, note } = run;
  const progress = progressFor(io, spec.quiet, state.stopFlag, spec.lang);
  const command = ['nnm', ...state.argv].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ');
  const ctx: JobContext = { note, listener: progress.listener, command, readTable };
  let output: RunOutput;
  try {
    output = state.sharedStop
      ? await runJobThread(
          { spec, command, stop: state.sharedStop.buffer as SharedArrayBuffer },
          progress.listener,
          note,
          progress.onLoad,
        )
      : computeRun(spec, ctx);
  } finally {
    progress.stop();
  }
  assertFiniteOutput(output);
  const written = await writeRunFolder(dir, output, {
    force: spec.force,
    lang: spec.lang,
    fontDirs: fontDirs(),
    part: reportOf(output.summary.task),
  });
  for (const n of written.notes) note(n);
  const metricsJson = metricsText(output);
  if (spec.json) io.out(metricsJson);
  if (!spec.quiet) io.err(summaryLines(output, dir, c, spec.lang));
  return output;
}

/** A folder of images is read by the image job itself, not as a table. */
const tableReaderForFolder = (file: string): never => {
  throw new UserError({
    file,
    message: 'is a folder, not a data file',
    hint: 'give a .csv file (a folder of images needs --task image)',
  });
};

/** The table reader of a run's data and --test file (spreadsheets pre-read); none for an image folder. */
export async function readerFor(spec: TrainSpec): Promise<TableReader> {
  return wantsImage(spec) && isFolder(spec.data)
    ? tableReaderForFolder
    : tableReader([spec.data, spec.test], readOptions(spec));
}

/** Where to look for a CJK font for the PNG figures on this machine. */
export function fontDirs(): string[] {
  return systemFontDirs(process.platform, process.env, homedir());
}
