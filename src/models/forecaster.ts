// Forecasting networks over a window of W past steps with F channels (input shape [W, F]):
// lstm / gru / rnn: a recurrent layer reading the window, its last state -> Dense(1);
// mlp: the flattened window -> Dense -> ReLU -> Dense(1).

import type { ModelKind } from '../config/tasks.js';
import type { LayerConfig } from '../engine/layers/registry.js';
import type { ModelSpec } from '../engine/model.js';
import { UserError } from '../errors.js';

export interface ForecasterOptions {
  kind: ModelKind;
  window: number;
  channels: number;
  outputs: number;
  hidden?: number[];
  dropout?: number;
}

export function buildForecaster(o: ForecasterOptions): { spec: ModelSpec; hidden: number[] } {
  const layers: LayerConfig[] = [];
  let hidden: number[];
  switch (o.kind) {
    case 'lstm':
    case 'gru':
    case 'rnn': {
      const kind = o.kind;
      hidden = o.hidden ?? [32];
      hidden.forEach((h, i) => {
        layers.push({ kind, units: h, returnSequences: i < hidden.length - 1 });
      });
      if (o.dropout) layers.push({ kind: 'dropout', rate: o.dropout });
      break;
    }
    case 'mlp':
      hidden = o.hidden ?? [32];
      for (const h of hidden) {
        layers.push({ kind: 'dense', units: h, init: 'he_normal' }, { kind: 'activation', fn: 'relu' });
        if (o.dropout) layers.push({ kind: 'dropout', rate: o.dropout });
      }
      break;
    default:
      throw new UserError({
        message: `--model ${o.kind} cannot forecast a series`,
        hint: 'use --model lstm, gru, rnn or mlp',
      });
  }
  layers.push({ kind: 'dense', units: o.outputs });
  return { spec: { inShape: [o.window, o.channels], layers }, hidden };
}
