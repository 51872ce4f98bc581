// The test part of a tabular run: a fold of --cv, a separate labelled file, or a seeded (stratified)
// split; for tune's inner folds, a fold cut from the training part of that split.

import type { TrainSpec } from '../../config/options.js';
import type { RawTable } from '../../data/load.js';
import { kFolds, labelsOf, splitRows } from '../../data/split.js';
import { rowsWithTarget } from '../../data/tabular.js';
import type { Rng } from '../../engine/rng.js';
import { UserError } from '../../errors.js';
import type { JobContext } from '../context.js';

export interface Labelled {
  table: RawTable;
  targetName: string;
  /** Rows with a target value, and their class codes (classification). */
  labelled: Int32Array;
  rawLabels: Float32Array | undefined;
  classify: boolean;
  classes: number;
}

export interface TestPart {
  testTable: RawTable;
  trainPart: Int32Array;
  testRows: Int32Array;
  splitText: string;
  heldOut?: number[];
}

/** The test part: a fold of --cv, a separate labelled file, or a seeded (stratified) split. For tune's
 *  inner folds (variant.inner), the same seeded split is made first and the fold is cut from its
 *  training part only, so tuning never sees the rows `nnm train` will test on (returned as heldOut). */
export function testPart(spec: TrainSpec, ctx: JobContext, d: Labelled, splitRng: Rng): TestPart {
  const { table, labelled, rawLabels, classify } = d;
  const fold = ctx.variant?.fold;
  if (fold) {
    const f = kFolds(labelled, fold.k, splitRng, rawLabels)[fold.index];
    return {
      testTable: table,
      trainPart: f.train,
      testRows: f.test,
      splitText: `${classify ? 'stratified ' : ''}${fold.k}-fold cross-validation, fold ${fold.index + 1}: ${f.train.length} training rows, ${f.test.length} test rows`,
    };
  }
  const main = spec.test ? fileTestPart(spec.test, ctx, d) : seededTestPart(spec, d, splitRng);
  const inner = ctx.variant?.inner;
  if (!inner) return main;
  const labels = rawLabels ? labelsOf(main.trainPart, labelled, rawLabels) : undefined;
  const f = kFolds(main.trainPart, inner.k, splitRng, labels)[inner.index];
  const heldOut = main.testTable === table ? Array.from(main.testRows, (r) => r + 1).sort((a, b) => a - b) : [];
  return {
    testTable: table,
    trainPart: f.train,
    testRows: f.test,
    heldOut,
    splitText: `${inner.k}-fold cross-validation inside the training part, fold ${inner.index + 1}: ${f.train.length} training rows, ${f.test.length} test rows`,
  };
}

/** Every labelled row of the data for training, the labelled rows of the --test file for testing. */
function fileTestPart(file: string, ctx: JobContext, d: Labelled): TestPart {
  const testTable = ctx.readTable(file);
  const ti = testTable.names.indexOf(d.targetName);
  if (ti < 0)
    throw new UserError({
      file,
      message: `has no target column "${d.targetName}"`,
      hint: 'the test file needs the same header as the training file',
    });
  const testRows = rowsWithTarget(
    testTable,
    ti,
    Int32Array.from({ length: testTable.nRows }, (_, i) => i),
  );
  return {
    testTable,
    trainPart: d.labelled,
    testRows,
    splitText: `separate test file ${file} (${testRows.length} rows)`,
  };
}

/** A seeded random split of the labelled rows, stratified for classes. */
function seededTestPart(spec: TrainSpec, d: Labelled, splitRng: Rng): TestPart {
  const { table, labelled, rawLabels, classify } = d;
  const minRows = classify ? Math.max(2 * d.classes, 10) : 10;
  if (labelled.length < minRows) {
    throw new UserError({
      file: table.file,
      message: `has ${labelled.length} labelled rows, too few to hold out a test part`,
      hint: `give at least ${minRows} rows, or a separate file with --test`,
    });
  }
  const s = splitRows(labelled, spec.testSize, splitRng, rawLabels);
  return {
    testTable: table,
    trainPart: s.train,
    testRows: s.test,
    splitText: `${classify ? 'stratified ' : ''}random split, seed ${spec.seed}: ${s.train.length} training rows, ${s.test.length} test rows (${Math.round(spec.testSize * 100)}%)`,
  };
}
