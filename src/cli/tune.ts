// `nnm tune <data>`: random search over hidden sizes, learning rate, dropout (and window for
// forecasts), each scored by K-fold cross-validation; progress on stderr, a leaderboard on stdout
// (or JSON with --json), and the best configuration as a config file for `nnm train --config`.

import { UserError } from '../errors.js';
import type { TableReader } from '../data/read.js';
import { Command, Option } from 'commander';
import { int, type OptionDef, TRAIN_OPTIONS, type TrainSpec } from '../config/options.js';
import { checkWritable, writeAtomic } from '../report/files.js';
import { describeCandidate, runTune, type TuneResult } from '../analysis/tune.js';
import { decideTask, decisionNote } from '../tasks/infer.js';
import { runnerFor } from '../tasks/registry.js';
import { resolveSpec, runTask } from '../tasks/run.js';
import { type Io, paint } from './io.js';
import { type CliState, readerFor, specFromFlags } from './train.js';

// Train options that make no sense for a search (it writes no run folder and always cross-validates).
// NOTE: --force here overwrites an existing --save file; --test is left out: tuning scores folds of
// the training part, and `nnm train --config FILE --test T` then tests on T.
const SKIP = new Set<keyof TrainSpec>(['out', 'repeats', 'sensitivity', 'test', 'clusters']);

export function tuneCommand(io: Io, state: CliState): Command {
  const cmd = new Command('tune')
    .description(
      'search hidden sizes, learning rate, dropout (and window) by cross-validation; write the best as a config file',
    )
    .argument('<data>', 'CSV/TSV file, as for train');
  for (const [key, def] of Object.entries(TRAIN_OPTIONS) as [keyof TrainSpec, OptionDef | null][]) {
    if (!def || SKIP.has(key)) continue;
    const help =
      key === 'cv' ? 'folds per candidate (default: 3)' : def.auto ? `${def.help} (default: ${def.auto})` : def.help;
    const opt = new Option(def.flags, help);
    if (def.default !== undefined && typeof def.default !== 'boolean') opt.default(def.default);
    cmd.addOption(opt);
  }
  cmd.addOption(new Option('--trials <n>', 'candidates to try, the first being the defaults').default('12'));
  cmd.addOption(
    new Option('--save <file>', 'where to write the best configuration (JSON for nnm train --config)').default(
      'nnm-tuned.json',
    ),
  );
  cmd.addHelpText(
    'after',
    `
Examples:
  nnm tune sample-data/iris.csv --trials 8           then: nnm train sample-data/iris.csv --config nnm-tuned.json
  nnm tune sales.csv --task forecast --cv 3 --save best.json`,
  );
  cmd.action(async (data: string, flags: Record<string, unknown>, command: Command) => {
    const spec = specFromFlags(data, flags, command);
    const trials = int(1, 500)(flags.trials, 'trials');
    checkWritable(String(flags.save), spec.force);
    const readTable = await readerFor(spec);
    const result = runTuneCli(spec, trials, String(flags.save), io, state, readTable);
    if (spec.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
    else io.out(leaderboard(result));
  });
  return cmd;
}

function runTuneCli(
  spec0: TrainSpec,
  trials: number,
  save: string,
  io: Io,
  state: CliState,
  readTable: TableReader,
): TuneResult {
  const c = paint(io);
  const say = (msg: string): void => {
    if (!spec.quiet) io.err(`${c.dim('nnm tune:')} ${msg}\n`);
  };
  const d = decideTask(spec0, readTable);
  const spec = resolveSpec(spec0, d);
  const task = d.task;
  const support = runnerFor(task).folds.tune;
  if (!support.ok) throw new UserError({ file: spec.data, message: support.reason, hint: support.hint });
  const why = decisionNote(d);
  if (why) say(why);
  say(
    `${trials} candidate(s) for ${task}, each scored by ${spec.cv ?? 3}-fold ${task === 'forecast' ? 'backtest' : 'cross-validation'} with ${spec.ensemble ?? 1} network(s) per fold`,
  );
  const quiet = { note: () => {}, listener: { shouldStop: () => state.stopFlag.stop }, command: '', readTable };
  const result = runTune(spec, task, trials, (s, variant) => runTask(s, task, { ...quiet, variant }), say);
  const best = result.best.params;
  const config: Record<string, unknown> = { task, seed: spec.seed };
  for (const key of [
    'target',
    'features',
    'date',
    'horizon',
    'epochs',
    'batchSize',
    'optimizer',
    'patience',
    'ensemble',
    'weightDecay',
    'testSize',
    'testPeriods',
    'valSize',
    'model',
  ] as const) {
    if (spec[key] !== undefined && !(key === 'model' && spec.model === 'auto')) config[key] = spec[key];
  }
  if (best.hidden) config.hidden = best.hidden;
  if (best.lr !== undefined) config.lr = best.lr;
  if (best.dropout !== undefined) config.dropout = best.dropout;
  if (best.window !== undefined) config.window = best.window;
  else if (spec.window !== undefined) config.window = spec.window;
  if (result.tunedOn) config.tunedOn = result.tunedOn;
  writeAtomic(save, `${JSON.stringify(config, null, 2)}\n`);
  say(
    `best: trial ${result.best.trial} (${describeCandidate(best)}), ${result.metric} ${result.best.score.toPrecision(4)}; written to ${save} (nnm train ${spec.data} --config ${save})`,
  );
  say(
    `every fold was cut from the training part of the split nnm train makes with seed ${spec.seed}${task === 'forecast' ? ' (the backtests end before its test periods)' : ''}; the best fold score is optimistic (it was selected on the same folds): nnm train ${spec.data} --config ${save} scores it on the held-out test part`,
  );
  return result;
}

function leaderboard(r: TuneResult): string {
  const L = [
    `| rank | trial | hidden | lr | dropout |${r.task === 'forecast' ? ' window |' : ''} ${r.metric} (mean ± std, ${r.folds} folds) | seconds |`,
    `|---:|---:|---|---:|---:|${r.task === 'forecast' ? '---:|' : ''}---:|---:|`,
    ...r.trials.map(
      (t, i) =>
        `| ${i + 1} | ${t.trial} | ${t.params.hidden?.join(',') ?? 'auto'} | ${t.params.lr ?? 'auto'} | ${t.params.dropout ?? 'auto'} |${r.task === 'forecast' ? ` ${t.params.window ?? 'auto'} |` : ''} ${t.score.toPrecision(4)} ± ${t.std.toPrecision(2)} | ${t.seconds.toFixed(1)} |`,
    ),
  ];
  return `${L.join('\n')}\n`;
}
