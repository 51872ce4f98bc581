// The text task (tokens -> embedding -> recurrent network -> classes) as a runner.

import { DEFAULT_MODEL } from '../../config/tasks.js';
import { NETWORK_REPORT } from '../../report/part.js';
import { tableOf, type TaskRunner } from '../types.js';
import { applyText, evaluateText } from './apply.js';
import { runTextJob } from './train.js';

export const textRunner: TaskRunner<'text'> = {
  tasks: ['text'],
  reads: 'table',
  train: (spec, _task, ctx) => runTextJob(spec, spec.model === 'auto' ? DEFAULT_MODEL.text : spec.model, ctx),
  apply: (m, input) => applyText(m, tableOf(input, 'text apply')),
  evaluate: (m, input) => evaluateText(m, tableOf(input, 'text evaluate')),
  folds: {
    cv: {
      ok: false,
      reason: '--cv applies to classify, regress and forecast, not yet to text',
      hint: 'use --repeats N to see the spread over seeds',
    },
    repeats: { ok: true },
    tune: {
      ok: false,
      reason:
        'nnm tune searches classify, regress and forecast networks, not text yet (its job has no cross-validation)',
      hint: 'train with nnm train --task text, and --repeats N to see the spread over seeds',
    },
  },
  report: NETWORK_REPORT,
};
