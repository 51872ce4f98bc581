#!/usr/bin/env node
// Launcher: the CLI is compiled from src/ to dist/ by `npm ci` / `npm run build` (the `prepare` script).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
