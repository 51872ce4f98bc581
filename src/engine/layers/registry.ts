// Every layer kind and its constructor. A mapped type over the LayerKind union: adding a config type
// to LayerConfig without a constructor here fails to compile (the create-t3-app pattern).

import { Activation, type ActivationConfig } from './activation.js';
import { Dense, type DenseConfig } from './dense.js';
import { Dropout, type DropoutConfig } from './dropout.js';
import { Embedding, type EmbeddingConfig } from './embedding.js';
import { Gru, type GruConfig } from './gru.js';
import type { Layer } from './layer.js';
import { Lstm, type LstmConfig } from './lstm.js';
import { SimpleRnn, type SimpleRnnConfig } from './simple-rnn.js';
import { TimeDense, type TimeDenseConfig } from './time-dense.js';

export type LayerConfig =
  | DenseConfig
  | ActivationConfig
  | DropoutConfig
  | SimpleRnnConfig
  | LstmConfig
  | GruConfig
  | EmbeddingConfig
  | TimeDenseConfig;
export type LayerKind = LayerConfig['kind'];

type Builders = {
  [K in LayerKind]: (cfg: Extract<LayerConfig, { kind: K }>, inShape: readonly number[]) => Layer;
};

const BUILDERS: Builders = {
  dense: (c, s) => new Dense(c, s),
  activation: (c, s) => new Activation(c, s),
  dropout: (c, s) => new Dropout(c, s),
  rnn: (c, s) => new SimpleRnn(c, s),
  lstm: (c, s) => new Lstm(c, s),
  gru: (c, s) => new Gru(c, s),
  embedding: (c, s) => new Embedding(c, s),
  time_dense: (c, s) => new TimeDense(c, s),
};

export function createLayer(cfg: LayerConfig, inShape: readonly number[]): Layer {
  const build = BUILDERS[cfg.kind] as (c: LayerConfig, s: readonly number[]) => Layer;
  if (!build) throw new Error(`unknown layer kind "${(cfg as { kind: string }).kind}"`);
  return build(cfg, inShape);
}

export function isLayerKind(k: string): k is LayerKind {
  return Object.prototype.hasOwnProperty.call(BUILDERS, k);
}
