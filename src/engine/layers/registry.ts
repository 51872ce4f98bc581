// Every layer kind and its constructor. A mapped type over the LayerKind union: adding a config type
// to LayerConfig without a constructor here fails to compile (the create-t3-app pattern).

import { Activation, type ActivationConfig } from './activation.js';
import { AttentionPool, type AttentionPoolConfig } from './attention-pool.js';
import { AvgPool1d, type AvgPool1dConfig } from './avgpool1d.js';
import { AvgPool2d, type AvgPool2dConfig } from './avgpool2d.js';
import { BatchNorm, type BatchNormConfig } from './batchnorm.js';
import { Bidirectional, type BidirectionalConfig } from './bidirectional.js';
import { Conv1d, type Conv1dConfig } from './conv1d.js';
import { Conv2d, type Conv2dConfig } from './conv2d.js';
import { Dense, type DenseConfig } from './dense.js';
import { Dropout, type DropoutConfig } from './dropout.js';
import { Embedding, type EmbeddingConfig } from './embedding.js';
import { EmbeddingBag, type EmbeddingBagConfig } from './embedding-bag.js';
import { Flatten, type FlattenConfig } from './flatten.js';
import { Gru, type GruConfig } from './gru.js';
import type { Layer } from './layer.js';
import { Lstm, type LstmConfig } from './lstm.js';
import { MaxPool1d, type MaxPool1dConfig } from './maxpool1d.js';
import { MaxPool2d, type MaxPool2dConfig } from './maxpool2d.js';
import { SimpleRnn, type SimpleRnnConfig } from './simple-rnn.js';
import { Tcn, type TcnConfig } from './tcn.js';
import { TimeDense, type TimeDenseConfig } from './time-dense.js';
import { Transpose, type TransposeConfig } from './transpose.js';

export type LayerConfig =
  | DenseConfig
  | ActivationConfig
  | DropoutConfig
  | Conv2dConfig
  | MaxPool2dConfig
  | AvgPool2dConfig
  | FlattenConfig
  | BatchNormConfig
  | Conv1dConfig
  | MaxPool1dConfig
  | AvgPool1dConfig
  | SimpleRnnConfig
  | LstmConfig
  | GruConfig
  | EmbeddingConfig
  | EmbeddingBagConfig
  | TimeDenseConfig
  | BidirectionalConfig
  | AttentionPoolConfig
  | TcnConfig
  | TransposeConfig;
export type LayerKind = LayerConfig['kind'];

type Builders = {
  [K in LayerKind]: (cfg: Extract<LayerConfig, { kind: K }>, inShape: readonly number[]) => Layer;
};

const BUILDERS: Builders = {
  dense: (c, s) => new Dense(c, s),
  activation: (c, s) => new Activation(c, s),
  dropout: (c, s) => new Dropout(c, s),
  conv2d: (c, s) => new Conv2d(c, s),
  maxpool2d: (c, s) => new MaxPool2d(c, s),
  avgpool2d: (c, s) => new AvgPool2d(c, s),
  flatten: (c, s) => new Flatten(c, s),
  batchnorm: (c, s) => new BatchNorm(c, s),
  conv1d: (c, s) => new Conv1d(c, s),
  maxpool1d: (c, s) => new MaxPool1d(c, s),
  avgpool1d: (c, s) => new AvgPool1d(c, s),
  rnn: (c, s) => new SimpleRnn(c, s),
  lstm: (c, s) => new Lstm(c, s),
  gru: (c, s) => new Gru(c, s),
  embedding: (c, s) => new Embedding(c, s),
  embedding_bag: (c, s) => new EmbeddingBag(c, s),
  time_dense: (c, s) => new TimeDense(c, s),
  bidirectional: (c, s) => new Bidirectional(c, s),
  attention_pool: (c, s) => new AttentionPool(c, s),
  tcn: (c, s) => new Tcn(c, s),
  transpose: (c, s) => new Transpose(c, s),
};

export function createLayer(cfg: LayerConfig, inShape: readonly number[]): Layer {
  const build = BUILDERS[cfg.kind] as (c: LayerConfig, s: readonly number[]) => Layer;
  if (!build) throw new Error(`unknown layer kind "${(cfg as { kind: string }).kind}"`);
  return build(cfg, inShape);
}

export function isLayerKind(k: string): k is LayerKind {
  return Object.prototype.hasOwnProperty.call(BUILDERS, k);
}
