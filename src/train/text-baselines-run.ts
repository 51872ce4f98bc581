// The text task's baselines (metrics/text-baselines.ts) on the job's own training and test texts,
// tokenised as the network reads them (words, or characters for Chinese), for metrics.json `baselines`.

import { tokenize, type Tokenizer } from '../data/text.js';
import { textBaselines } from '../metrics/text-baselines.js';

export function runTextBaselines(
  trainTexts: string[],
  trainY: ArrayLike<number>,
  testTexts: string[],
  testY: ArrayLike<number>,
  classes: string[],
  mode: Tokenizer['mode'],
): Record<string, Record<string, unknown>> {
  const docs = (texts: string[]): string[][] => texts.map((t) => tokenize(t, mode));
  const b = textBaselines(
    docs(trainTexts),
    Int32Array.from(trainY),
    docs(testTexts),
    Int32Array.from(testY),
    classes,
    mode,
  );
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, { ...v }]));
}
