// `nnm report RUN_DIR [--lang zh]`: rebuild report.md, report.html, figures/ and tables/ from the
// run folder's summary.json, without retraining (e.g. to get the Chinese version of a run).

import { Command, Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { choice, LANGS, type Lang } from '../config/options.js';
import { rebuildReport } from '../report/run-folder.js';
import { readSummary } from '../report/write-report.js';
import { type Io, paint } from './io.js';
import { fontDirs } from './train.js';
import { reportOf } from '../tasks/registry.js';

export function reportCommand(io: Io): Command {
  return new Command('report')
    .description('rebuild the report, figures and tables of a run folder without retraining')
    .argument('<run_dir>', 'a run folder written by nnm train')
    .addOption(new Option('--lang <lang>', 'report language: en or zh (default: the language of the run)'))
    .option('--quiet', 'print nothing on success')
    .addHelpText(
      'after',
      `
Examples:
  nnm report runs/iris-mlp-20260102-030405 --lang zh   the Chinese report of an earlier run`,
    )
    .action(async (dir: string, flags: { lang?: string; quiet?: boolean }) => {
      const summary = readSummary(dir);
      const lang: Lang = flags.lang !== undefined ? choice(LANGS)(flags.lang, 'lang') : runLang(dir);
      const r = await rebuildReport(dir, summary, lang, fontDirs(), reportOf(summary.task));
      const c = paint(io);
      for (const n of r.notes) io.err(`${c.dim('nnm:')} ${n}\n`);
      if (!flags.quiet)
        io.err(
          `${c.bold('report')} ${join(dir, 'report.html')}  (${r.files.length} files, figures in ${r.figureSeconds.toFixed(2)}s)\n`,
        );
    });
}

/** The language the run was trained with (config.json), English when unknown. */
function runLang(dir: string): Lang {
  const path = join(dir, 'config.json');
  if (!existsSync(path)) return 'en';
  const lang = (JSON.parse(readFileSync(path, 'utf8')) as { lang?: unknown }).lang;
  return lang === 'zh' ? 'zh' : 'en';
}
