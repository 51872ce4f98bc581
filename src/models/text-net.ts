// The text networks over token ids (B, T):
//   lstm / gru / rnn: Embedding(vocab, 32) -> recurrent(units) [-> Dropout] -> Dense(classes);
//   fasttext: EmbeddingBag(vocab, 32), the mean of the text's token embeddings (padding left out)
//     [-> Dropout] -> Dense(classes), a linear classifier over averaged embeddings (Joulin et al. 2016,
//     "Bag of Tricks for Efficient Text Classification"), with no recurrence: cheap, and order-free.

import type { LayerConfig } from '../engine/layers/registry.js';

export const TEXT_MODELS = ['lstm', 'gru', 'rnn', 'fasttext'] as const;
export type TextModel = (typeof TEXT_MODELS)[number];

export function isTextModel(m: string): m is TextModel {
  return (TEXT_MODELS as readonly string[]).includes(m);
}

export function textLayers(
  model: TextModel,
  vocab: number,
  dim: number,
  units: number,
  classes: number,
  dropout?: number,
): LayerConfig[] {
  const drop: LayerConfig[] = dropout ? [{ kind: 'dropout', rate: dropout }] : [];
  if (model === 'fasttext') return [{ kind: 'embedding_bag', vocab, dim }, ...drop, { kind: 'dense', units: classes }];
  return [{ kind: 'embedding', vocab, dim }, { kind: model, units }, ...drop, { kind: 'dense', units: classes }];
}
