#!/usr/bin/env node
// Launcher: the CLI is compiled from src/ to dist/ by `npm ci` / `npm run build` (the `prepare` script).
// The entry point owns the process: it handles Ctrl-C (a second one exits at once) and sets the exit code.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2), undefined, { signals: { exitNow: (code) => process.exit(code) } });
