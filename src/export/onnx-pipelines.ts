// What each kind of nnm model file puts around its network in the ONNX graph, and what the JSON
// sidecar tells a user of the file about the rest. In the graph: imputation of numeric columns
// (IsNaN + Where, the training medians), their standardisation (Sub, Div) or the pixel scaling
// (Sub, Mul), the softmax and ensemble average, and the target back in original units (Mul, Add).
// Outside it, in the sidecar: one-hot slots of categorical columns (column and level), class labels,
// the text vocabulary, and the image decoding; ONNX has no string-friendly way to carry them that
// MATLAB and the common runtimes all read.

import type { ImagePipeline } from '../data/images.js';
import type { TabularPipeline } from '../data/tabular.js';
import type { Tokenizer } from '../data/text.js';
import { DataType, type ValueInfo } from './onnx-proto.js';
import type { GraphBuilder } from './graph-builder.js';

export type InputSlot =
  | { index: number; column: string; kind: 'numeric'; fill: number; mean: number; std: number }
  | { index: number; column: string; kind: 'onehot'; level: string; missing_level: string };

/** A model kind's input, in-graph preprocessing and output, and its part of the sidecar. */
export interface PipelinePlan {
  input: ValueInfo;
  /** Nodes from the graph input to the network input. */
  pre: (g: GraphBuilder, x: string) => string;
  /** Network outputs are logits to turn into probabilities (classification). */
  softmax: boolean;
  /** Nodes from the averaged network output to the graph output. */
  post: (g: GraphBuilder, y: string) => string;
  output: ValueInfo;
  inGraph: string[];
  sidecar: Record<string, unknown>;
}

export function tabularPlan(p: TabularPipeline): PipelinePlan {
  const slots: InputSlot[] = [];
  for (const f of p.features) {
    if (f.kind === 'numeric')
      slots.push({ index: slots.length, column: f.column, kind: 'numeric', fill: f.fill, mean: f.mean, std: f.std });
    else
      for (const level of f.levels)
        slots.push({ index: slots.length, column: f.column, kind: 'onehot', level, missing_level: f.fill });
  }
  const F = slots.length;
  if (F !== p.inputSize) throw new Error(`onnx export: ${F} input slots for a network of ${p.inputSize} inputs`);
  const num = (k: (s: Extract<InputSlot, { kind: 'numeric' }>) => number, other: number): number[] =>
    slots.map((s) => (s.kind === 'numeric' ? k(s) : other));
  const tg = p.target;
  const classes = tg.kind === 'classes';
  const numericCount = slots.filter((s) => s.kind === 'numeric').length;
  return {
    input: { name: 'x', elemType: DataType.FLOAT, shape: ['N', F] },
    pre: (g, x) => {
      const filled = g.op1('Where', [
        g.op1('IsNaN', [x]),
        g.floats(
          'fill',
          [F],
          num((s) => s.fill, 0),
        ),
        x,
      ]);
      const centred = g.op1('Sub', [
        filled,
        g.floats(
          'mean',
          [F],
          num((s) => s.mean, 0),
        ),
      ]);
      return g.op1('Div', [
        centred,
        g.floats(
          'std',
          [F],
          num((s) => s.std, 1),
        ),
      ]);
    },
    softmax: classes,
    post: (g, y) =>
      tg.kind === 'scaled'
        ? g.op1('Add', [
            g.op1('Mul', [y, g.floats('target_std', [1], [tg.std])]),
            g.floats('target_mean', [1], [tg.mean]),
          ])
        : y,
    output: classes
      ? { name: 'probabilities', elemType: DataType.FLOAT, shape: ['N', tg.classes.length] }
      : { name: 'prediction', elemType: DataType.FLOAT, shape: ['N', 1] },
    inGraph: [
      `missing numeric cells (NaN) are filled with the training medians (IsNaN, Where)`,
      `numeric columns are standardised with the training mean and standard deviation (Sub, Div)`,
      ...(classes
        ? []
        : [`the prediction is put back in the units of "${tg.column}" (Mul by ${tg.std}, Add ${tg.mean})`]),
    ],
    sidecar: {
      input_slots: slots,
      how_to_fill_x: `one row per sample, ${F} float32 values in slot order: a numeric slot takes the raw cell (NaN when missing: the graph fills it); a one-hot slot takes 1 when the row's "column" equals "level", else 0 (a missing cell counts as "missing_level"; an unseen level leaves every slot of its column 0)`,
      numeric_slots: numericCount,
      ...(classes
        ? { classes: tg.classes, output_meaning: 'probabilities: one column per class, in the order of "classes"' }
        : { target: tg.column, output_meaning: `prediction: "${tg.column}" in its original units` }),
    },
  };
}

export function imagePlan(p: ImagePipeline): PipelinePlan {
  const s = p.scaling;
  const [sub, mul] = s.kind === 'range' ? [s.min, 1 / (s.max - s.min)] : [s.mean, 1 / s.std];
  return {
    input: { name: 'x', elemType: DataType.FLOAT, shape: ['N', ...p.shape] },
    pre: (g, x) =>
      g.op1('Mul', [g.op1('Sub', [x, g.floats('scale_offset', [1], [sub])]), g.floats('scale_factor', [1], [mul])]),
    softmax: true,
    post: (_g, y) => y,
    output: { name: 'probabilities', elemType: DataType.FLOAT, shape: ['N', p.classes.length] },
    inGraph: [
      s.kind === 'range'
        ? `pixel values are scaled from ${s.min}..${s.max} to 0..1 (Sub, Mul)`
        : `values are standardised with mean ${s.mean} and standard deviation ${s.std} (Sub, Mul)`,
    ],
    sidecar: {
      input_layout:
        p.kind === 'image'
          ? `(N, C, H, W) = (N, ${p.shape.join(', ')}), raw pixel values in the file's units`
          : `(N, C, L) = (N, ${p.shape.join(', ')}): each row's signal values, raw`,
      source: p.source,
      classes: p.classes,
      output_meaning: 'probabilities: one column per class, in the order of "classes"',
    },
  };
}

export function textPlan(p: { column: string; classes: string[]; tokenizer: Tokenizer }): PipelinePlan {
  const T = p.tokenizer.length;
  return {
    input: { name: 'tokens', elemType: DataType.INT64, shape: ['N', T] },
    pre: (_g, x) => x,
    softmax: true,
    post: (_g, y) => y,
    output: { name: 'probabilities', elemType: DataType.FLOAT, shape: ['N', p.classes.length] },
    inGraph: [],
    sidecar: {
      text_column: p.column,
      tokenizer: {
        mode: p.tokenizer.mode,
        length: T,
        how: `${p.tokenizer.mode === 'char' ? 'characters (whitespace, punctuation and symbols dropped, lower-cased)' : 'words (lower-cased, split on anything but letters, digits and apostrophes)'}; the first ${T} tokens, each replaced by its index in "vocab" (1 = <unk> for a token not in it), front-padded with 0 to ${T}`,
        vocab: p.tokenizer.vocab,
      },
      classes: p.classes,
      output_meaning: 'probabilities: one column per class, in the order of "classes"',
    },
  };
}
