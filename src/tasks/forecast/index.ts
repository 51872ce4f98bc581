// The forecast task (a recurrent or MLP forecaster on a transformed series) as a runner.

import { DEFAULT_MODEL } from '../../config/tasks.js';
import { NETWORK_REPORT } from '../../report/part.js';
import type { TaskRunner } from '../types.js';
import { applyForecast, evaluateForecast } from './apply.js';
import { runForecastJob } from './train.js';

export const forecastRunner: TaskRunner<'forecast'> = {
  tasks: ['forecast'],
  reads: 'optional-table',
  train: (spec, _task, ctx) => runForecastJob(spec, spec.model === 'auto' ? DEFAULT_MODEL.forecast : spec.model, ctx),
  apply: (m, input, o) => applyForecast(m, input.kind === 'table' ? input.table : undefined, o),
  evaluate: (m, input) => {
    if (input.kind !== 'table') throw new Error('forecast evaluate: expected a table');
    return evaluateForecast(m, input.table);
  },
  folds: { cv: { ok: true }, repeats: { ok: true }, tune: { ok: true } },
  report: NETWORK_REPORT,
};
