// The commander program and the ONE place that maps errors to exit codes:
// 0 success; 2 user or data error (one line, no stack unless --debug); 1 internal error; 130 interrupted.

import { Command, CommanderError } from 'commander';
import { nnmVersion } from '../config/version.js';
import { UserError } from '../errors.js';
import { type Io, paint, processIo } from './io.js';
import { evaluateCommand } from './evaluate.js';
import { initCommand } from './init.js';
import { inspectCommand } from './inspect.js';
import { modelsCommand } from './models.js';
import { predictCommand } from './predict.js';
import { reportCommand } from './report.js';
import { type CliState, trainCommand } from './train.js';
import { tuneCommand } from './tune.js';

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const debug = argv.includes('--debug');
  const state: CliState = { exitCode: 0, stopFlag: { stop: false }, argv };
  const program = new Command('nnm')
    .description('nnm: from a CSV to a trained neural network, metrics, predictions and paper-ready output in one command')
    .version(nnmVersion(), '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .addHelpText('after', `
Examples:
  nnm init my-project --template classify     a project folder with data, config and a paper skeleton
  nnm inspect sample-data/iris.csv            column types and the suggested task and model
  nnm train sample-data/iris.csv              train a classifier on the bundled iris data
  nnm train data.csv --task 回归 --target y   regression on column y
  nnm predict runs/iris/model.nnm.json new.csv  predictions from a trained model
  nnm evaluate runs/iris/model.nnm.json labelled.csv
  nnm models --lang zh                        the network families, in Chinese
  nnm report runs/<run> --lang zh             rebuild a run's report in Chinese
  nnm train data.csv --help                   every train option`);
  for (const sub of [trainCommand(io, state), predictCommand(io), evaluateCommand(io), inspectCommand(io), modelsCommand(io), initCommand(io), reportCommand(io), tuneCommand(io, state)]) {
    sub.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
    program.addCommand(sub);
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (e) {
    return errorExit(e, io, debug);
  }
}

function errorExit(e: unknown, io: Io, debug: boolean): number {
  const c = paint(io);
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    return 2; // commander already printed its one-line message
  }
  if (e instanceof UserError) {
    io.err(`${c.red('error:')} ${e.format()}\n`);
    if (debug && e.stack) io.err(`${e.stack}\n`);
    return 2;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.err(`${c.red('internal error:')} ${err.message}\n`);
  io.err(debug && err.stack ? `${err.stack}\n` : 'This is a bug in nnm; rerun with --debug and report the stack trace.\n');
  return 1;
}
