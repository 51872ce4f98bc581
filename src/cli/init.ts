// `nnm init DIR --template NAME`: start a project folder from templates/<name>/ (data, config,
// README, paper skeleton). `nnm init --list` lists the templates.

import { Command } from 'commander';
import { UserError } from '../errors.js';
import { copyTemplate, listTemplates } from '../report/templates.js';
import { type Io, paint } from './io.js';

export function initCommand(io: Io): Command {
  return new Command('init')
    .description(
      'create a project folder from a template: sample data, nnm.config.json, README and a LaTeX paper skeleton',
    )
    .argument('[dir]', 'folder to create (must be empty unless --force)')
    .option('--template <name>', 'template name (see --list)', 'classify')
    .option('--list', 'list the templates and exit', false)
    .option('--force', 'copy into a non-empty folder, replacing files of the same name', false)
    .option('--debug', 'show stack traces', false)
    .addHelpText(
      'after',
      `
Examples:
  nnm init --list
  nnm init my-project --template classify
  nnm init 回归项目 --template regress && cd 回归项目`,
    )
    .action((dir: string | undefined, flags: { template: string; list: boolean; force: boolean }) => {
      const c = paint(io);
      if (flags.list) {
        const all = listTemplates();
        const w = Math.max(...all.map((t) => t.name.length));
        for (const t of all) io.out(`${t.name.padEnd(w)}  ${t.description}\n`);
        return;
      }
      if (!dir)
        throw new UserError({
          message: 'no folder given',
          hint: 'e.g. nnm init my-project --template classify (nnm init --list shows the templates)',
        });
      const files = copyTemplate(flags.template, dir, flags.force);
      const t = listTemplates().find((x) => x.name === flags.template.toLowerCase());
      io.err(`${c.dim('nnm:')} created ${dir} from the ${t?.name} template: ${files.join(', ')}\n`);
      io.out(
        `next:\n  cd ${/\s/.test(dir) ? JSON.stringify(dir) : dir}\n${t?.command ? `  ${t.command}\n` : ''}  (README.md says what comes out)\n`,
      );
    });
}
