// `nnm models`: the model families, what each is good for, which task keywords select it (from the
// task registry) and its defaults, in English or Chinese.

import { Command } from 'commander';
import { choice, LANGS, type Lang } from '../config/options.js';
import {
  DEFAULT_MODEL,
  MODEL_KINDS,
  MODELS_FOR_TASK,
  TASK_KEYWORDS,
  TASKS,
  type ModelKind,
  type Task,
} from '../config/tasks.js';
import { MODEL_CATALOG } from '../models/catalog.js';
import { type Io, paint } from './io.js';

export interface ModelRow {
  model: ModelKind;
  name: string;
  good_for: string;
  /** Tasks that pick this model by default, and every keyword/synonym that selects those tasks. */
  default_for: Task[];
  keywords: string[];
  /** Tasks that accept it with --model. */
  also_for: Task[];
  defaults: string;
}

export function modelRows(lang: Lang): ModelRow[] {
  return MODEL_KINDS.map((model) => {
    const info = MODEL_CATALOG[model];
    const defaultFor = TASKS.filter((t) => DEFAULT_MODEL[t] === model);
    return {
      model,
      name: info.name[lang],
      good_for: info.goodFor[lang],
      default_for: defaultFor,
      keywords: Object.keys(TASK_KEYWORDS).filter((k) => defaultFor.includes(TASK_KEYWORDS[k])),
      also_for: TASKS.filter((t) => MODELS_FOR_TASK[t].includes(model) && !defaultFor.includes(t)),
      defaults: info.defaults[lang],
    };
  });
}

const LABELS = {
  en: {
    goodFor: 'good for',
    selected: 'chosen by --task',
    also: 'also with --model for',
    defaults: 'defaults',
    none: '—',
  },
  zh: {
    goodFor: '适用于',
    selected: '由 --task 关键词选用',
    also: '也可用 --model 用于',
    defaults: '默认设置',
    none: '—',
  },
} as const;

export function modelsCommand(io: Io): Command {
  return new Command('models')
    .description('list the network families (MLP, CNN, RNN, LSTM, GRU, SOM, fastText): uses, task keywords, defaults')
    .option('--lang <lang>', 'en or zh', 'en')
    .option('--json', 'print the table as JSON on stdout', false)
    .option('--debug', 'show stack traces', false)
    .addHelpText(
      'after',
      `
Examples:
  nnm models
  nnm models --lang zh`,
    )
    .action((flags: { lang: string; json: boolean }) => {
      const lang = choice(LANGS)(flags.lang, 'lang');
      const rows = modelRows(lang);
      if (flags.json) {
        io.out(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const c = paint(io);
      const L = LABELS[lang];
      for (const r of rows) {
        io.out(`${c.bold(r.model.toUpperCase())}  ${r.name}\n`);
        io.out(`  ${L.goodFor}: ${r.good_for}\n`);
        io.out(
          `  ${L.selected}: ${r.default_for.length ? `${r.default_for.join(', ')} (${r.keywords.join(', ')})` : L.none}\n`,
        );
        if (r.also_for.length) io.out(`  ${L.also}: ${r.also_for.join(', ')}\n`);
        io.out(`  ${L.defaults}: ${r.defaults}\n\n`);
      }
    });
}
