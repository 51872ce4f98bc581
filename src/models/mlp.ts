// The MLP ("BP network") builder: Dense -> ReLU -> Dropout blocks, then a linear output layer
// (logits for classification, fused with softmax in the loss; values for regression).
// Default hidden sizes scale with the inputs, outputs and the number of training rows.

import type { LayerConfig } from '../engine/layers/registry.js';
import type { ModelSpec } from '../engine/model.js';

export interface MlpOptions {
  inputs: number;
  outputs: number;
  trainRows: number;
  hidden?: number[];
  dropout?: number;
}

export function defaultHidden(inputs: number, outputs: number, trainRows: number): number[] {
  const width = clampPow2(4 * Math.sqrt((inputs + 1) * (outputs + 1)) + 8, 16, 256);
  if (trainRows < 1000) return [width];
  return [width, Math.max(16, width >> 1)];
}

export function buildMlp(o: MlpOptions): { spec: ModelSpec; hidden: number[]; dropout: number } {
  const hidden = o.hidden ?? defaultHidden(o.inputs, o.outputs, o.trainRows);
  const dropout = o.dropout ?? 0;
  const layers: LayerConfig[] = [];
  for (const h of hidden) {
    layers.push({ kind: 'dense', units: h, init: 'he_normal' });
    layers.push({ kind: 'activation', fn: 'relu' });
    if (dropout > 0) layers.push({ kind: 'dropout', rate: dropout });
  }
  layers.push({ kind: 'dense', units: o.outputs });
  return { spec: { inShape: [o.inputs], layers }, hidden, dropout };
}

function clampPow2(x: number, lo: number, hi: number): number {
  const p = 2 ** Math.round(Math.log2(x));
  return Math.min(hi, Math.max(lo, p));
}
