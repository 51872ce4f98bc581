// The test metrics of a tabular run, in original units: the ensemble's predictions on the test part,
// scored against the classical baselines (majority / mean, logistic / linear regression, 5-NN).

import { regressionMetrics } from '../../metrics/regression.js';
import { classificationBaselineRuns, regressionBaselineRuns } from '../../metrics/tabular-baselines.js';
import { toCsv } from '../../report/csv.js';
import type { TestPredictions } from '../../report/types.js';
import type { JobContext } from '../context.js';
import { type Ensemble, predictEnsemble } from '../../train/ensemble.js';
import { classificationOutputs, rowIds } from '../outputs.js';
import type { TestPart } from './test-part.js';
import type { TabularData, TabularPrepared } from './train.js';

export interface TabularTested {
  test: Record<string, unknown>;
  baselines: Record<string, Record<string, unknown>>;
  predCsv: string;
  predictions: TestPredictions;
}

/** The network and the baselines on the test part; classes is empty for regression. */
export function testMetrics(
  d: TabularData,
  part: TestPart,
  prep: TabularPrepared,
  ens: Ensemble,
  classes: string[],
  ctx: JobContext,
): TabularTested {
  const classify = classes.length > 0;
  const out = predictEnsemble(ens.members, prep.testSet.x, prep.testSet.n, classify);
  const { ids, header } = rowIds(part.testTable, d.schema, part.testRows);
  if (classify) {
    const { testSet, trainSet, pipeline } = prep;
    const { test, csv: predCsv, predictions } = classificationOutputs(out, testSet.y, classes, ids, header);
    const runs = classificationBaselineRuns(trainSet, testSet, pipeline.inputSize, classes);
    const baselines = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, { ...v.metrics }]));
    if (ctx.variant?.baselineRows)
      predictions.baselines = Object.fromEntries(
        Object.entries(runs).map(([k, v]) => [k, Array.from(v.pred, (c) => classes[c])]),
      );
    return { test, baselines, predCsv, predictions };
  }
  return regressionTest(part, prep, out, ids, header, ctx);
}

/** Regression: predictions and targets unscaled to original units before scoring. */
function regressionTest(
  part: TestPart,
  prep: TabularPrepared,
  out: Float32Array,
  ids: ReturnType<typeof rowIds>['ids'],
  idHeader: string,
  ctx: JobContext,
): TabularTested {
  const { testSet, trainSet, pipeline } = prep;
  const tg = pipeline.target;
  if (tg.kind !== 'scaled') throw new Error('regression target must be scaled');
  const unscale = (z: number): number => z * tg.std + tg.mean;
  const yTrue = Float64Array.from(testSet.y, unscale);
  const yPred = Float64Array.from(out, unscale);
  const test = { ...regressionMetrics(yTrue, yPred) };
  const runs = regressionBaselineRuns(trainSet, testSet, pipeline.inputSize, unscale);
  const baselines = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, { ...v.metrics }]));
  const predCsv = toCsv(
    [idHeader, 'actual', 'predicted'],
    Array.from(part.testRows, (_, i) => [ids[i], yTrue[i], yPred[i]]),
  );
  const predictions: TestPredictions = { actual: Array.from(yTrue), predicted: Array.from(yPred) };
  if (ctx.variant?.baselineRows)
    predictions.baselines = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, Array.from(v.pred)]));
  return { test, baselines, predCsv, predictions };
}
