// `nnm compare <data>`: every listed network × N training seeds plus the task's baselines on the same
// test part (or the same folds with --cv), ranked, with a paired significance test against the best
// (analysis/compare.ts); writes one run folder: compare.csv, compare.json, tables/compare.{tex,md},
// figures/compare_*.{svg,png} and report.md. Progress (model and seed) on stderr.

import { Command, Option } from 'commander';
import { int, type OptionDef, TRAIN_OPTIONS, type TrainSpec } from '../config/options.js';
import { MODEL_KINDS, type ModelKind, type Task } from '../config/tasks.js';
import { UserError } from '../errors.js';
import { type CompareResult, runCompare } from '../analysis/compare.js';
import { compareCsv, compareFigures, compareMarkdown, compareTexts } from '../analysis/compare-files.js';
import { findFonts } from '../report/figures/fonts.js';
import { defaultRunFolder } from '../report/files.js';
import { checkRunTarget, writeFilesFolder } from '../report/run-folder.js';
import { decideTask, decisionNote } from '../tasks/infer.js';
import { checkSupport, resolveSpec, runTask } from '../tasks/run.js';
import { type Io, paint } from './io.js';
import { type CliState, fontDirs, readerFor, specFromFlags } from './train.js';

/** Networks compared by default: a few minutes on 2 cores with the default seeds. */
export const DEFAULT_COMPARE: { [T in Task]: readonly ModelKind[] } = {
  classify: ['mlp'],
  regress: ['mlp'],
  forecast: ['lstm', 'gru', 'mlp'],
  image: ['cnn', 'mlp'],
  text: ['lstm', 'gru'],
  cluster: [],
};

// Train options that a comparison sets itself (the model list, the seeds) or has no use for.
const SKIP = new Set<keyof TrainSpec>(['model', 'repeats', 'sensitivity', 'horizon']);

export function compareCommand(io: Io, state: CliState): Command {
  const cmd = new Command('compare')
    .description(
      'train several networks with several seeds and the baselines on the same test part; rank them with significance tests',
    )
    .argument('<data>', 'CSV/TSV file, as for train');
  for (const [key, def] of Object.entries(TRAIN_OPTIONS) as [keyof TrainSpec, OptionDef | null][]) {
    if (!def || SKIP.has(key)) continue;
    const help =
      key === 'ensemble'
        ? 'networks per seed (default: 1; the seeds are the repetitions)'
        : key === 'out'
          ? 'run folder (default: runs/<data>-compare-<timestamp>)'
          : key === 'json'
            ? 'print compare.json on stdout'
            : def.auto
              ? `${def.help} (default: ${def.auto})`
              : def.help;
    const opt = new Option(def.flags, help);
    if (def.default !== undefined && typeof def.default !== 'boolean') opt.default(def.default);
    cmd.addOption(opt);
  }
  cmd.addOption(
    new Option(
      '--models <list>',
      `networks to compare, comma-separated (${MODEL_KINDS.join(', ')}); default per task: forecast lstm,gru,mlp; image cnn,mlp; text lstm,gru; tables mlp`,
    ),
  );
  cmd.addOption(new Option('--seeds <n>', 'training seeds per network (the test split keeps --seed)').default('5'));
  cmd.addHelpText(
    'after',
    `
Examples:
  nnm compare sample-data/airpassengers.csv                  lstm, gru, mlp and the baselines, 5 seeds each
  nnm compare sample-data/iris.csv --seeds 10 --lang zh
  nnm compare sales.csv --task forecast --models lstm,gru --cv 3`,
  );
  cmd.action(async (data: string, flags: Record<string, unknown>, command: Command) => {
    const spec0 = specFromFlags(data, flags, command);
    const models = typeof flags.models === 'string' ? parseModels(flags.models) : undefined;
    const seeds = int(1, 100)(flags.seeds, 'seeds');
    await runCompareCli(spec0, models, seeds, io, state);
  });
  return cmd;
}

export function parseModels(list: string): ModelKind[] {
  const names = list
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length > 0);
  if (names.length === 0)
    throw new UserError({
      message: '--models is empty',
      hint: `list networks separated by commas, from ${MODEL_KINDS.join(', ')}`,
    });
  for (const n of names) {
    if (!(MODEL_KINDS as readonly string[]).includes(n))
      throw new UserError({ message: `--models: unknown model "${n}"`, hint: `use ${MODEL_KINDS.join(', ')}` });
  }
  return [...new Set(names)] as ModelKind[];
}

async function runCompareCli(
  spec0: TrainSpec,
  models0: ModelKind[] | undefined,
  nSeeds: number,
  io: Io,
  state: CliState,
): Promise<void> {
  const c = paint(io);
  const say = (msg: string): void => {
    if (!spec0.quiet) io.err(`${c.dim('nnm compare:')} ${msg}\n`);
  };
  const readTable = await readerFor(spec0);
  const d = decideTask(spec0, readTable);
  const spec: TrainSpec = { ...resolveSpec(spec0, d), ensemble: spec0.ensemble ?? 1 };
  const task = d.task;
  const models = models0 ?? [...DEFAULT_COMPARE[task]];
  if (models.length === 0)
    throw new UserError({
      file: spec.data,
      message: `nnm compare does not rank ${task} models (no test metric to rank by)`,
      hint: 'use nnm train for clustering',
    });
  for (const model of models) checkSupport({ ...spec, model }, task);
  const target = checkRunTarget(spec.out ?? defaultRunFolder(spec.data, 'compare', io.now()), spec.force);
  const dir = target.dir;
  for (const n of target.notes) say(n);
  const note = decisionNote(d);
  if (note) say(note);
  say(
    `${models.join(', ')} × ${nSeeds} seed(s) and the baselines on the ${task} task${spec.cv ? `, ${spec.cv} folds each` : ''}`,
  );
  const ctx = { note: () => {}, listener: { shouldStop: () => state.stopFlag.stop }, command: '', readTable };
  const result = runCompare(spec, task, models, nSeeds, (s, variant) => runTask(s, task, { ...ctx, variant }), say);
  await writeCompareFolder(dir, result, spec);
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (spec.json) io.out(json);
  else io.out(compareTexts(result, spec.lang).md);
  say(`run folder ${dir}  (compare.csv, compare.json, tables/compare.tex, figures/, report.md)`);
}

async function writeCompareFolder(dir: string, r: CompareResult, spec: TrainSpec): Promise<void> {
  const figs = compareFigures(r, spec.lang);
  const { renderFigures } = await import('../report/figures/render.js');
  const rendered = await renderFigures(figs, findFonts(fontDirs()));
  const { table, tex, md } = compareTexts(r, spec.lang);
  const files: Record<string, string | Uint8Array> = {};
  const put = (name: string, content: string | Uint8Array): void => {
    files[name] = content;
  };
  put('compare.json', `${JSON.stringify(r, null, 2)}\n`);
  put('compare.csv', compareCsv(r));
  put('tables/compare.tex', tex);
  put('tables/compare.md', md);
  for (const f of rendered) {
    put(`figures/${f.id}.svg`, f.svg);
    put(`figures/${f.id}.png`, f.png);
  }
  put('report.md', compareMarkdown(r, spec.lang, table, figs));
  await writeFilesFolder(dir, files, spec.force);
}
