// The tabular task (classify and regress with an MLP) as a runner of the registry.

import { NETWORK_REPORT } from '../../report/part.js';
import { tableOf, type TaskRunner } from '../types.js';
import { applyTabular, evaluateTabular } from './apply.js';
import { runTabularJob } from './train.js';

export const tabularRunner: TaskRunner<'tabular'> = {
  tasks: ['classify', 'regress'],
  reads: 'table',
  train: (spec, task, ctx) => runTabularJob(spec, task === 'regress' ? 'regress' : 'classify', ctx),
  apply: (m, input) => applyTabular(m, tableOf(input, 'tabular apply')),
  evaluate: (m, input) => evaluateTabular(m, tableOf(input, 'tabular evaluate')),
  folds: { cv: { ok: true }, repeats: { ok: true }, tune: { ok: true } },
  report: NETWORK_REPORT,
};
