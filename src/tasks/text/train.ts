// The text job (--task text): a text column tokenised (characters for Chinese, words otherwise),
// Embedding -> LSTM/GRU/RNN -> Dense(classes), the same split, metrics and outputs as classification.

import type { TrainSpec } from '../../config/options.js';
import type { ModelKind } from '../../config/tasks.js';
import { nnmVersion } from '../../config/version.js';
import { findColumn, inferSchema, isMissing } from '../../data/schema.js';
import { kFolds, splitRows } from '../../data/split.js';
import { sortLevels } from '../../data/tabular.js';
import { encodeTexts, fitTokenizer, type Tokenizer } from '../../data/text.js';
import { textParts } from '../../data/text-parts.js';
import { Rng } from '../../engine/rng.js';
import { UserError } from '../../errors.js';
import { majorityClass } from '../../metrics/baselines.js';
import { encodeModelFile } from '../../models/model-file.js';
import { isTextModel, textLayers } from '../../models/text-net.js';
import type { MetricsJson, RunOutput } from '../../report/types.js';
import type { JobContext } from '../context.js';
import { predictEnsemble, subset, trainEnsemble, trainStats } from '../../train/ensemble.js';
import { classificationOutputs, dataAudit, historyCsv, resolvedConfig, rowIds } from '../outputs.js';
import { splitRngOf } from '../split-seed.js';
import { runTextBaselines } from '../../train/text-baselines-run.js';

export interface TextPipeline {
  kind: 'text';
  column: string;
  target: string;
  classes: string[];
  tokenizer: Tokenizer;
}

export function runTextJob(spec: TrainSpec, model: ModelKind, ctx: JobContext): RunOutput {
  if (!isTextModel(model)) {
    throw new UserError({
      message: `--model ${model} cannot read text`,
      hint: 'use --model lstm, gru, rnn or fasttext for --task text',
    });
  }
  const table = ctx.readTable(spec.data);
  for (const n of table.notes) ctx.note(n);
  const schema = inferSchema(table);
  const targetIndex = spec.target !== undefined ? findColumn(table, spec.target, '--target') : table.names.length - 1;
  const target = table.names[targetIndex];
  let textIndex: number;
  if (spec.features) {
    if (spec.features.length !== 1)
      throw new UserError({
        message: '--task text takes one text column in --features',
        hint: 'e.g. --features review',
      });
    textIndex = findColumn(table, spec.features[0], '--features');
  } else {
    const c =
      schema.columns.find((col) => col.type === 'text' && col.index !== targetIndex) ??
      schema.columns.find((col) => (col.type === 'category' || col.type === 'id') && col.index !== targetIndex);
    if (!c)
      throw new UserError({ file: table.file, message: 'has no text column', hint: 'name it with --features COLUMN' });
    textIndex = c.index;
  }
  const textCol = table.names[textIndex];
  ctx.note(`text column "${textCol}", target "${target}"`);
  const notes = [...table.notes];
  const all = Int32Array.from({ length: table.nRows }, (_, i) => i);
  const labelled = all.filter((r) => !isMissing(table.columns[targetIndex][r]));
  const emptyText = Array.from(labelled)
    .filter((r) => table.columns[textIndex][r].trim() === '')
    .map((r) => r + 2);
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

  const rng = new Rng(spec.seed);
  const splitRng = splitRngOf(rng, ctx.variant);
  const parts = textParts(
    { table, textIndex, targetIndex, labelled, labels, classes },
    spec.test ? ctx.readTable(spec.test) : undefined,
    spec.testSize,
    spec.seed,
    splitRng,
  );
  const split = { train: parts.trainRows, test: parts.testRows };
  const trainLabels = parts.trainLabels;
  const textsOf = (rows: Int32Array): string[] => Array.from(rows, (r) => table.columns[textIndex][r]);
  const tokenizer = fitTokenizer(textsOf(split.train));
  ctx.note(
    `tokens: ${tokenizer.mode === 'char' ? 'characters' : 'words'}; vocabulary ${tokenizer.vocab.length - 2} (from the training rows) + padding + unknown; sequences of ${tokenizer.length}`,
  );
  const unknown = { count: 0 };
  const T = tokenizer.length;
  const trainSet = { x: encodeTexts(tokenizer, textsOf(split.train)), y: trainLabels, n: split.train.length };
  const testY = parts.testLabels;
  const testX = encodeTexts(tokenizer, parts.testTexts, unknown);
  if (unknown.count)
    notes.push(`${unknown.count} token(s) of the test part are not in the training vocabulary (read as <unk>)`);

  const units = spec.hidden?.[0] ?? 32;
  const dim = 32;
  const layers = textLayers(model, tokenizer.vocab.length, dim, units, classes.length, spec.dropout);
  const nMembers = spec.ensemble ?? (split.train.length <= 2000 ? 3 : 1);
  const positions = Int32Array.from({ length: split.train.length }, (_, i) => i);
  const folds =
    nMembers > 1
      ? kFolds(positions, nMembers, splitRng, trainLabels)
      : [splitRows(positions, spec.valSize, splitRng, trainLabels)];
  const hyper = {
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
  const ens = trainEnsemble(
    { inShape: [T], layers },
    folds.map((f) => ({ train: subset(trainSet, f.train, T, 1), val: subset(trainSet, f.test, T, 1) })),
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

  const probs = predictEnsemble(ens.members, testX, split.test.length, true);
  const { ids, header } = rowIds(parts.testTable, schema, split.test);
  const {
    test,
    csv: predictions,
    predictions: testPredictions,
  } = classificationOutputs(probs, testY, classes, ids, header);
  const baselines = runTextBaselines(
    textsOf(split.train),
    trainLabels,
    parts.testTexts,
    testY,
    classes,
    tokenizer.mode,
  );
  if (ctx.variant?.baselineRows)
    testPredictions.baselines = {
      majority: Array.from(testY, () => classes[majorityClass(trainLabels, classes.length)]),
    };
  const metrics: MetricsJson = {
    task: 'text',
    model,
    data: {
      file: spec.data,
      rows: table.nRows,
      train_rows: split.train.length,
      val_rows: folds[0].test.length,
      test_rows: split.test.length,
      classes: classes.length,
      vocabulary: tokenizer.vocab.length,
      tokens: tokenizer.mode,
      sequence_length: T,
    },
    test,
    baselines,
    train: trainStats(ens),
  };
  const pipeline: TextPipeline = { kind: 'text', column: textCol, target, classes, tokenizer };
  const summary = {
    task: 'text',
    model,
    command: ctx.command,
    seed: spec.seed,
    nnmVersion: nnmVersion(),
    audit: dataAudit(
      spec.data,
      table,
      schema,
      (c) => (c === target ? 'target' : c === textCol ? 'input' : 'unused'),
      [],
      notes,
    ),
    target,
    split: parts.splitText,
    layers: ens.members[0].summary(),
    paramCount: ens.members[0].paramCount,
    hyper,
    history: ens.results[0].history,
    metrics,
    notes,
    inShape: [T],
    predictions: testPredictions,
    splitInfo: parts.testFile
      ? {
          kind: 'file' as const,
          train: split.train.length,
          test: split.test.length,
          val: folds[0].test.length,
          file: parts.testFile,
        }
      : {
          kind: 'stratified' as const,
          train: split.train.length,
          test: split.test.length,
          val: folds[0].test.length,
          testFraction: spec.testSize,
        },
  };
  return {
    summary,
    config: resolvedConfig(spec, {
      task: 'text',
      model,
      hidden: [units],
      epochs: hyper.epochs,
      batchSize: hyper.batch_size,
      lr: hyper.lr,
      patience: hyper.patience,
      weightDecay: hyper.weight_decay,
      ensemble: nMembers,
    }),
    files: {
      'model.nnm.json': encodeModelFile(ens.members, {
        nnmVersion: nnmVersion(),
        task: 'text',
        model,
        pipeline,
        seed: spec.seed,
      }),
      'predictions.csv': predictions,
      'history.csv': historyCsv(ens),
    },
  };
}
