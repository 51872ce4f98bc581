// The English message catalogue. Its shape is the `Messages` type, so the Chinese catalogue must
// provide every entry with the same signature (a missing or misspelt message fails to compile).
// Inline markup: `code` and **bold** only (rendered by markdown.ts and html.ts). The entries live in
// one part file per report section (en/), combined here in the report's order.

import { enDataMethod } from './en/data-method.js';
import { enResults } from './en/results.js';
import { enTables } from './en/tables.js';

export const en = {
  lang: 'en' as 'en' | 'zh',
  title: (model: string, task: string, target: string) => `nnm report: ${model} ${task} of \`${target}\``,
  interrupted: '**Interrupted**: training was stopped by the user; the best model so far was kept.',
  h: {
    data: '1 Data',
    audit: '1.1 Data audit',
    preprocessing: '1.2 Preprocessing',
    method: '2 Method',
    network: '2.1 Network structure',
    hyper: '2.2 Hyperparameters',
    results: '3 Results (test part)',
    figures: '3.1 Figures',
    repro: '4 Reproducibility',
  },
  ...enDataMethod,
  ...enTables,
  ...enResults,
};

export type Messages = typeof en;
