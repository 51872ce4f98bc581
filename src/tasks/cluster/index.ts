// The cluster task (a self-organising map, k-means on its units) as a runner, with its own report.

import { CLUSTER_REPORT } from '../../report/cluster/part.js';
import { tableOf, type TaskRunner } from '../types.js';
import { applyCluster, evaluateCluster } from './apply.js';
import { runClusterJob } from './train.js';

const noFolds = {
  ok: false as const,
  reason: '--cv and --repeats apply to classify, regress and forecast, not to cluster',
  hint: 'drop them, or compare seeds with --seed',
};

export const clusterRunner: TaskRunner<'cluster'> = {
  tasks: ['cluster'],
  reads: 'table',
  train: (spec, _task, ctx) => runClusterJob(spec, ctx),
  apply: (m, input) => applyCluster(m, tableOf(input, 'cluster apply')),
  evaluate: (m, input, o) => evaluateCluster(m, tableOf(input, 'cluster evaluate'), o),
  folds: {
    cv: noFolds,
    repeats: noFolds,
    tune: {
      ok: false,
      reason:
        'nnm tune searches classify, regress and forecast networks, not cluster (a clustering has no held-out score to tune on)',
      hint: 'set the number of clusters with nnm train --task cluster --clusters K',
    },
  },
  report: CLUSTER_REPORT,
};
