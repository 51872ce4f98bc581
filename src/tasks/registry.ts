// The task registry: every runner id -> its runner (a mapped type, so a missing one fails to
// compile), and every task -> the runner that trains it. Adding a task = one folder under tasks/
// exporting a TaskRunner, plus one line here (and its id in model.ts's PipelineOf).

import { TASKS, type Task } from '../config/tasks.js';
import { NETWORK_REPORT, type ReportPart } from '../report/part.js';
import { clusterRunner } from './cluster/index.js';
import { forecastRunner } from './forecast/index.js';
import { imageRunner } from './image/index.js';
import type { ApplyOptions, Evaluation, LoadedModel, Predictions, RunnerId } from './model.js';
import { tabularRunner } from './tabular/index.js';
import { textRunner } from './text/index.js';
import type { ApplyInput, Runners } from './types.js';

export const RUNNERS: Runners = {
  tabular: tabularRunner,
  forecast: forecastRunner,
  text: textRunner,
  image: imageRunner,
  cluster: clusterRunner,
};

export const RUNNER_OF_TASK: { [T in Task]: RunnerId } = {
  classify: 'tabular',
  regress: 'tabular',
  forecast: 'forecast',
  image: 'image',
  text: 'text',
  cluster: 'cluster',
};

export type AnyRunner = Runners[RunnerId];

export function runnerFor(task: Task): AnyRunner {
  return RUNNERS[RUNNER_OF_TASK[task]];
}

/** Apply a loaded model with the runner of its pipeline (an exhaustive switch: no casts). */
export function applyLoaded(m: LoadedModel, input: ApplyInput, o: ApplyOptions = {}): Predictions {
  switch (m.runner) {
    case 'tabular':
      return RUNNERS.tabular.apply(m, input, o);
    case 'forecast':
      return RUNNERS.forecast.apply(m, input, o);
    case 'text':
      return RUNNERS.text.apply(m, input, o);
    case 'image':
      return RUNNERS.image.apply(m, input, o);
    case 'cluster':
      return RUNNERS.cluster.apply(m, input, o);
    default: {
      const never: never = m;
      throw new Error(`unknown runner ${JSON.stringify(never)}`);
    }
  }
}

export function evaluateLoaded(m: LoadedModel, input: ApplyInput, o: ApplyOptions = {}): Evaluation {
  switch (m.runner) {
    case 'tabular':
      return RUNNERS.tabular.evaluate(m, input, o);
    case 'forecast':
      return RUNNERS.forecast.evaluate(m, input, o);
    case 'text':
      return RUNNERS.text.evaluate(m, input, o);
    case 'image':
      return RUNNERS.image.evaluate(m, input, o);
    case 'cluster':
      return RUNNERS.cluster.evaluate(m, input, o);
    default: {
      const never: never = m;
      throw new Error(`unknown runner ${JSON.stringify(never)}`);
    }
  }
}

/** The report of a run's task (summary.json holds the task as a string; unknown ones get the network report). */
export function reportOf(task: string): ReportPart {
  return (TASKS as readonly string[]).includes(task) ? runnerFor(task as Task).report : NETWORK_REPORT;
}
