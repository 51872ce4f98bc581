// The training and test parts of a text classification: a seeded stratified split of the labelled
// rows, or (--test FILE) every labelled row of the data for training and the labelled rows of a
// separate file, with the same text and target columns, for testing.

import type { Rng } from '../engine/rng.js';
import { UserError } from '../errors.js';
import type { RawTable } from './load.js';
import { isMissing } from './schema.js';
import { labelsOf, splitRows } from './split.js';

export interface TextColumns {
  table: RawTable;
  textIndex: number;
  targetIndex: number;
  /** Labelled rows of table, and their class indices into classes. */
  labelled: Int32Array;
  labels: Float32Array;
  classes: string[];
}

export interface TextParts {
  trainRows: Int32Array;
  trainLabels: Float32Array;
  /** The table the test rows index: the data itself, or the --test file. */
  testTable: RawTable;
  testRows: Int32Array;
  testTexts: string[];
  testLabels: Float32Array;
  /** The report's sentence on the split. */
  splitText: string;
  /** Set when the test part is a separate file. */
  testFile?: string;
}

export function textParts(
  c: TextColumns,
  testTable: RawTable | undefined,
  testSize: number,
  seed: number,
  splitRng: Rng,
): TextParts {
  return testTable ? fileParts(c, testTable) : seededParts(c, testSize, seed, splitRng);
}

/** A seeded stratified split of the labelled rows. */
function seededParts(c: TextColumns, testSize: number, seed: number, splitRng: Rng): TextParts {
  const { table, textIndex, labelled, labels, classes } = c;
  const minRows = Math.max(2 * classes.length, 10);
  if (labelled.length < minRows)
    throw new UserError({
      file: table.file,
      message: `has ${labelled.length} labelled rows, too few to hold out a test part`,
      hint: `give at least ${minRows} rows, or a separate file with --test`,
    });
  const split = splitRows(labelled, testSize, splitRng, labels);
  return {
    trainRows: split.train,
    trainLabels: labelsOf(split.train, labelled, labels),
    testTable: table,
    testRows: split.test,
    testTexts: Array.from(split.test, (r) => table.columns[textIndex][r]),
    testLabels: labelsOf(split.test, labelled, labels),
    splitText: `stratified random split, seed ${seed}: ${split.train.length} training rows, ${split.test.length} test rows`,
  };
}

/** Every labelled row of the data for training, the labelled rows of the --test file for testing. */
function fileParts(c: TextColumns, testTable: RawTable): TextParts {
  const { table, textIndex, targetIndex, labelled, labels, classes } = c;
  const textCol = table.names[textIndex];
  const target = table.names[targetIndex];
  const ti = testTable.names.indexOf(textCol);
  const yi = testTable.names.indexOf(target);
  for (const [i, col] of [
    [ti, textCol],
    [yi, target],
  ] as const) {
    if (i < 0)
      throw new UserError({
        file: testTable.file,
        message: `has no column "${col}"`,
        hint: 'the test file needs the same header as the training file',
      });
  }
  const testRows = Int32Array.from({ length: testTable.nRows }, (_, r) => r).filter(
    (r) => !isMissing(testTable.columns[yi][r]),
  );
  if (testRows.length === 0)
    throw new UserError({
      file: testTable.file,
      column: target,
      message: 'has no labelled rows',
      hint: 'the test file needs the target filled in',
    });
  return {
    trainRows: labelled,
    trainLabels: labels,
    testTable,
    testRows,
    testTexts: Array.from(testRows, (r) => testTable.columns[ti][r]),
    testLabels: testFileLabels(testTable, testRows, yi, classes),
    splitText: `separate test file ${testTable.file} (${testRows.length} rows); all ${labelled.length} labelled rows of the data are the training part`,
    testFile: testTable.file,
  };
}

/** The class indices of the test file's rows; a class the training data lacks is an error. */
function testFileLabels(testTable: RawTable, testRows: Int32Array, yi: number, classes: string[]): Float32Array {
  const target = testTable.names[yi];
  return Float32Array.from(testRows, (r) => {
    const k = classes.indexOf(testTable.columns[yi][r]);
    if (k < 0)
      throw new UserError({
        file: testTable.file,
        row: r + 2,
        column: target,
        message: `class "${testTable.columns[yi][r]}" does not occur in the training data`,
        hint: `known classes: ${classes.join(', ')}`,
      });
    return k;
  });
}
