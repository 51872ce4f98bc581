// One nnm network (a Sequential) as ONNX nodes, layer by layer, reading the weights from the flat
// parameter buffer through the model's manifest. Values are batch-first as in nnm: x (N, ...inShape).
//   dense -> Gemm (Flatten first for rank > 2); conv2d/conv1d -> Conv with explicit 'same' pads (the
//   extra zero at the end, as TF and nnm's convAxis); pools -> MaxPool/AveragePool ('valid');
//   batchnorm -> BatchNormalization (running statistics); embedding -> Gather of int64 ids;
//   time_dense -> MatMul + Add; dropout -> nothing (evaluation); rnn/lstm/gru -> RNN/LSTM/GRU.
// Recurrent weights: nnm keeps W (I, G·H), U (H, G·H) with gates as column blocks; ONNX wants
// W (1, G·H, I), R (1, G·H, H) with gates as row blocks and B (1, 2·G·H) = [Wb, Rb], in its own gate
// order: LSTM i, o, f, c (nnm i, f, g, o), GRU z, r, h (nnm r, z, n). nnm's GRU is reset-after
// (PyTorch), which is ONNX's linear_before_reset = 1; its recurrent bias bU is Rb.
// reference: https://onnx.ai/onnx/operators/onnx__LSTM.html, onnx__GRU.html

import { UserError } from '../errors.js';
import type { ActivationKind } from '../engine/kernels/activations.js';
import type { LayerConfig } from '../engine/layers/registry.js';
import type { Sequential } from '../engine/model.js';
import { convAxis } from '../engine/kernels/conv.js';
import type { Attr, GraphBuilder } from './graph-builder.js';

/** nnm gate block feeding each ONNX gate block, in ONNX order. */
const GATES = { rnn: [0], lstm: [0, 3, 1, 2], gru: [1, 0, 2] } as const;

type Weights = (name: string) => { shape: number[]; data: Float32Array };

function weightsOf(m: Sequential, li: number, kind: string): Weights {
  return (name) => {
    const e = m.manifest.find((x) => x.name === `${li}.${kind}.${name}`);
    if (!e) throw new Error(`onnx export: layer ${li} (${kind}) has no parameter ${name}`);
    const n = e.shape.reduce((a, d) => a * d, 1);
    return { shape: e.shape, data: m.params.subarray(e.offset, e.offset + n) };
  };
}

/** Nodes computing the network's output (N, ...outShape) from x; returns the output's value name. */
export function networkNodes(g: GraphBuilder, m: Sequential, x: string, tag: string): string {
  let v = x;
  m.layers.forEach((layer, li) => {
    const cfg = layer.config() as LayerConfig;
    v = layerNodes(g, cfg, layer.inShape, weightsOf(m, li, cfg.kind), v, `${tag}l${li}_${cfg.kind}`);
  });
  return v;
}

function layerNodes(
  g: GraphBuilder,
  cfg: LayerConfig,
  inShape: readonly number[],
  w: Weights,
  x: string,
  p: string,
): string {
  switch (cfg.kind) {
    case 'dense': {
      const flat = inShape.length > 1 ? g.op1('Flatten', [x], { axis: 1 }) : x;
      const W = w('W');
      return g.op1('Gemm', [flat, g.floats(`${p}_W`, W.shape, W.data), g.floats(`${p}_b`, w('b').shape, w('b').data)]);
    }
    case 'activation':
      return activation(g, cfg.fn, x);
    case 'dropout':
      return x;
    case 'flatten':
      return g.op1('Flatten', [x], { axis: 1 });
    case 'conv2d':
    case 'conv1d':
      return conv(g, cfg, inShape, w, x, p);
    case 'maxpool2d':
    case 'avgpool2d':
    case 'maxpool1d':
    case 'avgpool1d': {
      const dims = cfg.kind.endsWith('2d') ? 2 : 1;
      const k = cfg.size,
        s = cfg.stride ?? cfg.size;
      return g.op1(cfg.kind.startsWith('max') ? 'MaxPool' : 'AveragePool', [x], {
        kernel_shape: Array(dims).fill(k),
        strides: Array(dims).fill(s),
      });
    }
    case 'batchnorm': {
      const t = (n: string): string => g.floats(`${p}_${n}`, w(n).shape, w(n).data);
      return g.op1('BatchNormalization', [x, t('gamma'), t('beta'), t('running_mean'), t('running_var')], {
        epsilon: { float: cfg.epsilon ?? 1e-5 },
      });
    }
    case 'embedding': {
      const W = w('W');
      return g.op1('Gather', [g.floats(`${p}_W`, W.shape, W.data), x], { axis: 0 });
    }
    case 'time_dense': {
      const W = w('W');
      return g.op1('Add', [
        g.op1('MatMul', [x, g.floats(`${p}_W`, W.shape, W.data)]),
        g.floats(`${p}_b`, w('b').shape, w('b').data),
      ]);
    }
    case 'rnn':
    case 'lstm':
    case 'gru':
      return recurrent(g, cfg, inShape, w, x, p);
    case 'attention_pool':
    case 'bidirectional':
    case 'tcn':
    case 'transpose':
    case 'embedding_bag':
      throw new UserError({
        message: `holds a ${cfg.kind} layer, which nnm cannot export to ONNX yet`,
        hint: 'use nnm predict for this model, or export one with the default layers (mlp, cnn, rnn, lstm, gru)',
      });
    default: {
      const never: never = cfg;
      throw new Error(`onnx export: no translation for layer ${String((never as { kind: string }).kind)}`);
    }
  }
}

export function activation(g: GraphBuilder, fn: ActivationKind, x: string): string {
  switch (fn) {
    case 'relu':
      return g.op1('Relu', [x]);
    case 'leaky_relu':
      return g.op1('LeakyRelu', [x], { alpha: { float: 0.01 } });
    case 'tanh':
      return g.op1('Tanh', [x]);
    case 'sigmoid':
      return g.op1('Sigmoid', [x]);
    case 'softmax':
      return g.op1('Softmax', [x], { axis: -1 });
    case 'linear':
      return x;
    default: {
      const never: never = fn;
      throw new Error(`onnx export: unknown activation ${String(never)}`);
    }
  }
}

function conv(
  g: GraphBuilder,
  cfg: Extract<LayerConfig, { kind: 'conv2d' | 'conv1d' }>,
  inShape: readonly number[],
  w: Weights,
  x: string,
  p: string,
): string {
  const W = w('W');
  const kernel = W.shape.slice(2);
  const s = cfg.stride ?? 1;
  const sides = inShape.slice(1);
  const begin: number[] = [];
  const end: number[] = [];
  sides.forEach((n, a) => {
    const { out, pad } = convAxis(n, kernel[a], s, cfg.padding ?? 'valid');
    const total = cfg.padding === 'same' ? Math.max((out - 1) * s + kernel[a] - n, 0) : 0;
    begin.push(pad);
    end.push(total - pad);
  });
  const y = g.op1('Conv', [x, g.floats(`${p}_W`, W.shape, W.data), g.floats(`${p}_b`, w('b').shape, w('b').data)], {
    kernel_shape: kernel,
    strides: kernel.map(() => s),
    pads: [...begin, ...end],
  });
  return cfg.activation === 'relu' ? g.op1('Relu', [y]) : y;
}

/** Gate blocks of a (rows, G·H) nnm matrix, transposed into ONNX's (G·H, rows) in ONNX gate order. */
function gateRows(m: Float32Array, rows: number, H: number, order: readonly number[]): Float32Array {
  const G = order.length,
    GH = G * H;
  const out = new Float32Array(GH * rows);
  order.forEach((src, dst) => {
    for (let j = 0; j < H; j++) for (let i = 0; i < rows; i++) out[(dst * H + j) * rows + i] = m[i * GH + src * H + j];
  });
  return out;
}

function gateVector(v: Float32Array | undefined, H: number, order: readonly number[]): Float32Array {
  const out = new Float32Array(order.length * H);
  if (v) order.forEach((src, dst) => out.set(v.subarray(src * H, (src + 1) * H), dst * H));
  return out;
}

function recurrent(
  g: GraphBuilder,
  cfg: Extract<LayerConfig, { kind: 'rnn' | 'lstm' | 'gru' }>,
  inShape: readonly number[],
  w: Weights,
  x: string,
  p: string,
): string {
  const [, I] = inShape;
  const H = cfg.units;
  const order = GATES[cfg.kind];
  const GH = order.length * H;
  const bias = new Float32Array(2 * GH);
  bias.set(gateVector(w('b').data, H, order), 0);
  if (cfg.kind === 'gru') bias.set(gateVector(w('bU').data, H, order), GH);
  const inputs = [
    g.op1('Transpose', [x], { perm: [1, 0, 2] }), // (N, T, I) -> (T, N, I): ONNX's default layout
    g.floats(`${p}_W`, [1, GH, I], gateRows(w('W').data, I, H, order)),
    g.floats(`${p}_R`, [1, GH, H], gateRows(w('U').data, H, H, order)),
    g.floats(`${p}_B`, [1, 2 * GH], bias),
  ];
  const op = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' }[cfg.kind];
  const attrs: Record<string, Attr> =
    cfg.kind === 'gru' ? { hidden_size: H, linear_before_reset: 1 } : { hidden_size: H };
  const [Y, Yh] = g.op(op, inputs, attrs, 2); // Y (T, 1, N, H), Y_h (1, N, H)
  if (!cfg.returnSequences) return g.op1('Squeeze', [Yh, g.int64s(`${p}_axis0`, [0])]);
  return g.op1('Transpose', [g.op1('Squeeze', [Y, g.int64s(`${p}_axis1`, [1])])], { perm: [1, 0, 2] });
}
