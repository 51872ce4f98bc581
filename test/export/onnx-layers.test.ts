// Layer translations that the default models do not reach, checked against the engine's own forward
// on synthetic networks with random weights: asymmetric 'same' padding (even kernels), strides,
// batch norm with non-trivial running statistics, average pooling, every activation, returned
// sequences of LSTM/GRU/RNN and the time-distributed dense layer after them.

import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { LayerConfig } from '../../src/engine/layers/registry.js';
import { Sequential } from '../../src/engine/model.js';
import { Rng } from '../../src/engine/rng.js';
import { exportOnnx } from '../../src/export/onnx.js';
import type { LoadedModel } from '../../src/tasks/model.js';
import type { ImagePipeline } from '../../src/data/images.js';
import type { TextPipeline } from '../../src/tasks/text/train.js';
import { predictEnsemble } from '../../src/train/ensemble.js';

function network(inShape: number[], layers: LayerConfig[], seed: number): Sequential {
  const m = new Sequential({ inShape, layers });
  m.init(new Rng(seed));
  const rng = new Rng(seed + 1);
  // Give the batch-norm running statistics values that matter (init leaves mean 0, var 1).
  for (const e of m.manifest.filter((x) => /running_(mean|var)$/.test(x.name))) {
    const n = e.shape.reduce((a, d) => a * d, 1);
    for (let i = 0; i < n; i++) m.params[e.offset + i] = e.name.endsWith('var') ? 0.5 + rng.uniform() : rng.normal();
  }
  return m;
}

function loaded(members: Sequential[], pipeline: unknown): LoadedModel {
  const base = {
    path: 'synthetic.nnm.json',
    model: 'cnn',
    nnmVersion: '0',
    formatVersion: '1.0',
    seed: 42,
    members,
    som: undefined,
  };
  if ((pipeline as { kind?: string }).kind === 'text')
    return { ...base, runner: 'text', task: 'text', pipeline: pipeline as TextPipeline };
  return { ...base, runner: 'image', task: 'image', pipeline: pipeline as ImagePipeline };
}

async function onnxOut(m: LoadedModel, x: ort.Tensor): Promise<Float32Array> {
  const s = await ort.InferenceSession.create(exportOnnx(m).bytes);
  return (await s.run({ [s.inputNames[0]]: x }))[s.outputNames[0]].data as Float32Array;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

const N = 6;
const pixels = (shape: number[], seed: number): Float32Array => {
  const rng = new Rng(seed);
  return Float32Array.from({ length: N * shape.reduce((a, d) => a * d, 1) }, () => rng.uniform());
};
const imagePipeline = (shape: number[], K: number) => ({
  kind: 'image',
  shape,
  source: { kind: 'pixels', columns: [], labelColumn: 'y' },
  scaling: { kind: 'range', min: 0, max: 1, why: '' },
  classes: Array.from({ length: K }, (_, k) => `c${k}`),
});

describe('ONNX layer translations against the engine', () => {
  it.each<[string, number[], LayerConfig[]]>([
    [
      'conv2d 2x2 same (padding at the end), stride 2, batchnorm, avgpool, leaky relu',
      [2, 7, 7],
      [
        { kind: 'conv2d', filters: 4, kernel: 2, padding: 'same', activation: 'relu' },
        { kind: 'batchnorm' },
        { kind: 'conv2d', filters: 3, kernel: [3, 2], stride: 2, padding: 'same' },
        { kind: 'activation', fn: 'leaky_relu' },
        { kind: 'avgpool2d', size: 2 },
        { kind: 'flatten' },
        { kind: 'dense', units: 5 },
        { kind: 'activation', fn: 'sigmoid' },
        { kind: 'dense', units: 3 },
      ],
    ],
    [
      'conv1d kernel 4 same, maxpool/avgpool 1-D, tanh, batchnorm on features',
      [3, 10],
      [
        { kind: 'conv1d', filters: 4, kernel: 4, padding: 'same' },
        { kind: 'activation', fn: 'tanh' },
        { kind: 'maxpool1d', size: 2 },
        { kind: 'conv1d', filters: 2, kernel: 2, stride: 2, padding: 'valid', activation: 'relu' },
        { kind: 'avgpool1d', size: 1 },
        { kind: 'dense', units: 6 },
        { kind: 'batchnorm' },
        { kind: 'dropout', rate: 0.5 },
        { kind: 'dense', units: 4 },
      ],
    ],
  ])('%s', async (_what, inShape, layers) => {
    const K = (layers[layers.length - 1] as { units: number }).units;
    const members = [network(inShape, layers, 3), network(inShape, layers, 9)];
    const x = pixels(inShape, 5);
    const got = await onnxOut(
      loaded(members, imagePipeline(inShape, K)),
      new ort.Tensor('float32', x, [N, ...inShape]),
    );
    expect(maxDiff(got, predictEnsemble(members, x, N, true))).toBeLessThan(1e-5);
  });

  it.each(['lstm', 'gru', 'rnn'] as const)(
    'embedding + %s returning sequences, time_dense, then the last state',
    async (kind) => {
      const T = 5,
        V = 12;
      const layers: LayerConfig[] = [
        { kind: 'embedding', vocab: V, dim: 4 },
        { kind, units: 3, returnSequences: true },
        { kind: 'time_dense', units: 2 },
        { kind, units: 3 },
        { kind: 'dense', units: 2 },
      ];
      const members = [network([T], layers, 11)];
      const rng = new Rng(2);
      const ids = Float32Array.from({ length: N * T }, () => rng.int(V));
      const m = loaded(members, {
        kind: 'text',
        column: 'text',
        target: 'y',
        classes: ['a', 'b'],
        tokenizer: { mode: 'word', vocab: [], length: T },
      });
      const got = await onnxOut(
        m,
        new ort.Tensor(
          'int64',
          BigInt64Array.from(ids, (v) => BigInt(v)),
          [N, T],
        ),
      );
      expect(maxDiff(got, predictEnsemble(members, ids, N, true))).toBeLessThan(1e-5);
    },
  );
});
