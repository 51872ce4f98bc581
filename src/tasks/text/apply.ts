// Apply / evaluate a text classifier: the saved tokenizer encodes the text column (unknown tokens
// read as unknown and counted), the ensemble's probabilities are averaged.

import type { RawTable } from '../../data/load.js';
import { isMissing, looksLikeIdName } from '../../data/schema.js';
import { encodeTexts } from '../../data/text.js';
import { UserError } from '../../errors.js';
import { argmaxRows, classificationMetrics } from '../../metrics/classification.js';
import { predictEnsemble } from '../../train/ensemble.js';
import type { Evaluation, LoadedModelOf, Predictions } from '../model.js';

type Model = LoadedModelOf<'text'>;

export function applyText(m: Model, t: RawTable): Predictions {
  const p = m.pipeline;
  const c = t.names.indexOf(p.column);
  if (c < 0)
    throw new UserError({
      file: t.file,
      message: `is missing the text column "${p.column}" the model was trained on`,
      hint: 'add the column with the same header name',
    });
  const unknown = { count: 0 };
  const x = encodeTexts(p.tokenizer, t.columns[c], unknown);
  const probs = predictEnsemble(m.members, x, t.nRows, true);
  const pred = argmaxRows(probs, t.nRows, p.classes.length);
  const targetIndex = t.names.indexOf(p.target);
  const idIndex = t.names.findIndex((n) => looksLikeIdName(n));
  const notes = unknown.count ? [`${unknown.count} token(s) are not in the training vocabulary (read as unknown)`] : [];
  return {
    task: 'text',
    idHeader: idIndex >= 0 ? t.names[idIndex] : 'row',
    ids: Array.from({ length: t.nRows }, (_, r) => (idIndex >= 0 ? t.columns[idIndex][r] : r + 1)),
    ...(targetIndex >= 0 ? { actual: [...t.columns[targetIndex]] } : {}),
    predicted: Array.from(pred, (k) => p.classes[k]),
    classes: p.classes,
    probabilities: probs,
    notes,
  };
}

export function evaluateText(m: Model, t: RawTable): Evaluation {
  const pr = applyText(m, t);
  const classes = pr.classes ?? [];
  if (!pr.actual)
    throw new UserError({
      file: t.file,
      message: `has no target column "${m.pipeline.target}"`,
      hint: 'evaluate needs the labelled column the model was trained on',
    });
  const keep = pr.actual.map((a, i) => [a, i] as const).filter(([a]) => !isMissing(String(a)));
  const truth = keep.map(([a, i]) => {
    const k = classes.indexOf(String(a));
    if (k < 0)
      throw new UserError({
        file: t.file,
        row: i + 2,
        message: `class "${String(a)}" does not occur in the training rows`,
        hint: `known classes: ${classes.join(', ')}`,
      });
    return k;
  });
  const pred = keep.map(([, i]) => classes.indexOf(String(pr.predicted[i])));
  return {
    task: m.task,
    rows: t.nRows,
    evaluatedRows: keep.length,
    test: { ...classificationMetrics(truth, pred, classes) },
    notes: pr.notes,
  };
}
