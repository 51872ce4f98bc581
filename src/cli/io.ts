// Injected I/O: everything a command prints goes through here, so tests run commands in-process.
// Colour is off under NO_COLOR, with TERM=dumb, or when stderr is not a TTY (stdout carries no colour).

import { Chalk, type ChalkInstance } from 'chalk';

export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** stderr is an interactive terminal (progress bars allowed). */
  isTTY: boolean;
  /** The stream a progress bar may draw on (only when isTTY). */
  errStream?: NodeJS.WritableStream;
  color: boolean;
  now(): Date;
}

export function processIo(): Io {
  const isTTY = Boolean(process.stderr.isTTY);
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    isTTY,
    errStream: process.stderr,
    color: isTTY && !noColor && process.env.TERM !== 'dumb',
    now: () => new Date(),
  };
}

export function paint(io: Io): ChalkInstance {
  return new Chalk({ level: io.color ? 1 : 0 });
}
