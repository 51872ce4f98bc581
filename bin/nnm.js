#!/usr/bin/env node
// Launcher: the CLI is compiled from src/ to dist/ by `npm ci` / `npm run build` (the `prepare` script).
// The entry point owns the process: it handles Ctrl-C, SIGTERM and SIGHUP (a second one exits at once) and sets the exit code.
import { main } from '../dist/cli/main.js';

// A reader that closes the pipe early (`nnm predict MODEL data.csv | head`) only ends the output:
// the command still finishes (a run folder is still written), with no stack trace. So does a closed
// terminal (EIO, after SIGHUP).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE' && e.code !== 'EIO' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });
}

process.exitCode = await main(process.argv.slice(2), undefined, { signals: { exitNow: (code) => process.exit(code) } });
