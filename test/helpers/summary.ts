// A small hand-made RunSummary (3-class classification) for report unit tests: fixed numbers, so
// the generated tables and text can be compared byte for byte.

import type { RunSummary } from '../../src/report/types.js';

export function classifySummary(): RunSummary {
  const labels = ['a_1', 'b%', '猫'];
  return {
    task: 'classify',
    model: 'mlp',
    command: 'nnm train data.csv --seed 7',
    seed: 7,
    nnmVersion: '0.1.0',
    audit: {
      file: 'data.csv',
      sha256: 'ab'.repeat(32),
      encoding: 'utf-8',
      delimiter: ',',
      rows: 60,
      columns: [
        { name: 'x_1', type: 'number', missing: 2, unique: 55, role: 'input' },
        { name: 'colour', type: 'category', missing: 0, unique: 3, role: 'input' },
        { name: 'id', type: 'id', missing: 0, unique: 60, role: 'unused' },
        { name: 'y', type: 'category', missing: 0, unique: 3, role: 'target' },
      ],
      imputed: [{ column: 'x_1', count: 2, value: 'median 3.5' }],
      notes: [],
    },
    target: 'y',
    split: 'stratified random split, seed 7: 48 training rows, 12 test rows (20%)',
    layers: [
      { index: 0, description: 'Dense(4 -> 16)', outShape: [16], params: 80 },
      { index: 1, description: 'Activation(relu)', outShape: [16], params: 0 },
      { index: 2, description: 'Dense(16 -> 3)', outShape: [3], params: 51 },
    ],
    paramCount: 131,
    hyper: {
      hidden: '16',
      dropout: 0,
      ensemble: 1,
      epochs: 100,
      batch_size: 16,
      lr: 0.003,
      optimizer: 'adam',
      patience: 20,
      weight_decay: 0.001,
    },
    history: Array.from({ length: 30 }, (_, i) => ({
      epoch: i + 1,
      train_loss: 1.1 / (1 + i / 5),
      val_loss: 1.2 / (1 + i / 6) + (i > 20 ? 0.01 * (i - 20) : 0),
      lr: 0.003,
    })),
    metrics: {
      task: 'classify',
      model: 'mlp',
      data: {
        file: 'data.csv',
        rows: 60,
        train_rows: 48,
        val_rows: 8,
        test_rows: 12,
        features: 2,
        inputs: 4,
        classes: 3,
      },
      test: {
        accuracy: 0.75,
        macro_f1: 0.7333333,
        precision: 0.75,
        recall: 0.75,
        per_class: [
          { label: labels[0], precision: 1, recall: 0.75, f1: 0.8571429, support: 4 },
          { label: labels[1], precision: 0.6, recall: 0.75, f1: 0.6666667, support: 4 },
          { label: labels[2], precision: 0.75, recall: 0.75, f1: 0.75, support: 4 },
        ],
        confusion_matrix: [
          [3, 1, 0],
          [0, 3, 1],
          [0, 1, 3],
        ],
        labels,
      },
      baselines: { majority: { accuracy: 0.3333333, macro_f1: 0.1666667, precision: 0.1111111, recall: 0.3333333 } },
      train: { epochs: 30, seconds: 0.05, best_epoch: 21, samples_per_second: 10000, stopped_early: true, members: 1 },
    },
    notes: ['column "id" looks like an identifier; not used as an input (use --features to force it)'],
    inShape: [4],
    splitInfo: { kind: 'stratified', train: 48, test: 12, val: 8, testFraction: 0.2 },
    preprocessing: [
      { kind: 'numeric', column: 'x_1', fill: 3.5, mean: 3.25, std: 1.5, missing: 2 },
      { kind: 'onehot', column: 'colour', levels: 3, fill: 'red', missing: 0 },
      { kind: 'target_classes', column: 'y', classes: 3 },
    ],
    predictions: {
      actual: ['a_1', 'a_1', 'a_1', 'a_1', 'b%', 'b%', 'b%', 'b%', '猫', '猫', '猫', '猫'],
      predicted: ['a_1', 'a_1', 'a_1', 'b%', 'b%', 'b%', 'b%', '猫', '猫', '猫', '猫', 'b%'],
      probabilities: Array.from({ length: 12 }, () => [0.5, 0.3, 0.2]),
    },
  };
}
