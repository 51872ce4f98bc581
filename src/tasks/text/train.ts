// The text job (--task text): a text column tokenised (characters for Chinese, words otherwise),
// Embedding -> LSTM/GRU/RNN -> Dense(classes), the same split, metrics and outputs as classification.
// Steps: read the columns -> split -> tokenise -> train the members -> test; train-output.ts builds the run output.

import type { TrainSpec } from '../../config/options.js';
import type { ModelKind } from '../../config/tasks.js';
import { findColumn, inferSchema, isMissing, type Schema } from '../../data/schema.js';
import type { RawTable } from '../../data/load.js';
import { kFolds, type Split, splitRows } from '../../data/split.js';
import { sortLevels } from '../../data/tabular.js';
import { encodeTexts, fitTokenizer, type Tokenizer } from '../../data/text.js';
import { type TextColumns, type TextParts, textParts } from '../../data/text-parts.js';
import { Rng } from '../../engine/rng.js';
import { UserError } from '../../errors.js';
import { majorityClass } from '../../metrics/baselines.js';
import { isTextModel, type TextModel, textLayers } from '../../models/text-net.js';
import type { MetricsJson, RunOutput, TestPredictions } from '../../report/types.js';
import type { JobContext } from '../context.js';
import { type Ensemble, predictEnsemble, subset, trainEnsemble, trainStats } from '../../train/ensemble.js';
import type { Dataset } from '../../train/fit.js';
import { classificationOutputs, rowIds } from '../outputs.js';
import { splitRngOf } from '../split-seed.js';
import { runTextBaselines } from '../../train/text-baselines-run.js';
import { textOutput } from './train-output.js';

export type { TextPipeline } from './train-output.js';

/** The data's text and target columns, its labelled rows and their classes. */
export interface TextData extends TextColumns {
  schema: Schema;
  target: string;
  textCol: string;
  /** Notes for the report (data notes first). */
  notes: string[];
}

/** The tokenizer fitted on the training texts, and both parts encoded with it. */
export interface TextEncoded {
  tokenizer: Tokenizer;
  trainTexts: string[];
  trainSet: Dataset;
  testX: Float32Array;
}

/** The trained members, their validation folds and the hyper-parameters used. */
export interface TextMembers {
  ens: Ensemble;
  folds: Split[];
  hyper: ReturnType<typeof textHyper>;
  units: number;
  nMembers: number;
}

/** Test metrics against the baselines, and the predictions file. */
export interface TextTested {
  metrics: MetricsJson;
  csv: string;
  predictions: TestPredictions;
}

export function runTextJob(spec: TrainSpec, model: ModelKind, ctx: JobContext): RunOutput {
  if (!isTextModel(model)) {
    throw new UserError({
      message: `--model ${model} cannot read text`,
      hint: 'use --model lstm, gru, rnn or fasttext for --task text',
    });
  }
  const d = readTextData(spec, ctx);
  const rng = new Rng(spec.seed);
  const splitRng = splitRngOf(rng, ctx.variant);
  const parts = textParts(d, spec.test ? ctx.readTable(spec.test) : undefined, spec.testSize, spec.seed, splitRng);
  const enc = encodeParts(d, parts, ctx);
  const members = trainMembers(spec, model, d, parts, enc, splitRng, rng, ctx);
  const tested = testMetrics(spec, model, d, parts, enc, members, ctx);
  return textOutput(spec, model, ctx, { d, parts, enc, members, tested });
}

function readTextData(spec: TrainSpec, ctx: JobContext): TextData {
  const table = ctx.readTable(spec.data);
  for (const n of table.notes) ctx.note(n);
  const schema = inferSchema(table);
  const targetIndex = spec.target !== undefined ? findColumn(table, spec.target, '--target') : table.names.length - 1;
  const target = table.names[targetIndex];
  const textIndex = textColumnIndex(spec, table, schema, targetIndex);
  const textCol = table.names[textIndex];
  ctx.note(`text column "${textCol}", target "${target}"`);
  const notes = [...table.notes];
  const all = Int32Array.from({ length: table.nRows }, (_, i) => i);
  const labelled = all.filter((r) => !isMissing(table.columns[targetIndex][r]));
  const emptyText = Array.from(labelled)
    .filter((r) => table.columns[textIndex][r].trim() === '')
    .map((r) => r + 2);
  if (labelled.length > 0 && emptyText.length === labelled.length)
    throw new UserError({
      file: table.file,
      column: textCol,
      message: 'is empty in every labelled row: there is no text to learn from',
      hint: 'name the column that holds the texts with --features COLUMN',
    });
  if (emptyText.length) {
    const msg = `${emptyText.length} row(s) have an empty "${textCol}" cell (first: row ${emptyText[0]}); they are read as empty texts`;
    notes.push(msg);
    ctx.note(msg);
  }
  const classes = sortLevels([...new Set(Array.from(labelled, (r) => table.columns[targetIndex][r]))]);
  if (classes.length < 2)
    throw new UserError({
      file: table.file,
      column: target,
      message: `the target has ${classes.length === 0 ? 'no values' : `one class only ("${classes[0]}")`}`,
      hint: 'a classifier needs at least two classes; check --target',
    });
  const labels = Float32Array.from(labelled, (r) => classes.indexOf(table.columns[targetIndex][r]));
  return { table, schema, targetIndex, target, textIndex, textCol, notes, labelled, labels, classes };
}

/** The one --features column, or the first text (else category or id) column that is not the target. */
function textColumnIndex(spec: TrainSpec, table: RawTable, schema: Schema, targetIndex: number): number {
  if (spec.features) {
    if (spec.features.length !== 1)
      throw new UserError({
        message: '--task text takes one text column in --features',
        hint: 'e.g. --features review',
      });
    return findColumn(table, spec.features[0], '--features');
  }
  const c =
    schema.columns.find((col) => col.type === 'text' && col.index !== targetIndex) ??
    schema.columns.find((col) => (col.type === 'category' || col.type === 'id') && col.index !== targetIndex);
  if (!c)
    throw new UserError({ file: table.file, message: 'has no text column', hint: 'name it with --features COLUMN' });
  return c.index;
}

function encodeParts(d: TextData, parts: TextParts, ctx: JobContext): TextEncoded {
  const trainTexts = Array.from(parts.trainRows, (r) => d.table.columns[d.textIndex][r]);
  const tokenizer = fitTokenizer(trainTexts);
  ctx.note(
    `tokens: ${tokenizer.mode === 'char' ? 'characters' : 'words'}; vocabulary ${tokenizer.vocab.length - 2} (from the training rows) + padding + unknown; sequences of ${tokenizer.length}`,
  );
  const unknown = { count: 0 };
  const trainSet = { x: encodeTexts(tokenizer, trainTexts), y: parts.trainLabels, n: parts.trainRows.length };
  const testX = encodeTexts(tokenizer, parts.testTexts, unknown);
  if (unknown.count)
    d.notes.push(`${unknown.count} token(s) of the test part are not in the training vocabulary (read as <unk>)`);
  return { tokenizer, trainTexts, trainSet, testX };
}

function textHyper(spec: TrainSpec, model: TextModel, units: number, dim: number, T: number, nMembers: number) {
  return {
    model,
    embedding_dim: dim,
    ...(model === 'fasttext' ? {} : { hidden: units }),
    sequence_length: T,
    ensemble: nMembers,
    epochs: spec.epochs ?? 100,
    batch_size: spec.batchSize ?? 16,
    lr: spec.lr ?? 0.005,
    optimizer: spec.optimizer,
    patience: spec.patience ?? 10,
    weight_decay: spec.weightDecay ?? 1e-4,
    dropout: spec.dropout ?? 0,
    clip_norm: 5,
  };
}

function trainMembers(
  spec: TrainSpec,
  model: TextModel,
  d: TextData,
  parts: TextParts,
  enc: TextEncoded,
  splitRng: Rng,
  rng: Rng,
  ctx: JobContext,
): TextMembers {
  const T = enc.tokenizer.length;
  const units = spec.hidden?.[0] ?? 32;
  const dim = 32;
  const layers = textLayers(model, enc.tokenizer.vocab.length, dim, units, d.classes.length, spec.dropout);
  const nMembers = spec.ensemble ?? (parts.trainRows.length <= 2000 ? 3 : 1);
  const positions = Int32Array.from({ length: parts.trainRows.length }, (_, i) => i);
  const folds =
    nMembers > 1
      ? kFolds(positions, nMembers, splitRng, parts.trainLabels)
      : [splitRows(positions, spec.valSize, splitRng, parts.trainLabels)];
  const hyper = textHyper(spec, model, units, dim, T, nMembers);
  const ens = trainEnsemble(
    { inShape: [T], layers },
    folds.map((f) => ({ train: subset(enc.trainSet, f.train, T, 1), val: subset(enc.trainSet, f.test, T, 1) })),
    {
      epochs: hyper.epochs,
      batchSize: hyper.batch_size,
      lr: hyper.lr,
      optimizer: hyper.optimizer,
      patience: hyper.patience,
      weightDecay: hyper.weight_decay,
      loss: 'softmax_cross_entropy',
      clipNorm: hyper.clip_norm,
      plateau: 4,
    },
    rng.fork(),
    ctx.listener,
    ctx.note,
  );
  return { ens, folds, hyper, units, nMembers };
}

function testMetrics(
  spec: TrainSpec,
  model: TextModel,
  d: TextData,
  parts: TextParts,
  enc: TextEncoded,
  m: TextMembers,
  ctx: JobContext,
): TextTested {
  const { classes } = d;
  const testY = parts.testLabels;
  const probs = predictEnsemble(m.ens.members, enc.testX, parts.testRows.length, true);
  const { ids, header } = rowIds(parts.testTable, d.schema, parts.testRows);
  const { test, csv, predictions } = classificationOutputs(probs, testY, classes, ids, header);
  const baselines = runTextBaselines(
    enc.trainTexts,
    parts.trainLabels,
    parts.testTexts,
    testY,
    classes,
    enc.tokenizer.mode,
  );
  if (ctx.variant?.baselineRows)
    predictions.baselines = {
      majority: Array.from(testY, () => classes[majorityClass(parts.trainLabels, classes.length)]),
    };
  const metrics: MetricsJson = {
    task: 'text',
    model,
    data: {
      file: spec.data,
      rows: d.table.nRows,
      train_rows: parts.trainRows.length,
      val_rows: m.folds[0].test.length,
      test_rows: parts.testRows.length,
      classes: classes.length,
      vocabulary: enc.tokenizer.vocab.length,
      tokens: enc.tokenizer.mode,
      sequence_length: enc.tokenizer.length,
    },
    test,
    baselines,
    train: trainStats(m.ens),
  };
  return { metrics, csv, predictions };
}
