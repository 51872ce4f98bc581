// Apply / evaluate an image (or 1-D signal) model on a pixel CSV or an image folder: the saved
// source layout and scaling are replayed, the ensemble's probabilities averaged.

import { transformImageInputs } from '../../data/image-replay.js';
import { UserError } from '../../errors.js';
import { argmaxRows, classificationMetrics } from '../../metrics/classification.js';
import { predictEnsemble } from '../../train/ensemble.js';
import type { Evaluation, LoadedModelOf, Predictions } from '../model.js';

type Model = LoadedModelOf<'image'>;

export function applyImage(m: Model, path: string): Predictions {
  const p = m.pipeline;
  const inputs = transformImageInputs(p, path);
  const probs = predictEnsemble(m.members, inputs.x, inputs.n, true);
  const pred = argmaxRows(probs, inputs.n, p.classes.length);
  return {
    task: m.task,
    idHeader: inputs.idHeader,
    ids: inputs.ids,
    ...(inputs.labels ? { actual: inputs.labels } : {}),
    predicted: Array.from(pred, (k) => p.classes[k]),
    classes: p.classes,
    probabilities: probs,
    notes: [],
  };
}

export function evaluateImage(m: Model, path: string): Evaluation {
  const pr = applyImage(m, path);
  const classes = pr.classes ?? [];
  if (!pr.actual)
    throw new UserError({
      file: path,
      message: 'has no labels (a label column or class sub-folders)',
      hint: 'evaluate needs labelled data; nnm predict works without labels',
    });
  const truth = pr.actual.map((a, i) => {
    const k = classes.indexOf(String(a));
    if (k < 0)
      throw new UserError({
        file: path,
        row: i + 2,
        message: `class "${String(a)}" does not occur in the training data`,
        hint: `known classes: ${classes.join(', ')}`,
      });
    return k;
  });
  const pred = pr.predicted.map((v) => classes.indexOf(String(v)));
  return {
    task: m.task,
    rows: truth.length,
    evaluatedRows: truth.length,
    test: { ...classificationMetrics(truth, pred, classes) },
    notes: pr.notes,
  };
}
