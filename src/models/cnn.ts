// The CNN builder: convolution blocks sized to the input, then a small dense head.
// 2-D (images, per sample (C, H, W)):
//   conv3x3(same, F0, relu) then, while the side is still >= 8 and blocks < 3:
//   maxpool2 -> conv3x3(same, 2F, relu)            (8x8: 1 pool; 16: 2; 28/32: 3)
//   a last maxpool2 when the flattened size would exceed 1024 and the side is >= 4,
//   flatten -> dense(units, relu) -> dropout -> dense(classes) (logits; softmax in the loss).
// NOTE: pooling stops at side 4 (8/2): an 8x8 digit cannot take three pooling stages, and a
// 2x2 map leaves too little position information for a small head.
// 1-D (signals, (C, L)): the same rule on the length with conv1d / maxpool1d and kernel 5.

import type { LayerConfig } from '../engine/layers/registry.js';
import type { ModelSpec } from '../engine/model.js';

export interface CnnOptions {
  /** Per-sample input shape: [C, H, W] (2-D) or [C, L] (1-D). */
  inShape: number[];
  outputs: number;
  /** Filters of the first convolution (doubled after each pooling). */
  filters?: number;
  /** Units of the dense layer before the output (--hidden, first value). */
  dense?: number;
  dropout?: number;
}

export interface BuiltCnn {
  spec: ModelSpec;
  /** A one-line description of the architecture for the report and config. */
  blocks: string;
  filters: number;
  dense: number;
  dropout: number;
}

const MAX_BLOCKS = 3;
const MAX_FLAT = 1024;

export function buildCnn(o: CnnOptions): BuiltCnn {
  const oneD = o.inShape.length === 2;
  const f0 = o.filters ?? 16;
  const dense = o.dense ?? 64;
  const dropout = o.dropout ?? 0.3;
  const layers: LayerConfig[] = [];
  const parts: string[] = [];
  const k = oneD ? 5 : 3;
  const conv = (filters: number): void => {
    layers.push(
      oneD
        ? { kind: 'conv1d', filters, kernel: k, padding: 'same', activation: 'relu' }
        : { kind: 'conv2d', filters, kernel: k, padding: 'same', activation: 'relu' },
    );
    parts.push(`conv${k}${oneD ? '' : `x${k}`}(${filters})`);
  };
  const pool = (): void => {
    layers.push(oneD ? { kind: 'maxpool1d', size: 2 } : { kind: 'maxpool2d', size: 2 });
    parts.push('pool2');
  };
  let side = oneD ? o.inShape[1] : Math.min(o.inShape[1], o.inShape[2]);
  const area = (s: number): number => (oneD ? s : s * s);
  let f = f0;
  conv(f);
  for (let b = 1; b < MAX_BLOCKS && side >= 8; b++) {
    pool();
    side = Math.floor(side / 2);
    f *= 2;
    conv(f);
  }
  if (f * area(side) > MAX_FLAT && side >= 4) pool();
  layers.push({ kind: 'flatten' });
  layers.push({ kind: 'dense', units: dense, init: 'he_normal' }, { kind: 'activation', fn: 'relu' });
  if (dropout > 0) layers.push({ kind: 'dropout', rate: dropout });
  layers.push({ kind: 'dense', units: o.outputs });
  parts.push(`dense(${dense})`, ...(dropout > 0 ? [`dropout(${dropout})`] : []), `dense(${o.outputs})`);
  return { spec: { inShape: [...o.inShape], layers }, blocks: parts.join(' -> '), filters: f0, dense, dropout };
}
