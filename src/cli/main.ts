// The commander program and the ONE place that maps errors to exit codes:
// 0 success; 2 user or data error (one line, no stack unless --debug); 1 internal error;
// 130 / 143 / 129 stopped by SIGINT (Ctrl-C) / SIGTERM / SIGHUP (128 + the signal number).

import { Command, CommanderError } from 'commander';
import { nnmVersion } from '../config/version.js';
import { systemUserError, UserError } from '../errors.js';
import { removePendingTemps } from '../report/files.js';
import { type Io, paint, processIo } from './io.js';
import { evaluateCommand } from './evaluate.js';
import { exportCommand } from './export.js';
import { initCommand } from './init.js';
import { inspectCommand } from './inspect.js';
import { modelsCommand } from './models.js';
import { predictCommand } from './predict.js';
import { reportCommand } from './report.js';
import { type CliState, trainCommand } from './train.js';
import { tuneCommand } from './tune.js';
import { compareCommand } from './compare.js';
import { collectDeadArenas } from './memory.js';

export interface MainOptions {
  /**
   * Handle Ctrl-C (SIGINT): the real binary only, in-process tests leave the process's signals alone.
   * `exitNow` ends the process at a second Ctrl-C (bin/nnm.js passes process.exit: the entry point).
   */
  signals?: { exitNow: (code: number) => void };
}

export async function main(argv: string[], io: Io = processIo(), options: MainOptions = {}): Promise<number> {
  const debug = argv.includes('--debug');
  const state: CliState = { exitCode: 0, stopFlag: { stop: false }, argv };
  const signals = options.signals;
  if (signals) {
    collectDeadArenas(); // the real process (tests run commands in-process and leave V8 alone)
    state.sharedStop = new Int32Array(new SharedArrayBuffer(4));
    state.watchInterrupts = () => watchInterrupts(state, io, signals.exitNow);
  }
  const code = await runProgram(argv, io, state, debug);
  return state.stopFlag.stop && code !== 2 ? SIGNAL_EXIT[state.stopSignal ?? 'SIGINT'] : code;
}

/** The signals that stop training gracefully, and their exit codes (128 + the signal number). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type StopSignal = keyof typeof SIGNAL_EXIT;

/**
 * Ctrl-C (or SIGTERM, SIGHUP) once: training stops after the current batch and the run folder is
 * written with the best weights so far (exit 130 / 143 / 129). Twice: remove the staging folder and
 * temporary files of writes in progress (the run folder is one transaction, so the previous state
 * stays whole) and exit now.
 * NOTE: installed by `nnm train` only for its run (training on a worker thread, then writing):
 * elsewhere the signals keep their default (a sync command could not run a handler until it finished).
 */
function watchInterrupts(state: CliState, io: Io, exitNow: (code: number) => void): () => void {
  const onSignal = (signal: StopSignal): void => {
    if (state.stopFlag.stop) {
      const removed = removePendingTemps();
      io.err(
        `nnm: ${signal === 'SIGINT' ? 'interrupted' : `${signal} received`} again; quit now${removed.length ? ': the run folder was not written (an earlier one is unchanged)' : ''}\n`,
      );
      exitNow(SIGNAL_EXIT[signal]);
      return;
    }
    state.stopFlag.onStop?.();
    state.stopFlag.stop = true;
    state.stopSignal = signal;
    Atomics.store(state.sharedStop!, 0, 1);
    const again = signal === 'SIGINT' ? 'Ctrl-C again' : `${signal} again`;
    io.err(
      `\nnnm: ${signal === 'SIGINT' ? 'interrupted' : `${signal} received`}; finishing the current batch, then writing the run folder with the best weights so far (${again} to quit now)\n`,
    );
  };
  const handlers = (Object.keys(SIGNAL_EXIT) as StopSignal[]).map((sig) => [sig, () => onSignal(sig)] as const);
  for (const [sig, h] of handlers) process.on(sig, h);
  return () => {
    for (const [sig, h] of handlers) process.off(sig, h);
  };
}

async function runProgram(argv: string[], io: Io, state: CliState, debug: boolean): Promise<number> {
  const program = new Command('nnm')
    .description(
      'nnm: from a CSV to a trained neural network, metrics, predictions and paper-ready output in one command',
    )
    .version(nnmVersion(), '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .addHelpText(
      'after',
      `
Examples:
  nnm init my-project --template classify     a project folder with data, config and a paper skeleton
  nnm inspect sample-data/iris.csv            column types and the suggested task and model
  nnm train sample-data/iris.csv              train a classifier on the bundled iris data
  nnm train data.csv --task 回归 --target y   regression on column y
  nnm predict runs/iris/model.nnm.json new.csv  predictions from a trained model
  nnm evaluate runs/iris/model.nnm.json labelled.csv
  nnm models --lang zh                        the network families, in Chinese
  nnm report runs/<run> --lang zh             rebuild a run's report in Chinese
  nnm export runs/iris/model.nnm.json --format onnx   the model as ONNX (Python, MATLAB, onnxruntime)
  nnm train data.csv --help                   every train option`,
    );
  for (const sub of [
    trainCommand(io, state),
    predictCommand(io),
    evaluateCommand(io),
    inspectCommand(io),
    modelsCommand(io),
    initCommand(io),
    reportCommand(io),
    tuneCommand(io, state),
    compareCommand(io, state),
    exportCommand(io),
  ]) {
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
  const sys = systemUserError(e);
  if (sys) return errorExit(sys, io, debug);
  const err = e instanceof Error ? e : new Error(String(e));
  io.err(`${c.red('internal error:')} ${err.message}\n`);
  io.err(
    debug && err.stack ? `${err.stack}\n` : 'This is a bug in nnm; rerun with --debug and report the stack trace.\n',
  );
  return 1;
}
