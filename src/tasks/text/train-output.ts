// The run output of the text job: the model file (with its TextPipeline), the run summary the reports
// read, the resolved config, predictions.csv and history.csv.

import type { TrainSpec } from '../../config/options.js';
import { nnmVersion } from '../../config/version.js';
import type { TextParts } from '../../data/text-parts.js';
import type { Tokenizer } from '../../data/text.js';
import { encodeModelFile } from '../../models/model-file.js';
import type { TextModel } from '../../models/text-net.js';
import type { RunOutput, SplitInfo } from '../../report/types.js';
import type { JobContext } from '../context.js';
import { dataAudit, historyCsv, resolvedConfig } from '../outputs.js';
import type { TextData, TextEncoded, TextMembers, TextTested } from './train.js';

export interface TextPipeline {
  kind: 'text';
  column: string;
  target: string;
  classes: string[];
  tokenizer: Tokenizer;
}

/** What the text job's steps made, in the order they made it. */
export interface TextRun {
  d: TextData;
  parts: TextParts;
  enc: TextEncoded;
  members: TextMembers;
  tested: TextTested;
}

export function textOutput(spec: TrainSpec, model: TextModel, ctx: JobContext, run: TextRun): RunOutput {
  const { d, parts, enc, members, tested } = run;
  const { ens, folds, hyper, units, nMembers } = members;
  const { target, textCol, classes, notes } = d;
  const pipeline: TextPipeline = { kind: 'text', column: textCol, target, classes, tokenizer: enc.tokenizer };
  const summary = {
    task: 'text',
    model,
    command: ctx.command,
    seed: spec.seed,
    nnmVersion: nnmVersion(),
    audit: dataAudit(
      spec.data,
      d.table,
      d.schema,
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
    metrics: tested.metrics,
    notes,
    inShape: [enc.tokenizer.length],
    predictions: tested.predictions,
    splitInfo: splitInfoOf(spec, parts, folds[0].test.length),
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
      'predictions.csv': tested.csv,
      'history.csv': historyCsv(ens),
    },
  };
}

/** How the test part was chosen, as data: the --test file or a stratified split. */
function splitInfoOf(spec: TrainSpec, parts: TextParts, val: number): SplitInfo {
  return parts.testFile
    ? {
        kind: 'file' as const,
        train: parts.trainRows.length,
        test: parts.testRows.length,
        val,
        file: parts.testFile,
      }
    : {
        kind: 'stratified' as const,
        train: parts.trainRows.length,
        test: parts.testRows.length,
        val,
        testFraction: spec.testSize,
      };
}
