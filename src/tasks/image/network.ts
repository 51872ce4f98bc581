// The image job's network and its training defaults: a CNN sized to the input shape, or an MLP over
// the flattened pixels, with epochs, batch size, learning rate and patience scaled to the fitting rows.

import type { TrainSpec } from '../../config/options.js';
import type { ModelSpec } from '../../engine/model.js';
import { buildCnn } from '../../models/cnn.js';
import { buildMlp } from '../../models/mlp.js';

export type ImageModelKind = 'cnn' | 'mlp';

export interface BuiltNetwork {
  spec: ModelSpec;
  dropout: number;
  hidden: number[];
  hyper: { architecture: string; architecture_rule: string };
}

// NOTE: a type, not an interface, so that it fits the summary's Record<string, string | number> hyper.
export type TrainDefaults = {
  epochs: number;
  batch_size: number;
  lr: number;
  optimizer: string;
  patience: number;
  plateau: number;
  weight_decay: number;
};

export function buildNetwork(
  kind: ImageModelKind,
  shape: number[],
  K: number,
  fitRows: number,
  spec: TrainSpec,
): BuiltNetwork {
  if (kind === 'cnn') {
    const b = buildCnn({ inShape: shape, outputs: K, dense: spec.hidden?.[0], dropout: spec.dropout });
    return {
      spec: b.spec,
      dropout: b.dropout,
      hidden: [b.dense],
      hyper: {
        architecture: b.blocks,
        architecture_rule: `3x3 'same' convolutions (${b.filters} filters, doubled after each 2x2 max-pool) while the side stays >= 8 (at most 3 stages), then dense(${b.dense}) + dropout`,
      },
    };
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const m = buildMlp({ inputs: size, outputs: K, trainRows: fitRows, hidden: spec.hidden, dropout: spec.dropout });
  return {
    spec: { inShape: [...shape], layers: [{ kind: 'flatten' }, ...m.spec.layers] },
    dropout: m.dropout,
    hidden: m.hidden,
    hyper: {
      architecture: `flatten -> ${m.hidden.map((h) => `dense(${h})`).join(' -> ')} -> dense(${K})`,
      architecture_rule: 'MLP over the flattened pixels; hidden sizes scaled to the inputs, classes and rows',
    },
  };
}

/** Training defaults: a small CNN runs ~2,000 samples/s on one core, so epochs scale to ~25k sample passes. */
export function defaultsFor(kind: ImageModelKind, fitRows: number, spec: TrainSpec): TrainDefaults {
  const cnn = kind === 'cnn';
  // NOTE: small sets need more epochs for enough optimiser steps (61 images x 150 epochs at batch 16
  // = 600 steps); digits (1,200 rows) get 20 epochs.
  const epochs = spec.epochs ?? (cnn ? Math.min(150, Math.max(10, Math.round(25_000 / Math.max(1, fitRows)))) : 200);
  const patience = spec.patience ?? (cnn ? Math.max(10, Math.round(epochs / 4)) : 20);
  return {
    epochs,
    batch_size: spec.batchSize ?? (fitRows < 500 ? 16 : 32),
    lr: spec.lr ?? (spec.optimizer === 'sgd' ? 0.01 : cnn ? 0.002 : 0.003),
    optimizer: spec.optimizer,
    patience,
    plateau: Math.max(3, Math.floor(patience / 3)),
    weight_decay: spec.weightDecay ?? (cnn ? 1e-4 : 1e-3),
  };
}
